import Foundation
import Testing

/// `trace quiz` as a student runs it: answers piped on standard input, one a line, and at a
/// real terminal in tmux. The answers are the numpy reference's (`misconceptions.json`, from
/// `Tests/Fixtures/reference/make_misconception_fixtures.py`): a student who computes
/// everything right (the key) and one who leaves out Adam's bias correction.
@Suite struct QuizCommandTests {
    /// The reference case's lesson (`tanh-sigmoid-2-2-1.yaml`) with its optimizer and training:
    /// Adam in the lecture's convention, η = 0.01, 3 updates on batches of 2.
    static func lesson(in folder: URL) throws -> String {
        let base = try String(contentsOfFile: TraceBinary.fixture("reference/lessons/tanh-sigmoid-2-2-1.yaml"), encoding: .utf8)
        let text = base + """

            optimizer:
              name: adam
              eta: 0.01
              beta1: 0.9
              beta2: 0.999
              epsilon: 1.0e-8
            training:
              steps: 3
              batch_size: 2

            """
        let path = folder.appendingPathComponent("lesson.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The reference student `mc-bias-correction-omitted-adam-lecture`: the key's values and their answers, in asked order.
    static func reference() throws -> (key: [Double], answers: [Double]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: TraceBinary.fixture("reference/misconceptions.json")))
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let cases = try #require(file["cases"] as? [[String: Any]])
        let fixture = try #require(cases.first { $0["name"] as? String == "mc-bias-correction-omitted-adam-lecture" })
        let expected = try #require(fixture["expected"] as? [[String: Any]])
        let answers = try #require(fixture["answers"] as? [[String: Any]])
        return (expected.compactMap { $0["key"] as? Double }, answers.compactMap { $0["value"] as? Double })
    }

    static let arguments = ["quiz", "adam", "--parameter", "W1[1,1],W2[1,1]"]

    static func quiz(_ lines: [String], extra: [String] = []) throws -> TraceBinary.Result {
        let folder = try TraceBinary.temporaryFolder()
        let lesson = try lesson(in: folder)
        return try TraceBinary.run(arguments + ["--lesson", lesson] + extra, in: folder, input: lines.map { $0 + "\n" }.joined())
    }

    static func unwrapped(_ text: String) -> String {
        text.replacing(/\n[ ]{2,}(?=\S)/, with: " ").replacing(/[ ]{2,}/, with: " ")
    }

