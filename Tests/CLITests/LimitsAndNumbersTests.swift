import Foundation
import Testing

/// One grammar for numbers everywhere, lesson limits refused at their line, roster ids that
/// every file system accepts, and messages without library names (issue 15's cases).
@Suite struct LimitsAndNumbersTests {
    /// A lesson whose only weight is written `weight`.
    static func lesson(weight: String) -> String {
        "title: t\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[\(weight)]]\ndata:\n  inputs: [[1.0]]\n  targets: [[0.0]]\n"
    }

    static let notDecimal = "is not a decimal number; write digits with an optional sign, point and exponent, e.g. 0.01, -2.5 or 4.8e-08"

    @Test("a lesson's number that is not decimal is refused at its line with the one message", arguments: [
        ("0x10", "'0x10' \(notDecimal)"), ("0o17", "'0o17' \(notDecimal)"), ("1_0.5", "'1_0.5' \(notDecimal)"),
        ("1e309", "'1e309' is too large for a double (at most about 1.8e308 in size)"),
        (".inf", "'.inf' is not a finite number; write a finite decimal number, e.g. 0.01"),
    ])
    func lessonNumbers(weight: String, says: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        try Self.lesson(weight: weight).write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["sgd", "--lesson", "l.yaml", "--format", "csv"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "l.yaml:6:18: W1[1,1]: \(says)\n")
    }

    /// `+.5` and `5.` are numbers (Python's float() and C's strtod read them so); `1e-400` is the
    /// double nearest it, 0 (IEEE 754 round to nearest: below half the smallest subnormal, 2⁻¹⁰⁷⁵).
    @Test("signs, bare points and underflow are read as every double parser reads them", arguments: [
        ("+.5", "0.5"), ("5.", "5.0"), ("1e-400", "0.0"), ("-1E-400", "-0.0"),
    ])
    func acceptedNumbers(weight: String, value: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        try Self.lesson(weight: weight).write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["sgd", "--lesson", "l.yaml", "--format", "csv"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // t,epoch,"W1[1,1]",eta,loss,w,…: the quoted name holds a comma.
        let row = result.text.split(separator: "\n")[1].split(separator: ",")
        #expect(row[6] == value, "the w column of step 1: \(row)")
    }

    @Test("a flag's number follows the same grammar, with the same words", arguments: [
        (["adam", "--eta", "0x10"], "--eta: '0x10' \(notDecimal)"),
        (["adam", "--eta", "1_0"], "--eta: '1_0' \(notDecimal)"),
        (["adam", "--eta", "1e309"], "--eta: '1e309' is too large for a double (at most about 1.8e308 in size)"),
        (["grade", "--key", "k.json", "--answers", "a.csv", "--rtol", "0x1p-3"], "--rtol: '0x1p-3' \(notDecimal)"),
        (["compare", "adam", "sgd", "--eta", "1_0"], "--eta: '1_0' \(notDecimal)"),
        (["adam", "--steps", "0x10"], "--steps: '0x10' is not a whole number; write digits only, e.g. 3"),
        (["minibatch", "--batch-size", "-1"], "--batch-size must be full or a whole number of samples of at least 1, not '-1'"),
    ])
    func flagNumbers(arguments: [String], says: String) throws {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("trace: \(says)"), "\(result.stderr)")
    }

