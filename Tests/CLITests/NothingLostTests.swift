import Foundation
import Testing

/// No output replaces an input, and a folder is written whole or not at all, even when the
/// run is interrupted.
@Suite struct NothingLostTests {
    /// A folder with a two-student homework (`hw/001/key.json`, …) and `a.csv`, a copy of
    /// student 001's answers template.
    func classFolder() throws -> URL {
        let folder = try TraceBinary.temporaryFolder()
        let made = try TraceBinary.run(["homework", "adam", "--count", "2", "--seed", "7", "--output", "hw"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        try FileManager.default.copyItem(
            at: folder.appendingPathComponent("hw/001/answers.csv"), to: folder.appendingPathComponent("a.csv"))
        return folder
    }

    func contents(_ folder: URL, _ path: String) -> Data? {
        FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
    }

    @Test("an --output that is an input (by any spelling or link) exits 2, names both, and leaves the input as it was", arguments: [
        (["grade", "--key", "hw/001/key.json", "--answers", "a.csv", "--output", "hw/001/key.json"], "hw/001/key.json",
         "--output 'hw/001/key.json' is the key 'hw/001/key.json', which this command reads"),
        (["grade", "--key", "hw/001/key.json", "--answers", "a.csv", "--output", "./a.csv"], "a.csv",
         "--output './a.csv' is the answers 'a.csv', which this command reads"),
        (["grade", "--key", "hw/001/key.json", "--answers", "a.csv", "--output", "key-link"], "hw/001/key.json",
         "--output 'key-link' is the key 'hw/001/key.json', which this command reads"),
        (["grade", "--key", "hw/001/key.json", "--answers", "a.csv", "--output", "hard-link.csv"], "a.csv",
         "--output 'hard-link.csv' is the answers 'a.csv', which this command reads"),
        (["grade", "--key", "hw/001/key.json", "--answers", "hw/001", "--output", "hw/001/results.json"], "hw/001/answers.csv",
         "--output 'hw/001/results.json' is inside the answers 'hw/001', which this command reads"),
        (["adam", "--lesson", "l.yaml", "--format", "json", "--output", "l.yaml"], "l.yaml",
         "--output 'l.yaml' is the lesson 'l.yaml', which this command reads"),
        (["handout", "./l.yaml", "--output", "l.yaml"], "l.yaml",
         "--output 'l.yaml' is the lesson './l.yaml', which this command reads"),
        (["compare", "adam", "sgd", "--lesson", "l.yaml", "--output", "l.yaml"], "l.yaml",
         "--output 'l.yaml' is the lesson 'l.yaml', which this command reads"),
        (["diff", "adam", "--conventions", "lecture,pytorch", "--lesson", "l.yaml", "--output", "l.yaml"], "l.yaml",
         "--output 'l.yaml' is the lesson 'l.yaml', which this command reads"),
    ])
    func anOutputNeverReplacesAnInput(arguments: [String], input: String, says: String) throws {
        let folder = try classFolder()
        try "title: t\n\(TraceBinary.oneSigmoidNeuron())\noptimizer:\n  name: adam\n"
            .write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("key-link").path, withDestinationPath: "hw/001/key.json")
        try FileManager.default.linkItem(at: folder.appendingPathComponent("a.csv"), to: folder.appendingPathComponent("hard-link.csv"))
        let before = contents(folder, input)
        let result = try TraceBinary.run(arguments, in: folder)
        #expect(result.status == 2, "\(result.stderr)")
        let advice = says.contains("inside") ? "write it somewhere else" : "give another file so that it is not replaced"
        #expect(result.stderr == "trace: \(says); \(advice)\n")
        #expect(before != nil && contents(folder, input) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aReportFolderInsideTheKeysIsRefused() throws {
        let folder = try classFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("answers"), withIntermediateDirectories: false)
        let result = try TraceBinary.run(["grade", "--report", "hw/report", "--key-dir", "hw", "--answers-dir", "answers"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderrLines == ["trace: --report 'hw/report' is inside the key folder 'hw', which this command reads; write it somewhere else"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hw/report").path))
    }

    @Test func handoutAllRefusesAFolderThatHoldsFiles() throws {
        let folder = try TraceBinary.temporaryFolder()
        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: false)
        try "my own page".write(to: site.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["handout", "--all", "--output", "site"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderrLines == ["trace: --output 'site' already holds files; give a new folder, so that no file of yours is replaced"])
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) == "my own page")
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.path) == ["index.html"])
    }

    @Test func handoutAllFillsAnEmptyFolder() throws {
        let folder = try TraceBinary.temporaryFolder()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: false)
        let result = try TraceBinary.run(["handout", "--all", "--format", "md", "--output", "site"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/index.md").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasPrefix(".site.tmp-") })
    }

    /// Ctrl-C (SIGINT) and SIGTERM while `homework --count 10000` writes: exit 1, one line that
    /// says nothing was written, no folder and no temporary folder or file.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedHomeworkLeavesNothing(signal: Int32) throws {
        let folder = try TraceBinary.temporaryFolder()
        let errors = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = TraceBinary.url
        process.currentDirectoryURL = folder
        process.arguments = ["homework", "adam", "--count", "10000", "--seed", "1", "--output", "hw"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        func temporary() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".tmp-") }
        }
        // Wait until some students' folders are written, then stop the run.
        var written = 0
        for _ in 0..<1500 {
            if let name = temporary().first {
                written = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)) ?? []).count
                if written >= 20 { break }
            }
            usleep(20_000)
        }
        #expect(written >= 20, "the run should be writing student folders")
        kill(process.processIdentifier, signal)
        for _ in 0..<500 where process.isRunning { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let stderr = try String(contentsOf: errors, encoding: .utf8)
        #expect(stderr == "trace: interrupted; nothing was written to 'hw'\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hw").path))
        #expect(temporary().isEmpty)
    }

    @Test func anInterruptedFileOutputSaysSo() throws {
        let folder = try TraceBinary.temporaryFolder()
        let errors = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        try "precious".write(to: folder.appendingPathComponent("long.json"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = TraceBinary.url
        process.currentDirectoryURL = folder
        process.arguments = ["sgd", "--steps", "5000000", "--format", "json", "--output", "long.json"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        for _ in 0..<500 {
            if ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).contains(where: { $0.contains(".tmp-") }) { break }
            usleep(20_000)
        }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(try String(contentsOf: errors, encoding: .utf8) == "trace: interrupted; nothing was written to 'long.json' (it is as it was)\n")
        #expect(try String(contentsOf: folder.appendingPathComponent("long.json"), encoding: .utf8) == "precious")
    }
}
