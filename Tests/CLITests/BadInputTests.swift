import Foundation
import Testing

/// Every class of bad input: exit status 2, nothing on stdout, one line on stderr that says
/// where and what to do; never a crash or a stack trace.
@Suite struct BadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["adamm"], says: "did you mean 'adam'?"),
        Case(arguments: ["adam", "--bta1", "0.5"], says: "Did you mean '--beta1'?"),
        Case(arguments: ["adam", "--beta", "0.5"], says: "adam does not use --beta; did you mean '--beta1'?"),
        Case(arguments: ["adam", "--eta", "-1"], says: "--eta must be 0 or more"),
        Case(arguments: ["adam", "--eta", "nan"], says: "--eta: 'nan' is not a finite number"),
        Case(arguments: ["adam", "--beta1", "1"], says: "--beta1 must be at least 0 and less than 1"),
        Case(arguments: ["adam", "--eta", "fast"], says: "--eta: 'fast' is not a decimal number"),
        Case(arguments: ["adam", "--steps", "0"], says: "--steps must be at least 1"),
        Case(arguments: ["gd", "--batch-size", "1"], says: "gd always uses the full batch"),
        Case(arguments: ["sgd", "--batch-size", "full"], says: "sgd always uses one sample per update"),
        Case(arguments: ["minibatch", "--batch-size", "3"], says: "more than the lesson's 2 samples"),
        Case(arguments: ["minibatch", "--batch-size", "zero"], says: "--batch-size must be full or a whole number"),
        Case(arguments: ["sgd", "--beta1", "0.9"], says: "sgd does not use --beta1; did you mean '--eta'? (it takes --eta)"),
        Case(arguments: ["adam", "--epsilon", "-1"], says: "--epsilon must be 0 or more, not -1"),
        Case(arguments: ["adam", "--steps", "10000001"], says: "--steps must be between 1 and 10000000, not 10000001"),
        Case(arguments: ["adam", "--schedule", "cosin"], says: "--schedule cosin is not a schedule; did you mean 'cosine'?"),
        Case(arguments: ["adam", "--schedule", "cosine", "--gamma", "0.5"], says: "--gamma belongs to --schedule step, not to the cosine schedule"),
        Case(arguments: ["adam", "--lesson", "rosenbrock", "--batch-size", "1"], says: "--batch-size does not apply: this lesson's objective has no samples"),
        Case(arguments: ["adam", "--lesson", "rosenbrock", "--seed", "3"], says: "--shuffle and --seed do not apply"),
        Case(arguments: ["compare", "adam", "sgd", "--epsilon", "-1"], says: "adam: --epsilon must be 0 or more, not -1"),
        Case(arguments: ["adam", "--convention", "jax"], says: "--convention: 'jax' is not one of lecture, pytorch, keras, optax"),
        Case(arguments: ["adam", "--format", "pdf"], says: "--format: 'pdf' is not one of text, md, html, json, csv, latex"),
        Case(arguments: ["adam", "--focus", "W3[1,1]"], says: "no such parameter; did you mean"),
        Case(arguments: ["adam", "--precision", "0"], says: "--precision must be between 1 and 17"),
        Case(arguments: ["adam", "--width", "39"], says: "--width must be at least 40 columns, not 39"),
        Case(arguments: ["adam", "--width", "wide"], says: "--width: 'wide' is not a whole number; write digits only, e.g. 3"),
        Case(arguments: ["adam", "--color", "sometimes"], says: "--color: 'sometimes' is not one of auto, always, never"),
        Case(arguments: ["adam", "--lesson", "nope"], says: "no lesson 'nope'"),
        Case(arguments: ["adam", "--lesson", "defualt"], says: "did you mean the bundled lesson 'default'?"),
        Case(arguments: ["adam", "--lesson", "classic-backprop.yaml"], says: "did you mean the bundled lesson 'classic-backprop'?"),
        Case(arguments: ["adam", "--lesson", "/"], says: "is a folder"),
        Case(arguments: ["adam", "--output", "/no/such/folder/x.json"], says: "does not exist"),
    ]

    @Test("bad flags exit 2 with one line", arguments: cases)
    func badFlags(_ c: Case) throws {
        let result = try TraceBinary.run(c.arguments)
        #expect(result.status == 2, "status \(result.status): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("trace: "))
        #expect(result.stderr.contains(c.says), "\(result.stderr)")
    }

    static let lessons: [(yaml: String, location: String, says: String)] = [
        ("title: x\nmodel:\n  loss: half_sse\n  layers:\n    - activation: sigmod\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1.0]]\n",
         "5:19", "did you mean 'sigmoid'?"),
        ("title: x\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1.0, 2.0]]\n",
         "9:13", "target 1 has 2 values"),
        ("title: x\nmodel:\n  loss: mse\n  layers:\n    - activation: softmax\n      weights: [[1.0], [2.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1]]\n",
         "3:9", "a softmax output needs loss: cross_entropy"),
        ("title: x\nmodel:\n  loss: cross_entropy\n  layers:\n    - activation: softmax\n      weights: [[1.0], [2.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[3]]\n",
         "9:14", "a class number must be a whole number from 1 to 2"),
        ("title: x\nmodel:\n  loss: half_sse\n  fixed: [b1[1]]\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1.0]]\n",
         "4:13", "quote them"),
        ("title: x\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1.0]]\nhomework:\n  ask: [z, detla]\n",
         "11:12", "did you mean 'delta'? (it takes"),
        ("title: x\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1.0]]\nhomework:\n  parameters: [\"W2[1,1]\"]\n",
         "11:16", "not a parameter of this lesson; did you mean 'W1[1,1]'?"),
        ("title: x\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[1.0]]\nhomework:\n  parameters: [W1[1,1]]\n",
         "11:18", "quote them"),
        ("title: x\nmodel: [\n", "3:1", "not valid YAML"),
        ("\u{FF}\u{FE}garbage", "1:1", "the lesson must be a mapping of keys"),
        ("", "1:1", "the lesson is empty"),
    ]

    @Test func badLessonFilesExit2WithFileLineColumn() throws {
        for (index, lesson) in Self.lessons.enumerated() {
            let folder = try TraceBinary.temporaryFolder()
            try lesson.yaml.write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
            let result = try TraceBinary.run(["adam", "--lesson", "bad.yaml"], in: folder)
            #expect(result.status == 2, "lesson \(index): \(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderrLines.count == 1, "lesson \(index): \(result.stderr)")
            // The contract's form exactly: FILE:LINE:COLUMN: what is wrong.
            #expect(result.stderr.hasPrefix("bad.yaml:\(lesson.location): "), "lesson \(index): \(result.stderr)")
            #expect(result.stderr.contains(lesson.says), "lesson \(index): \(result.stderr)")
        }
    }

    @Test func notUTF8IsRefused() throws {
        let folder = try TraceBinary.temporaryFolder()
        try Data([0x74, 0x69, 0xFF, 0xFE, 0x0A]).write(to: folder.appendingPathComponent("latin.yaml"))
        let result = try TraceBinary.run(["adam", "--lesson", "latin.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "latin.yaml:1:1: the lesson is not UTF-8 text; save it as UTF-8\n")
    }
}
