import Foundation
import Testing

/// `--output`: whole or not at all, and never destructive to what the path points at.
@Suite struct OutputFileTests {
    func leftovers(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
    }

    @Test func aSymbolicLinkIsFollowedAndKept() throws {
        let folder = try TraceBinary.temporaryFolder()
        let real = folder.appendingPathComponent("real.json")
        let link = folder.appendingPathComponent("link.json")
        try "old".write(to: real, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.json")
        let result = try TraceBinary.run(["adam", "--format", "json", "--output", "link.json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.json")
        #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix("{\n\"schema\": \"trace/v1\""))
        #expect(try leftovers(folder).isEmpty)
    }

    @Test func aDeviceIsWrittenNotReplaced() throws {
        let direct = try TraceBinary.run(["adam", "--format", "csv", "--output", "/dev/stdout"])
        let normal = try TraceBinary.run(["adam", "--format", "csv"])
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(direct.stdout == normal.stdout)
        var status = stat()
        #expect(lstat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
        let null = try TraceBinary.run(["adam", "--output", "/dev/null"])
        #expect(null.status == 0)
        #expect(lstat("/dev/null", &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR, "/dev/null is still a device")
    }

    /// /dev/stdout into a pipe: its link leads to `pipe:[…]`, which must not be followed by hand.
    @Test func standardOutputIntoAPipe() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" adam --format csv --output /dev/stdout | head -1", TraceBinary.url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "t,epoch,parameter,eta,loss,w,g,m,v,m_hat,v_hat,w_new\n")
    }

    @Test func aDanglingLinkGetsItsFile() throws {
        let folder = try TraceBinary.temporaryFolder()
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: "new.csv")
        let result = try TraceBinary.run(["adam", "--format", "csv", "--output", "link.csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path) == "new.csv")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("new.csv").path))
    }

    @Test func anExistingFileKeepsItsPermissions() throws {
        let folder = try TraceBinary.temporaryFolder()
        let path = folder.appendingPathComponent("private.json").path
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        let result = try TraceBinary.run(["adam", "--format", "json", "--output", "private.json"], in: folder)
        #expect(result.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anInterruptedRunLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try TraceBinary.temporaryFolder()
        let path = folder.appendingPathComponent("long.json")
        try "precious".write(to: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = TraceBinary.url
        process.arguments = ["sgd", "--steps", "5000000", "--format", "json", "--output", path.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until the run is writing its temporary file, then stop it.
        for _ in 0..<500 {
            if try !leftovers(folder).isEmpty { break }
            usleep(20_000)
        }
        #expect(try !leftovers(folder).isEmpty, "the run should be writing a temporary file")
        process.terminate()
        for _ in 0..<500 where process.isRunning { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "the contract's status for anything else")
        #expect(try String(contentsOf: path, encoding: .utf8) == "precious")
        #expect(try leftovers(folder).isEmpty)
    }
}
