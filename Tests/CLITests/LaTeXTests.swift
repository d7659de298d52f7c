import Foundation
import Testing

/// `--format latex` is a standalone document that pdflatex compiles (Debian
/// `texlive-latex-base`, `texlive-latex-recommended` and `lmodern`, installed by `.ci/run`).
@Suite struct LaTeXTests {
    func compile(_ arguments: [String], lesson: String? = nil) throws {
        let folder = try TraceBinary.temporaryFolder()
        if let lesson { try lesson.write(to: folder.appendingPathComponent("lesson.yaml"), atomically: true, encoding: .utf8) }
        let run = try TraceBinary.run(arguments + ["--format", "latex", "--output", "handout.tex"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let pdflatex = try #require(
            ["/usr/bin/pdflatex"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "pdflatex is needed: apt-get install texlive-latex-base texlive-latex-recommended lmodern")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdflatex)
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "handout.tex"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pdflatex failed:\n\(log.split(separator: "\n").filter { $0.hasPrefix("!") }.joined(separator: "\n"))")
        let pdf = try Data(contentsOf: folder.appendingPathComponent("handout.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        // Lesson text never becomes a TeX command.
        let tex = try String(contentsOf: folder.appendingPathComponent("handout.tex"), encoding: .utf8)
        for command in ["\\input{", "\\def\\", "\\end{document} —"] {
            #expect(!tex.contains(command), "found \(command)")
        }
    }

    @Test("every optimizer's handout compiles", arguments: ["gd", "momentum", "adagrad", "rmsprop", "adam", "adamw"])
    func compiles(_ optimizer: String) throws {
        try compile([optimizer, "--steps", "2", "--convention", "pytorch", "--schedule", "step", "--l2", "0.01"])
    }

    @Test func everyBundledLessonCompiles() throws {
        let lessons = try TraceBinary.run(["lessons"]).text.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        for lesson in lessons { try compile(["handout", lesson]) }
    }

    /// TeX's special characters and Unicode in lesson text must not break the build or inject commands.
    @Test func hostileLessonTextCompiles() throws {
        try compile(["gd", "--lesson", "lesson.yaml"], lesson: """
            title: 'Specials # $ % & _ { } ~ ^ \\input{/etc/passwd} \\end{document} — η ≠ ∑ 日本'
            summary: |
              Prose with \\def\\x{1}, $math$, 50% & more_underscores, `code`, **bold**,
              <script>alert(1)</script> and Unicode: β₁, m̂, ½, →, ✓.
            model:
              loss: half_sse
              layers:
                - activation: sigmoid
                  weights: [[0.5]]
            data:
              inputs: [[1.0]]
              targets: [[0.0]]
            """)
    }
}