    @Test func aFlagAcceptsASignAndABarePoint() throws {
        let result = try TraceBinary.run(["adam", "--eta", "+.5", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.split(separator: "\n")[1].split(separator: ",")[4] == "0.5", "the eta column (the quoted name holds a comma)")
    }

    @Test("an answer in hex or with an underscore is refused like any text, and graded 0", arguments: ["0x10", "1_0"])
    func answerNumbers(value: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let made = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "3", "--output", "hw"], in: folder)
        #expect(made.status == 0)
        var lines = try String(contentsOf: folder.appendingPathComponent("hw/001/answers.csv"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] += value
        try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "a.csv", "--output", "r.json"], in: folder)
        #expect(result.status == 0)
        let results = try String(contentsOf: folder.appendingPathComponent("r.json"), encoding: .utf8)
        #expect(results.contains("is \\\"\(value)\\\", which is not a number"), "\(results.prefix(600))")
    }

    @Test("roster ids that break a file system or a shell are refused at their line", arguments: [
        ("CON", "(CON is a device name on Windows)"), ("nul", "(NUL is a device name on Windows)"),
        ("aux.txt", "(AUX is a device name on Windows)"), ("COM1.csv", "(COM1 is a device name on Windows)"),
        ("-rf", "(a name starting with '-' is read as an option by commands such as rm)"), ("ana.", "(Windows drops a final '.')"),
    ])
    func rosterIds(id: String, reason: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        try "id\nok1\n\(id)\n".write(to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["homework", "adam", "--roster", "r.csv", "--seed", "1", "--output", "hw"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("r.csv:3:1: the id '\(id)' cannot name a folder \(reason); "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hw").path))
    }

    @Test func aSecondIdColumnIsRefused() throws {
        let folder = try TraceBinary.temporaryFolder()
        try "id,name,sid\na1,Ann,s9\n".write(to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["homework", "adam", "--roster", "r.csv", "--seed", "1", "--output", "hw"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "r.csv:1:3: the roster has a second id column ('sid' after 'id' in column 1); keep one, so that it is clear which id names each folder\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("hw").path))
    }

    // MARK: - Limits

    /// `rows` rows of `columns` weights each.
    static func matrix(_ rows: Int, _ columns: Int) -> String {
        "[" + Array(repeating: "[" + Array(repeating: "0.1", count: columns).joined(separator: ", ") + "]", count: rows).joined(separator: ", ") + "]"
    }

    static func network(_ layers: [String], samples: Int = 1, inputs: Int = 1, steps: Int? = nil) -> String {
        let sample = "[" + Array(repeating: "1.0", count: inputs).joined(separator: ", ") + "]"
        return "title: big\nmodel:\n  loss: half_sse\n  layers:\n"
            + layers.map { "    - activation: identity\n      weights: \($0)\n" }.joined()
            + "data:\n  inputs: [" + Array(repeating: sample, count: samples).joined(separator: ", ") + "]\n"
            + "  targets: [" + Array(repeating: "[0.0]", count: samples).joined(separator: ", ") + "]\n"
            + (steps.map { "training:\n  steps: \($0)\n" } ?? "")
    }

    @Test("each limit is refused at the line that breaks it", arguments: [
        (network(Array(repeating: "[[0.5]]", count: 2001)), "l.yaml:4005:7: the network has 2001 layers; a lesson may have at most 2000"),
        (network([matrix(1001, 1), matrix(1, 1001)]), "l.yaml:6:16: layer 1 has 1001 units; a lesson's layers may have at most 1000 units and inputs each"),
        (network([matrix(90, 90), matrix(90, 90), matrix(1, 90)], inputs: 90),
         "l.yaml:8:16: with layer 2 the network has 16380 weights and biases; a lesson may have at most 10000"),
        (network(["[[0.5]]"], samples: 10_001), "l.yaml:8:11: there are 10001 samples; a lesson may have at most 10000"),
        (network(["[[0.5]]"], samples: 1_000, steps: 200_000),
         "l.yaml:11:10: 200000 steps over 1000 samples is more than 100000000 samples × steps; use at most 100000 steps"),
    ])
    func limits(lesson: String, says: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        try lesson.write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["sgd", "--lesson", "l.yaml", "--format", "csv"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == says + "\n")
        #expect(result.stdout.isEmpty)
    }

    @Test func tooManyStepsForTheSamplesAsAFlag() throws {
        let folder = try TraceBinary.temporaryFolder()
        try Self.network(["[[0.5]]"], samples: 1_000).write(to: folder.appendingPathComponent("l.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["sgd", "--lesson", "l.yaml", "--steps", "100001"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "trace: --steps: 100001 steps over 1000 samples is more than 100000000 samples × steps; use at most 100000 steps\n")
    }

    // MARK: - Messages

    @Test("no library's words in a message, and a did-you-mean for every name", arguments: [
        (["grade", "--key", "/tmp", "--answers", "a.csv"], "trace: the key '/tmp' is a folder; give its key.json"),
        (["homework", "adam", "--optimizer", "Adam", "--count", "1", "--seed", "1", "--output", "hw"],
         "trace: --optimizer: 'Adam' is not one of gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw, amsgrad; did you mean 'adam'?"),
        (["compare", "adam", "adma"], "trace: 'adma' is not an optimizer; did you mean 'adam'? (choose from gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw, amsgrad)"),
        (["adam", "--convention", "Pytorch"], "trace: --convention: 'Pytorch' is not one of lecture, pytorch, keras, optax; did you mean 'pytorch'?"),
        (["diff", "adam", "--conventions", "lecture,pytorc"], "trace: --conventions: 'pytorc' is not a convention; did you mean 'pytorch'?"),
        (["handout", "adamm"], "trace: no lesson 'adamm': no such file or bundled lesson; did you mean the bundled lesson 'adam'?"),
        (["homework", "adam", "--ask", "mm", "--count", "1", "--seed", "1", "--output", "hw"], "trace: --ask: adam has no quantity 'mm'; did you mean 'm'?"),
        (["homework", "adam", "--parameter", "w2[1,2]x", "--count", "1", "--seed", "1", "--output", "hw"],
         "trace: --parameter: this lesson has no parameter 'w2[1,2]x'; did you mean 'W2[1,2]'?"),
    ])
    func messages(arguments: [String], says: String) throws {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix(says), "\(result.stderr)")
        #expect(!result.stderr.contains("Domain") && !result.stderr.contains("yaml_"))
    }

    @Test func yamlNestedTooDeeplyIsDescribedWithoutLibyamlsName() throws {
        let folder = try TraceBinary.temporaryFolder()
        try ("title: t\nmodel: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n")
            .write(to: folder.appendingPathComponent("deep.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["adam", "--lesson", "deep.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("deep.yaml:2:"))
        #expect(result.stderr.hasSuffix(": the lesson nests lists and mappings too deeply here; a lesson needs only a few levels\n"))
    }
}