    @Test("answered right throughout: a perfect summary, exit 0, every line within 80 columns, no escape code")
    func perfect() throws {
        let result = try Self.quiz(try Self.reference().key.map { String($0) })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.hasSuffix("\nSummary: 36 of 36 values right. A perfect run.\n"), "\(result.text.suffix(300))")
        #expect(result.text.components(separatedBy: "\n  Right: ").count - 1 == 36)
        #expect(!result.text.contains("\u{1B}"))
        for line in result.text.split(separator: "\n") {
            #expect(line.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }.count <= 80, "\(line)")
        }
    }

    @Test("answered with the bias correction left out: the mistake is named, as it happens and in the summary")
    func biasCorrectionLeftOut() throws {
        let result = try Self.quiz(try Self.reference().answers.map { String($0) })
        #expect(result.status == 0, "\(result.stderr)")
        let text = Self.unwrapped(result.text)
        #expect(text.contains("A known mistake gives your answer: bias correction left out (m̂(1) = m = 0.00143727)"))
        #expect(text.contains("\nSummary: 21 of 36 values right (14 from your own earlier values, carried forward); 15 not right.\n"))
        #expect(text.contains("\nMistakes seen: bias correction left out (m̂ at t = 1, v̂ at t = 1, g at t = 2,"))
    }

    @Test("garbage and empty lines are asked again, then the end of input ends with the summary and exit 0")
    func garbageThenEndOfInput() throws {
        let result = try Self.quiz(["hello", "", "0.0143727", "1,2,3", "\u{1B}[A", "?"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.text.contains("\"hello\" is not a number"))
        #expect(result.text.contains("Nothing typed."))
        #expect(result.text.contains("\"\\u{1B}[A\" is not a number"))
        #expect(result.text.hasSuffix("\n\nEnd of input.\nSummary: 1 of 36 values right; 1 revealed; 34 not reached.\n"), "\(result.text.suffix(300))")
    }

    @Test("q stops at once; no input at all ends cleanly")
    func quitAndNothing() throws {
        let quit = try Self.quiz(["q", "0.5"])
        #expect(quit.status == 0)
        #expect(quit.text.hasSuffix("\nStopped.\nSummary: 0 of 36 values right; 36 not reached.\n"), "\(quit.text.suffix(200))")
        let nothing = try Self.quiz([])
        #expect(nothing.status == 0)
        #expect(nothing.text.hasSuffix("\n\nEnd of input.\nSummary: 0 of 36 values right; 36 not reached.\n"))
    }

    @Test("a long line of junk is asked again, not a crash")
    func longLine() throws {
        let result = try Self.quiz([String(repeating: "9x", count: 50_000), "q"])
        #expect(result.status == 0)
        #expect(result.text.contains("is not a number"))
        #expect(result.text.hasSuffix("\nStopped.\nSummary: 0 of 36 values right; 36 not reached.\n"))
    }

    @Test("--seed draws the variant homework gives student 001; bad flags are exit 2 with one line")
    func seedAndBadFlags() throws {
        let folder = try TraceBinary.temporaryFolder()
        let seeded = try TraceBinary.run(["quiz", "adam", "--seed", "7", "--steps", "1"], in: folder, input: "?\n")
        #expect(seeded.status == 0)
        let homework = try TraceBinary.run(["homework", "default", "--optimizer", "adam", "--count", "1", "--seed", "7", "--steps", "1", "--output", "hw"], in: folder)
        #expect(homework.status == 0, "\(homework.stderr)")
        let key = try String(contentsOf: folder.appendingPathComponent("hw/001/key.json"), encoding: .utf8)
        // The revealed g is the key's g of W2[1,1] at t = 1 (the default parameter), to 6 digits.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(key.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        let parameters = try #require(steps.first?["parameters"] as? [String: [String: Double]])
        let g = try #require(parameters["W2[1,1]"]?["g"])
        let shown = try #require(Self.unwrapped(seeded.text).firstMatch(of: /The value: g = .* = (\S+) \(at the weights/)?.1)
        let value = try #require(Double(shown))
        #expect(abs(value - g) <= 5e-6 * abs(g), "shown \(shown), key \(g)")

        for (arguments, message) in [
            (["quiz"], "Missing expected argument"),
            (["quiz", "adamm"], "adam"),
            (["quiz", "adam", "--ask", "m,vhat"], "--ask: adam has no quantity 'vhat'"),
            (["quiz", "adam", "--steps", "0"], "--steps for homework must be between 1 and 100"),
            (["quiz", "adam", "--lesson", "nope.yaml"], "nope.yaml"),
            (["quiz", "adam", "--width", "10"], "--width must be at least 40"),
            (["quiz", "adam", "--color", "sometimes"], "sometimes"),
        ] {
            let result = try TraceBinary.run(arguments, input: "")
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.text.isEmpty)
        }
    }

    @Test("Ctrl-C at the prompt ends with the summary and exit 0")
    func interrupt() throws {
        let folder = try TraceBinary.temporaryFolder()
        let lesson = try Self.lesson(in: folder)
        let process = Process()
        process.executableURL = TraceBinary.url
        process.arguments = Self.arguments + ["--lesson", lesson]
        let input = Pipe()
        let outputPath = folder.appendingPathComponent("out.txt")
        _ = FileManager.default.createFile(atPath: outputPath.path, contents: nil)
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: outputPath)
        try process.run()
        input.fileHandleForWriting.write(Data("0.0143727\n".utf8))
        let prompt = "m of W1[1,1] at t = 1? "
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !((try? String(contentsOf: outputPath, encoding: .utf8)) ?? "").hasSuffix(prompt) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.interrupt()
        process.waitUntilExit()
        let text = try String(contentsOf: outputPath, encoding: .utf8)
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(text.hasSuffix(prompt + "\n\nInterrupted.\nSummary: 1 of 36 values right; 35 not reached.\n"), "\(text.suffix(300))")
    }
}

