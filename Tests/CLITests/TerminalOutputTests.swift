import Foundation
import Testing

/// `--width` and `--color`: piped output is 80 columns and has no escape code; on a terminal
/// (a pseudo-terminal made by util-linux `script`) the width is the terminal's and colour
/// follows `--color`, `NO_COLOR` and `TERM=dumb`.
@Suite struct TerminalOutputTests {
    static let escape = "\u{1B}["

    /// The longest line, in display columns (grapheme clusters: m̂ is one).
    static func longest(_ text: String) -> Int {
        text.split(separator: "\n").map(\.count).max() ?? 0
    }

    /// Runs `trace arguments…` with its standard output on a pseudo-terminal of `columns`
    /// columns, with `environment` added; returns what the terminal showed.
    static func onTerminal(_ arguments: [String], columns: Int = 80, environment: [String: String] = [:]) throws -> String {
        let quoted = ([TraceBinary.url.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "stty cols \(columns) rows 50; " + quoted.joined(separator: " "), "/dev/null"]
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        env["TERM"] = "xterm-256color"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test("piped output is 80 columns wide and has no escape code")
    func pipedIsPlain() throws {
        let result = try TraceBinary.run(["adam", "--steps", "3"])
        #expect(result.status == 0)
        #expect(!result.text.contains(Self.escape))
        #expect(Self.longest(result.text) <= 80)
        #expect(Self.longest(result.text) > 60, "the 80 columns are used")
        #expect(result.text.contains("m̂") && !result.text.contains("m_hat"))
    }

    @Test("--width N fits every line in N columns", arguments: [40, 60, 100, 120])
    func widthFlag(_ width: Int) throws {
        let result = try TraceBinary.run(["adam", "--steps", "2", "--focus", "all", "--width", "\(width)"])
        #expect(result.status == 0)
        #expect(Self.longest(result.text) <= width)
    }

    @Test("--width below 40 is bad usage, exit 2 with one line")
    func widthTooSmall() throws {
        let result = try TraceBinary.run(["adam", "--width", "20"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains("--width must be at least 40 columns, not 20"))
    }

    @Test("--color always colours piped output; never and the default do not")
    func colorFlag() throws {
        #expect(try TraceBinary.run(["adam", "--color", "always"]).text.contains(Self.escape))
        #expect(try !TraceBinary.run(["adam", "--color", "never"]).text.contains(Self.escape))
        #expect(try !TraceBinary.run(["adam", "--color", "auto"]).text.contains(Self.escape))
        let bad = try TraceBinary.run(["adam", "--color", "sometimes"])
        #expect(bad.status == 2 && bad.stderrLines.count == 1)
    }

    @Test("colour is never in a file written with --output, nor in json")
    func noColourInFiles() throws {
        let folder = try TraceBinary.temporaryFolder()
        let shown = try Self.onTerminal(["adam", "--output", folder.appendingPathComponent("run.txt").path], environment: [:])
        #expect(!shown.contains(Self.escape))
        let file = try String(contentsOf: folder.appendingPathComponent("run.txt"), encoding: .utf8)
        #expect(!file.contains(Self.escape))
        #expect(try !Self.onTerminal(["adam", "--format", "json"]).contains(Self.escape))
    }

    @Test("on a terminal: its width, and colour unless NO_COLOR or TERM=dumb")
    func terminal() throws {
        let coloured = try Self.onTerminal(["adam", "--steps", "2"], columns: 64)
        #expect(coloured.contains(Self.escape + "1;36m━━ Step t = 1"), "step headers bold and coloured")
        #expect(coloured.contains(Self.escape + "1;4mW1[1,1]"), "the focused parameter bold and underlined")
        let plainWidth = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(Self.longest(plainWidth) <= 64)
        #expect(Self.longest(plainWidth) > 56, "the terminal's width is used")

        #expect(try !Self.onTerminal(["adam"], environment: ["NO_COLOR": "1"]).contains(Self.escape))
        #expect(try !Self.onTerminal(["adam"], environment: ["TERM": "dumb"]).contains(Self.escape))
        #expect(try Self.onTerminal(["adam"], environment: ["NO_COLOR": ""]).contains(Self.escape), "an empty NO_COLOR is unset")
        #expect(try Self.onTerminal(["adam", "--color", "always"], environment: ["NO_COLOR": "1"]).contains(Self.escape))
        #expect(try !Self.onTerminal(["adam", "--color", "never"]).contains(Self.escape))
        #expect(try Self.longest(Self.onTerminal(["adam", "--width", "100"], columns: 64)) > 64, "--width wins over the terminal")
    }

    /// The bundled lessons' names, as `trace lessons` lists them (the first word of each line).
    static func lessonNames() throws -> [String] {
        try TraceBinary.run(["lessons", "--width", "200"]).text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    @Test("compare, diff (--focus all) and lessons: every line of every bundled lesson fits 60, 80, 100 and 120 columns, piped, with no escape code")
    func otherCommandsFit() throws {
        let lessons = try Self.lessonNames()
        #expect(lessons.count >= 10)
        for width in [60, 80, 100, 120] {
            let flags = ["--width", "\(width)"]
            let list = try TraceBinary.run(["lessons"] + flags)
            #expect(list.status == 0 && Self.longest(list.text) <= width, "lessons at \(width)")
            for lesson in lessons {
                let runs = [
                    ["compare", "gd", "momentum", "adagrad", "rmsprop", "adam", "adamw", "--lesson", lesson, "--steps", "3"],
                    ["diff", "adam", "--conventions", "lecture,pytorch", "--lesson", lesson, "--steps", "2", "--focus", "all"],
                ]
                for arguments in runs {
                    let result = try TraceBinary.run(arguments + flags)
                    #expect(result.status == 0, "\(arguments): \(result.stderr)")
                    #expect(!result.text.contains(Self.escape))
                    let longest = result.text.split(separator: "\n").max { $0.count < $1.count } ?? ""
                    #expect(longest.count <= width, "\(arguments) at \(width): \(longest)")
                }
            }
        }
        // Without --width, piped output is 80 columns.
        let piped = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,pytorch", "--focus", "all"])
        #expect(Self.longest(piped.text) <= 80 && Self.longest(piped.text) > 70, "\(Self.longest(piped.text))")
        #expect(piped.text.contains("m̂") && !piped.text.contains("m_hat"), "the table in the lecture's symbols")
    }

    @Test("compare, diff and lessons on a terminal: its width, colour unless NO_COLOR; bad --width and --color are exit 2")
    func otherCommandsOnTerminal() throws {
        for arguments in [["compare", "gd", "adam", "--steps", "2"], ["diff", "adam", "--conventions", "lecture,keras"], ["lessons"]] {
            let shown = try Self.onTerminal(arguments, columns: 52)
            #expect(arguments[0] == "lessons" || shown.contains(Self.escape + "1;36m"), "\(arguments): headings set apart")
            let plain = shown.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            #expect(Self.longest(plain) <= 52, "\(arguments)")
            #expect(try !Self.onTerminal(arguments, environment: ["NO_COLOR": "1"]).contains(Self.escape), "\(arguments)")
            for bad in [["--width", "10"], ["--color", "sometimes"]] {
                let result = try TraceBinary.run(arguments + bad)
                #expect(result.status == 2 && result.stderrLines.count == 1 && result.stdout.isEmpty, "\(arguments + bad): \(result.stderr)")
            }
        }
    }
}
