import Foundation
import Testing
import TraceEngine

/// `trace <optimizer>` end to end: the built binary, its stdout, stderr and exit status.
@Suite struct RunCommandTests {
    @Test func defaultLessonRunsFromAnyDirectory() throws {
        let result = try TraceBinary.run(["adam", "--steps", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let text = result.text
        #expect(text.hasPrefix("Adam, lecture convention: Two samples through a 2-2-1 network"))
        for expected in [
            "m ← β₁·m + (1 − β₁)·g", "w ← w − η/√(v̂ + ε)·m̂", "━━ Step t = 3 · epoch 3 · samples 1, 2",
            "Worked example for W1[1,1]:", "m(1) = 0.9·0 + (1 − 0.9)·", "v̂(2) = ", "3 updates done.",
        ] {
            #expect(text.contains(expected), "missing: \(expected)")
        }
    }

    /// No default run looks frozen: in `trace OPT --steps 3`, for every optimizer, every z and
    /// a of every sample changes at the 4 significant digits shown from one step that shows the
    /// sample to the next that does (each step for a full batch; sgd shows one sample a step).
    /// Read from the JSON trace and rounded here, as `%.4g`.
    @Test(arguments: Optimizer.allCases)
    func defaultRunVisiblyMovesInThreeSteps(_ optimizer: Optimizer) throws {
        let run = try TraceBinary.run([optimizer.rawValue, "--steps", "3", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let trace = try #require(try JSONSerialization.jsonObject(with: Data(run.text.utf8)) as? [String: Any])
        let steps = try #require(trace["steps"] as? [[String: Any]])
        #expect(steps.count == 3)
        /// Where each z and a of the step's samples was last shown: "sample.layer.quantity.unit" → (t, text).
        var shown: [String: (t: Int, text: String)] = [:]
        var compared = 0
        for (n, step) in steps.enumerated() {
            for sample in try #require(step["samples"] as? [[String: Any]]) {
                let index = try #require(sample["index"] as? Int)
                for (l, layer) in try #require(sample["layers"] as? [[String: Any]]).enumerated() {
                    for quantity in ["z", "a"] {
                        for (j, x) in try #require(layer[quantity] as? [Double]).enumerated() {
                            let key = "\(index).\(l + 1).\(quantity).\(j + 1)", text = String(format: "%.4g", x)
                            if let before = shown[key] {
                                compared += 1
                                #expect(text != before.text, "\(optimizer): \(key) stays \(text) from t = \(before.t) to t = \(n + 1)")
                            }
                            shown[key] = (n + 1, text)
                        }
                    }
                }
            }
        }
        // Full batch: 2 samples × (2 + 1 units) × z and a, compared twice; sgd: sample 1 at t = 1 and 3.
        #expect(compared >= 6, "\(optimizer): only \(compared) values shown twice")
    }

    @Test func focusAndPrecision() throws {
        let one = try TraceBinary.run(["momentum", "--steps", "1", "--focus", "W2[1,2]", "--precision", "6"])
        #expect(one.status == 0)
        #expect(one.text.contains("Worked example for W2[1,2]:"))
        #expect(!one.text.contains("Worked example for W1[1,1]:"))
        let all = try TraceBinary.run(["momentum", "--steps", "1", "--focus", "all"])
        #expect(all.text.components(separatedBy: "Worked example for").count - 1 == 9)
    }

    @Test func lessonsAreListed() throws {
        let result = try TraceBinary.run(["lessons"])
        #expect(result.status == 0)
        let lines = result.text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("default ") && $0.contains("Two samples through a 2-2-1 network") })
        #expect(lines.contains { $0.hasPrefix("classic-backprop ") })
    }

    @Test func helpExitsZero() throws {
        let result = try TraceBinary.run(["adam", "--help"])
        #expect(result.status == 0)
        #expect(result.text.contains("--beta1"))
        #expect(result.text.contains("--convention"))
    }

    @Test func rerunsAreByteIdentical() throws {
        for format in ["json", "text"] {
            let arguments = ["sgd", "--steps", "7", "--seed", "11", "--format", format]
            let first = try TraceBinary.run(arguments)
            let second = try TraceBinary.run(arguments)
            #expect(first.status == 0)
            #expect(first.stdout == second.stdout, "\(format) differs between runs")
        }
    }

    @Test func outputFileIsWrittenWhole() throws {
        let folder = try TraceBinary.temporaryFolder()
        let path = folder.appendingPathComponent("run.json").path
        let toFile = try TraceBinary.run(["adam", "--format", "json", "--output", path], in: folder)
        #expect(toFile.status == 0)
        #expect(toFile.stdout.isEmpty)
        let toStdout = try TraceBinary.run(["adam", "--format", "json"])
        #expect(FileManager.default.contents(atPath: path) == toStdout.stdout)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("an existing --output file is left untouched on error", arguments: [
        ["adam", "--lesson", "missing.yaml"],
        ["adam", "--lesson", "broken.yaml"],
        ["adam", "--focus", "W9[1,1]"],
        ["adam", "--eta", "-1"],
    ])
    func outputUntouchedOnError(_ arguments: [String]) throws {
        let folder = try TraceBinary.temporaryFolder()
        try "title: [broken\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("keep.json").path
        try "precious".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(arguments + ["--format", "json", "--output", path], in: folder)
        #expect(result.status == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func divergenceStopsTheRunWithStatusZero() throws {
        let lesson = TraceBinary.fixture("reference/lessons/diverge-1-1.yaml")
        let result = try TraceBinary.run(["gd", "--lesson", lesson, "--eta", "50", "--steps", "400", "--format", "json"])
        #expect(result.status == 0)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("trace: diverged at t = 60: "), "\(result.stderr)")
        // Strict JSON: JSONSerialization refuses NaN and Infinity literals.
        let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(json["diverged_at"] as? Int == 60)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count == 60)
        #expect(steps.last?["loss"] as? String == "inf")

        let text = try TraceBinary.run(["gd", "--lesson", lesson, "--eta", "50", "--steps", "400"])
        #expect(text.status == 0)
        #expect(text.text.contains("Diverged at t = 60: the loss of sample"))
    }

    @Test func divergenceAdviceFitsTheCause() throws {
        let folder = try TraceBinary.temporaryFolder()
        try "title: zero gradient\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[0.0]]\n  targets: [[1.0]]\n"
            .write(to: folder.appendingPathComponent("zero.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["adagrad", "--lesson", "zero.yaml", "--epsilon", "0"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.contains("w_new of W1[1,1] is nan"))
        #expect(result.stderr.contains("use a positive --epsilon"))
        #expect(!result.stderr.contains("smaller η"))
    }

    /// Done-when of issue 2: a 100,000-step JSON run keeps peak memory within 1.5× of a 1,000-step run.
    /// Records stream to the output, so memory must not grow with the number of steps.
    @Test func streamedJSONKeepsMemoryFlat() throws {
        let folder = try TraceBinary.temporaryFolder()
        let out = folder.appendingPathComponent("long.json").path
        let short = try TraceBinary.run(["adam", "--steps", "1000", "--format", "json", "--output", out], in: folder)
        let long = try TraceBinary.run(["adam", "--steps", "100000", "--format", "json", "--output", out], in: folder)
        #expect(short.status == 0 && long.status == 0)
        #expect(Double(long.peakMemoryKiB) <= 1.5 * Double(short.peakMemoryKiB),
                "1,000 steps: \(short.peakMemoryKiB) KiB; 100,000 steps: \(long.peakMemoryKiB) KiB")
        try? FileManager.default.removeItem(at: folder)
    }
}