/// `trace quiz` at a real 80×50 terminal: tmux runs it, keys are typed with send-keys and the
/// screen is read with capture-pane.
@Suite(.enabled(if: TmuxTerminal.isAvailable, "tmux is not installed (apt-get install tmux), so the quiz is not tried at a real terminal"))
struct QuizTerminalTests {
    @Test("typed answers, ? and Ctrl-C at an 80-column terminal: feedback, no wrapped line, the summary, exit 0")
    func quizInTmux() throws {
        let folder = try TraceBinary.temporaryFolder()
        let lesson = try QuizCommandTests.lesson(in: folder)
        let terminal = try TmuxTerminal(
            command: [TraceBinary.url.path] + QuizCommandTests.arguments + ["--lesson", lesson], in: folder)
        defer { terminal.close() }
        let key = try QuizCommandTests.reference().key
        try terminal.waitFor("g of W1[1,1] at t = 1? ")
        try terminal.type(String(key[0]))
        try terminal.waitFor("m of W1[1,1] at t = 1? ")
        try terminal.type("what")
        try terminal.waitFor("is not a number")
        try terminal.type("?")
        try terminal.waitFor("v of W1[1,1] at t = 1? ")
        try terminal.type("0.5")
        try terminal.waitFor("m̂ of W1[1,1] at t = 1? ")
        try terminal.interrupt()
        let screen = try terminal.waitFor("exit status 0")
        #expect(screen.contains("Right: 0.0143727."))
        #expect(screen.contains("\"what\" is not a number"))
        #expect(screen.contains("The value: m(1) = β₁·m + (1 − β₁)·g ="))
        #expect(screen.contains("Not right:"))
        #expect(screen.contains("Interrupted.\nSummary: 1 of 36 values right; 1 not right; 1 revealed; 33 not reached."))
        // Joined, the screen's lines are the program's: none was wider than the terminal.
        for line in try terminal.capture(joined: true).split(separator: "\n") {
            #expect(line.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }.count <= 80, "\(line)")
        }
    }
}

extension QuizTerminalTests {
    @Test("trace quiz adam --steps 1 as a student first types it: ? reveals, a wrong value is not right, garbage is asked again, Ctrl-C ends with the summary")
    func defaultLessonInTmux() throws {
        let folder = try TraceBinary.temporaryFolder()
        let terminal = try TmuxTerminal(command: [TraceBinary.url.path, "quiz", "adam", "--steps", "1"], in: folder)
        defer { terminal.close() }
        try terminal.waitFor("g of W2[1,1] at t = 1? ")
        try terminal.type("?")
        try terminal.waitFor("m of W2[1,1] at t = 1? ")
        try terminal.type("0.5")
        try terminal.waitFor("v of W2[1,1] at t = 1? ")
        try terminal.type("abc")
        try terminal.waitFor("\"abc\" is not a number")
        try terminal.interrupt()
        let screen = try terminal.waitFor("exit status 0")
        #expect(screen.contains("The value: g = mean over the batch of δ2[1]·a1[1]"))
        #expect(screen.contains("Not right:"))
        #expect(screen.contains("Interrupted.\nSummary: 0 of 6 values right; 1 not right; 1 revealed; 4 not reached."))
        for line in try terminal.capture(joined: true).split(separator: "\n") {
            #expect(line.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }.count <= 80, "\(line)")
        }
    }
}

/// A tmux server of its own (its own socket, no configuration) with one 80×50 window running
/// a command; after the command, the window says its exit status and stays.
struct TmuxTerminal {
    static let executable: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    static var isAvailable: Bool { executable != nil }

    let socket = "trace-quiz-\(UUID().uuidString.prefix(8))"

    init(command: [String], in folder: URL) throws {
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script = "cd '\(folder.path)' && \(quoted); echo \"exit status $?\"; sleep 600"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", "80", "-y", "50", "-s", "quiz", script])
    }

    /// Runs `tmux -L socket arguments…` and returns its standard output. Spawned with every
    /// descriptor above 2 closed: the tmux server it may start outlives it, and a descriptor it
    /// inherited (such as Foundation's `Process` watch socket of another test's child) would
    /// keep that child looking alive until the server ends.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let executable = Self.executable ?? "/usr/bin/tmux"
        var cArguments = ([executable, "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        // The test runner's threads block most signals, and a child inherits the mask: the
        // tmux server and the quiz it runs get the default one, so Ctrl-C reaches the quiz.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self)
    }

    /// This process's open file descriptors (Linux's /proc/self/fd; none elsewhere).
    static func openDescriptors() -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
    }

    func capture(joined: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-S", "-", "-t", "quiz"] + (joined ? ["-J"] : []))
    }

    /// The screen once it shows `text` (waiting up to a minute: builds may load the machine).
    @discardableResult
    func waitFor(_ text: String) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while true {
            let screen = try capture(joined: true)
            if screen.contains(text) { return screen }
            if Date() > deadline {
                Issue.record("the terminal never showed \"\(text)\"; it shows:\n\(screen)")
                return screen
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    func type(_ line: String) throws {
        try tmux(["send-keys", "-t", "quiz", "-l", line])
        try tmux(["send-keys", "-t", "quiz", "Enter"])
    }

    func interrupt() throws {
        try tmux(["send-keys", "-t", "quiz", "C-c"])
    }

    func close() {
        _ = try? tmux(["kill-server"])
    }
}
