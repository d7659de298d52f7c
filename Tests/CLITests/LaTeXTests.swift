import Foundation
import Testing

/// `--format latex` is a standalone document that pdflatex compiles (Debian
/// `texlive-latex-base`, `texlive-latex-recommended`, `texlive-pictures` for pgfplots and `lmodern`,
/// installed by `.ci/run`).
@Suite struct LaTeXTests {
    func compile(_ arguments: [String], lesson: String? = nil, forbidden: [String] = []) throws {
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
        if !forbidden.isEmpty {
            let pdftotext = try #require(
                ["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) }, "apt-get install poppler-utils")
            let extract = Process()
            extract.executableURL = URL(fileURLWithPath: pdftotext)
            extract.arguments = [folder.appendingPathComponent("handout.pdf").path, "-"]
            let textPipe = Pipe()
            extract.standardOutput = textPipe
            try extract.run()
            let text = String(decoding: textPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            extract.waitUntilExit()
            for word in forbidden { #expect(!text.contains(word), "the PDF contains \(word)") }
        }
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

    /// Runs pdflatex on `file` in `folder`; returns its exit status and the `.log` file.
    static func pdflatex(_ file: String, in folder: URL) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdflatex")
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", file]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let log = try String(contentsOf: folder.appendingPathComponent((file as NSString).deletingPathExtension + ".log"), encoding: .utf8)
        return (process.terminationStatus, log)
    }

    static func pdftotext(_ pdf: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [pdf.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    /// Every bundled handout and the index compile on both papers with no line sticking into
    /// the margin and nothing running off a page (no `Overfull \hbox` or `\vbox` in the log), and a command in typewriter type copies
    /// out of the PDF as typed: `--lesson`, never an en dash.
    @Test(arguments: ["a4", "letter"])
    func everyBundledHandoutCompilesWithoutOverfullBoxes(_ paper: String) throws {
        #expect(FileManager.default.isExecutableFile(atPath: "/usr/bin/pdflatex"), "apt-get install texlive-latex-base")
        let folder = try TraceBinary.temporaryFolder()
        let site = folder.appendingPathComponent("site")
        let run = try TraceBinary.run(["handout", "--all", "--format", "latex", "--paper", paper, "--output", site.path], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasSuffix(".tex") }.sorted()
        #expect(files.count >= 17, "\(files)")
        for file in files {
            let (status, log) = try Self.pdflatex(file, in: site)
            #expect(status == 0, "\(file): pdflatex failed")
            let overfull = log.split(separator: "\n").filter { $0.hasPrefix("Overfull") }
            #expect(overfull.isEmpty, "\(file) on \(paper): \(overfull.joined(separator: "; "))")
            #expect(log.contains("* paper: \(paper)paper"), "\(file) is laid out for \(paper)")
        }
        let text = try Self.pdftotext(site.appendingPathComponent("adamw.pdf"))
        #expect(text.contains("--eta 0.02"), "a command copies with its two hyphens")
        #expect(!text.contains("–eta"), "no en dash in a command")
        let quoted = try Self.pdftotext(site.appendingPathComponent("weight-decay-adam-l2.pdf"))
        #expect(quoted.contains("--focus 'W1[1,2]'"), "a quote in a command copies as the straight quote")
        #expect(!quoted.contains("’W1[1,2]’"))
    }

    /// Compare and diff in LaTeX, full and summary, compile on both papers with nothing
    /// sticking out or running off a page: a table longer than a page (diff's 63 rows per
    /// step) is set in pieces that each repeat the header.
    @Test(arguments: ["a4", "letter"])
    func compareAndDiffCompileWithoutOverfullBoxes(_ paper: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let commands: [(String, [String])] = [
            ("diff-full", ["diff", "adam", "--conventions", "lecture,pytorch", "--steps", "3"]),
            ("diff-summary", ["diff", "adam", "--conventions", "lecture,pytorch", "--steps", "5", "--detail", "summary"]),
            ("compare-full", ["compare", "gd", "momentum", "adam", "--lesson", "quadratic-bowl", "--eta", "0.15"]),
            ("compare-summary", ["compare", "adagrad", "rmsprop", "--lesson", "adagrad", "--detail", "summary"]),
        ]
        for (name, arguments) in commands {
            let run = try TraceBinary.run(arguments + ["--format", "latex", "--paper", paper, "--output", "\(name).tex"], in: folder)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let (status, log) = try Self.pdflatex("\(name).tex", in: folder)
            #expect(status == 0, "\(name): pdflatex failed")
            let overfull = log.split(separator: "\n").filter { $0.hasPrefix("Overfull") }
            #expect(overfull.isEmpty, "\(name) on \(paper): \(overfull.joined(separator: "; "))")
        }
        let tex = try String(contentsOf: folder.appendingPathComponent("diff-full.tex"), encoding: .utf8)
        #expect(tex.contains("\\textit{(continued)}"), "the 63-row step table is set in pieces")
    }

    /// The booklet (`--all --booklet`) in LaTeX compiles, twice as its table of contents
    /// needs, with no overfull line on either paper; its contents list every lesson as a
    /// numbered section in lecture order, gradient descent first; in summary each lesson
    /// takes at most 4 pages (from the start pages the contents record).
    @Test(arguments: [("a4", "summary"), ("letter", "summary"), ("a4", "full")])
    func bookletCompiles(_ paper: String, _ detail: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let run = try TraceBinary.run(
            ["handout", "--all", "--booklet", "--detail", detail, "--paper", paper, "--format", "latex", "--output", "course.tex"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        _ = try Self.pdflatex("course.tex", in: folder)
        let (status, log) = try Self.pdflatex("course.tex", in: folder)
        #expect(status == 0)
        let overfull = log.split(separator: "\n").filter { $0.hasPrefix("Overfull") }
        #expect(overfull.isEmpty, "\(overfull)")
        let toc = try String(contentsOf: folder.appendingPathComponent("course.toc"), encoding: .utf8)
        let entries = toc.split(separator: "\n").filter { $0.hasPrefix("\\contentsline {section}") }
        let lessons = try TraceBinary.run(["lessons", "--width", "200"]).text.split(separator: "\n").count
        #expect(entries.count == lessons)
        #expect(entries.first?.contains("{\\numberline {1}Gradient descent") == true, "\(entries.first ?? "")")
        let starts = entries.compactMap { entry in Int(entry.split(separator: "}{").dropFirst(2).first.map(String.init) ?? "") }
        let pages = try #require(log.range(of: #"\((\d+) pages"#, options: .regularExpression).map { Int(log[$0].dropFirst().prefix { $0.isNumber }) ?? 0 })
        #expect(starts.count == lessons, "\(entries)")
        if detail == "summary" {
            for (k, start) in starts.enumerated() {
                let end = k + 1 < starts.count ? starts[k + 1] : pages + 1
                #expect(end - start <= 4, "\(entries[k]) takes \(end - start) pages")
            }
        }
    }

    /// A lesson's code block cannot close a verbatim environment and read a file into the PDF
    /// (a file holding a marker the PDF must not contain); links, images and a title with
    /// blank lines compile.
    @Test func proseCannotReadFilesOrBreakTheBuild() throws {
        let marker = "SECRETMARKER\(UInt32.random(in: 100_000...999_999))"
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("trace-secret-\(UUID().uuidString).tex")
        try marker.write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        try compile(["gd", "--lesson", "lesson.yaml"], lesson: """
            title: "Two\\n\\nparagraphs in a title"
            summary: |
              See [the post](https://example.com/a_b%20c#x) and ![a picture](/etc/passwd).

                  \\end{verbatim}\\input{\(secret.path)}\\begin{verbatim}

              - a list item with `code_and_#`
              1. a numbered one
            \(TraceBinary.oneSigmoidNeuron())
            """, forbidden: [marker])
    }

    /// TeX's special characters and Unicode in lesson text must not break the build or inject commands.
    @Test func hostileLessonTextCompiles() throws {
        try compile(["gd", "--lesson", "lesson.yaml"], lesson: """
            title: 'Specials # $ % & _ { } ~ ^ \\input{/etc/passwd} \\end{document} — η ≠ ∑ 日本'
            summary: |
              Prose with \\def\\x{1}, $math$, 50% & more_underscores, `code`, **bold**,
              <script>alert(1)</script> and Unicode: β₁, m̂, ½, →, ✓.
            \(TraceBinary.oneSigmoidNeuron())
            """)
    }
}
