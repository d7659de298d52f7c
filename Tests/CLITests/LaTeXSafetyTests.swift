import Foundation
import Testing

/// No lesson text breaks the LaTeX build: every construct a summary can hold, every
/// character, and every lesson of the fuzz corpus that loads compile with pdflatex.
@Suite struct LaTeXSafetyTests {
    static let pdflatex = "/usr/bin/pdflatex"

    /// Compiles `tex` with pdflatex (no shell escape); returns pdflatex's `!` lines (empty on success).
    static func compile(_ tex: String, in folder: URL) throws -> [String] {
        try tex.write(to: folder.appendingPathComponent("doc.tex"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdflatex)
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex"]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let errors = log.split(separator: "\n").filter { $0.hasPrefix("!") }.map(String.init)
        return process.terminationStatus == 0 ? [] : (errors.isEmpty ? ["pdflatex exited \(process.terminationStatus)"] : errors)
    }

    /// A lesson with `summary` (written as a YAML block) on the one-neuron network.
    static func lesson(summary: String) -> String {
        let indented = summary.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
        return "title: Hostile prose\nsummary: |\n\(indented)\n\(TraceBinary.oneSigmoidNeuron())\noptimizer:\n  name: sgd\n"
    }

    /// Each summary once broke the build or lost a character (issue 15's cases, and what else
    /// LaTeX refuses: `\\` with no line to end, lists nested past LaTeX's limit of 6).
    static let summaries: [(name: String, summary: String, mustContain: [String])] = [
        ("a code block whose first line is blank", "```\n\nx = 1\n```", ["\\mbox{}x~=~1"]),
        ("a hard line break first in a paragraph", "\\\nsecond line", []),
        ("≠ and other symbols", "w ≠ 0, x ∈ ℝ, ∑ g², ∇L ⇒ ⟨a, b⟩ ≡ 1", ["$\\neq$", "$\\in$", "$\\sum$", "$\\nabla$"]),
        ("letters pdflatex has no T1 glyph for, and emoji", "Ħ ħ ĸ Ŀ ŀ ŉ Ŧ ŧ 😀 ✓ ☃", ["[U+1F600]", "[U+2713]"]),
        ("combining accents", "e\u{301} x\u{302} q\u{308}\u{301}", ["\\^{x}"]),
        ("quotes nested 8 deep with code", String(repeating: "> ", count: 8) + "deep\n" + String(repeating: "> ", count: 8) + "\n"
            + String(repeating: "> ", count: 8) + "    \n" + String(repeating: "> ", count: 8) + "    code", []),
        ("lists nested 9 deep", (0..<9).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n"), []),
        ("ordered lists nested 6 deep", (0..<6).map { String(repeating: "   ", count: $0) + "1. item \($0)" }.joined(separator: "\n"), []),
        ("TeX specials everywhere", "# \\ { } $ & # _ % ^ ~ < > |\n\n*\\\\end{document}* `\\input{x}` [\\\\x](http://a.b/%_#) ---", []),
    ]

    @Test("a lesson summary compiles whatever it holds", arguments: summaries.indices)
    func summaryCompiles(_ index: Int) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.pdflatex), "apt-get install texlive-latex-base")
        let (name, summary, mustContain) = Self.summaries[index]
        let folder = try TraceBinary.temporaryFolder()
        try Self.lesson(summary: summary).write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let run = try TraceBinary.run(["handout", "l.yaml", "--format", "latex"], in: folder)
        #expect(run.status == 0, "\(name): \(run.stderr)")
        #expect(try Self.compile(run.text, in: folder) == [], "\(name)")
        for piece in mustContain { #expect(run.text.contains(piece), "\(name): \(piece)") }
        #expect(!run.text.contains("?"), "\(name): no character becomes '?'")
    }

    /// Every character a lesson can hold (all of the Basic Multilingual Plane but surrogates,
    /// line separators and the byte order mark, plus a block of emoji) compiles: mapped, passed
    /// to a T1 font that has it, or written as its code point.
    @Test func everyCharacterCompiles() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.pdflatex), "apt-get install texlive-latex-base")
        let excluded: Set<UInt32> = [0x2028, 0x2029, 0xFEFF]
        let values = Array(0x21..<0x7F) + Array(0xA0..<0xD800) + Array(0xE000..<0xFFFE) + Array(0x1F300..<0x1F400)
        let characters = values.compactMap { Unicode.Scalar(UInt32($0)) }.filter { !excluded.contains($0.value) }.map(Character.init)
        // Markdown's own punctuation would make a construct, not text; the constructs are tested above.
        let text = characters.filter { !"\\`*_[]<>#!&|~^{}$%-+=.:;\"'".contains($0) }
        let summary = stride(from: 0, to: text.count, by: 60).map { String(text[$0..<min($0 + 60, text.count)]) }.joined(separator: "\n\n")
        let folder = try TraceBinary.temporaryFolder()
        try Self.lesson(summary: summary).write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let run = try TraceBinary.run(["handout", "l.yaml", "--format", "latex"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.compile(run.text, in: folder) == [])
        #expect(run.text.contains("$\\neq$") && run.text.contains("[U+1F300]"))
    }

    /// Issue 15's case: `--format md` kept links the HTML writer removed. One policy now keeps
    /// only http, https, mailto and relative links in every format.
    @Test(arguments: ["md", "html", "latex"])
    func scriptLinksLeaveEveryFormat(format: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let summary = "[x](javascript:alert(3)) [y](vbscript:msgbox(1)) [z](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org/notes)"
        try Self.lesson(summary: summary).write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let run = try TraceBinary.run(["handout", "l.yaml", "--format", format], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        for scheme in ["javascript:", "vbscript:", "data:text/html"] { #expect(!run.text.contains(scheme), "\(format): \(scheme)") }
        #expect(run.text.contains("https://example.org/notes"))
    }

    /// The lessons the fuzzer starts from and keeps (fuzz/corpus/lessons) and the reference
    /// lessons: each one that loads is rendered as LaTeX and compiled. The corpus is large, so
    /// the test compiles a fixed sample of `sampleSize` (every k-th file, sorted by name);
    /// `TRACE_LATEX_CORPUS=all` compiles every one.
    static let sampleSize = 40

    @Test func everyLoadableCorpusLessonCompiles() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.pdflatex), "apt-get install texlive-latex-base")
        var files: [URL] = []
        for folder in ["fuzz/corpus/lessons", "Tests/Fixtures/reference/lessons"] {
            let url = TraceBinary.repository.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            files += names.sorted().map { url.appendingPathComponent($0) }
        }
        #expect(files.count >= 8)
        let all = ProcessInfo.processInfo.environment["TRACE_LATEX_CORPUS"] == "all"
        let stride = all ? 1 : max(1, files.count / Self.sampleSize)
        var compiled = 0
        for (index, file) in files.enumerated() where index % stride == 0 {
            let folder = try TraceBinary.temporaryFolder()
            var run = try TraceBinary.run(["handout", file.path, "--format", "latex"], in: folder)
            if run.status == 2, run.stderr.contains("names no optimizer") {
                run = try TraceBinary.run(["sgd", "--lesson", file.path, "--format", "latex"], in: folder)
            }
            #expect(run.status == 0 || run.status == 2, "\(file.lastPathComponent): \(run.stderr)")
            guard run.status == 0 else { continue }  // a lesson that does not load has nothing to compile
            #expect(try Self.compile(run.text, in: folder) == [], "\(file.lastPathComponent)")
            compiled += 1
        }
        #expect(compiled >= 8, "at least the reference lessons load")
    }
}
