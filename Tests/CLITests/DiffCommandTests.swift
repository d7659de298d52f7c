import Foundation
import FoundationXML
import Testing

/// `trace diff`: one lesson under two conventions, and where their arithmetic parts.
@Suite struct DiffCommandTests {
    /// The table's columns are each convention's own JSON trace, value for value.
    @Test func tableHoldsEachRunsValues() throws {
        // Wide enough that no table is stacked in blocks.
        let diff = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,keras", "--steps", "2", "--width", "200"])
        #expect(diff.status == 0, "\(diff.stderr)")
        // The table is in the lecture's symbols; the JSON trace's keys are ASCII.
        let keys = ["m̂": "m_hat", "v̂": "v_hat"]
        for (column, convention) in ["lecture", "keras"].enumerated() {
            let run = try TraceBinary.run(["adam", "--convention", convention, "--steps", "2", "--format", "json"])
            let trace = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
            let steps = try #require(trace["steps"] as? [[String: Any]])
            let sections = diff.text.components(separatedBy: "━━ t = ").dropFirst()
            #expect(sections.count == steps.count)
            for (step, section) in zip(steps, sections) {
                let parameters = try #require(step["parameters"] as? [String: [String: Double]])
                var parameter = ""
                for line in section.split(separator: "\n").dropFirst(2) {
                    var cells = line.split(separator: " ").map(String.init)
                    if cells.count == 5 { parameter = cells.removeFirst() }
                    guard cells.count == 4 else { continue }
                    let expected = try #require(parameters[parameter]?[keys[cells[0]] ?? cells[0]], "\(parameter) \(cells[0])")
                    // Foundation's JSONSerialization reads doubles to a few units in the last place.
                    let shown = try #require(Double(cells[1 + column]))
                    #expect(abs(shown - expected) <= 1e-14 * abs(expected), "\(convention) \(parameter) \(cells[0])")
                }
            }
        }
    }

    @Test func saysWhereTheRunsPart() throws {
        // Wide enough that no formula is wrapped.
        let lectureKeras = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,keras", "--steps", "2", "--width", "200"])
        #expect(lectureKeras.text.contains("They first part at t = 1, in the new weight w of W1[1,1]"))
        // Both formulas, with their numbers, one under the other.
        #expect(lectureKeras.text.contains("lecture  w(1) = w − η/√(v̂ + ε)·m̂ = 0.1 − 0.001/√("))
        #expect(lectureKeras.text.contains("Keras    w(1) = w − m·η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)/(√v + ε) = 0.1 − "))

        let adagrad = try TraceBinary.run(["diff", "adagrad", "--conventions", "pytorch,keras", "--width", "200"])
        #expect(adagrad.text.contains("Hyperparameters: PyTorch η = 0.1, ε = 1e-08, s₀ = 0; Keras η = 0.1, ε = 1e-08, s₀ = 0.1"))
        #expect(adagrad.text.contains("They first part at t = 1, in s of W1[1,1]"))

        let same = try TraceBinary.run(["diff", "gd", "--conventions", "lecture,optax"])
        #expect(same.text.contains("The two runs agree exactly"))
        let rounding = try TraceBinary.run(["diff", "adam", "--conventions", "pytorch,optax", "--steps", "10"])
        #expect(rounding.text.contains("The two runs agree up to rounding"))
        let epsilonZero = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,pytorch", "--epsilon", "0"])
        #expect(!epsilonZero.text.contains("first part"))
    }

    @Test(arguments: [
        (["diff", "adam", "--conventions", "lecture,bogus"], "'bogus' is not a convention"),
        (["diff", "adam", "--conventions", "lecture"], "two different conventions"),
        (["diff", "adam", "--conventions", "keras,keras"], "two different conventions"),
        (["diff", "adam", "--conventions", "lecture,keras", "--convention", "pytorch"], "Did you mean '--conventions'?"),
        (["diff", "adam", "--conventions", "lecture,keras", "--format", "json"], "--format: 'json' is not one of text, md, html, latex"),
        (["diff", "adam", "--conventions", "lecture,keras", "--steps", "1001"], "at most 1000 steps"),
        (["diff", "adam", "--conventions", "lecture,keras", "--focus", "W9"], "no such parameter"),
        (["diff", "adam"], "--conventions"),
    ])
    func badInput(_ arguments: [String], _ says: String) throws {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(says), "\(result.stderr)")
    }

    /// The diff as a document: both runs' settings in a table (the adam lesson's η = 0.02,
    /// lessons/adam.yaml, in both), the parting formulas as equations, a table per step;
    /// its LaTeX compiles with no overfull line, its HTML is well-formed.
    @Test func documentFormats() throws {
        let arguments = ["diff", "adam", "--conventions", "lecture,pytorch", "--lesson", "adam", "--steps", "2"]
        let md = try TraceBinary.run(arguments + ["--format", "md"])
        #expect(md.status == 0, "\(md.stderr)")
        #expect(md.text.contains("| lecture | η = 0.02, β₁ = 0.9, β₂ = 0.999, ε = 1e-08 |"), "\(md.text)")
        #expect(md.text.contains("| PyTorch | η = 0.02, β₁ = 0.9, β₂ = 0.999, ε = 1e-08 |"))
        #expect(md.text.contains("### Step t = 2"))
        let html = try TraceBinary.run(arguments + ["--format", "html"])
        #expect(html.status == 0)
        _ = try XMLDocument(xmlString: html.text, options: [])
        let folder = try TraceBinary.temporaryFolder()
        let tex = try TraceBinary.run(arguments + ["--format", "latex", "--paper", "letter", "--output", "diff.tex"], in: folder)
        #expect(tex.status == 0)
        let (status, log) = try LaTeXTests.pdflatex("diff.tex", in: folder)
        #expect(status == 0)
        #expect(!log.contains("Overfull \\hbox"), "an overfull line")
    }

    /// AdaGrad's accumulator starts at the convention's own value unless a flag or the lesson sets it.
    @Test func initialAccumulator() throws {
        func firstS(_ arguments: [String]) throws -> Double? {
            let run = try TraceBinary.run(["adagrad", "--format", "json"] + arguments)
            let trace = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any], "\(run.stderr)")
            let hyperparameters = (trace["optimizer"] as? [String: Any])?["hyperparameters"] as? [String: Double]
            let step = (trace["steps"] as? [[String: Any]])?.first
            let g = (step?["parameters"] as? [String: [String: Double]])?["W1[1,1]"]?["g"] ?? .nan
            let s = (step?["parameters"] as? [String: [String: Double]])?["W1[1,1]"]?["s"] ?? .nan
            // s(1) = s₀ + g², so s₀ is what the run started from (to the JSON reader's rounding).
            let expected = (hyperparameters?["initial_accumulator"] ?? .nan) + g * g
            #expect(abs(s - expected) <= 1e-14 * abs(expected), "\(s) against \(expected)")
            return hyperparameters?["initial_accumulator"]
        }
        #expect(try firstS([]) == 0)
        #expect(try firstS(["--convention", "pytorch"]) == 0)
        #expect(try firstS(["--convention", "keras"]) == 0.1)
        #expect(try firstS(["--convention", "optax"]) == 0.1)
        #expect(try firstS(["--initial-accumulator", "0.25"]) == 0.25)
        #expect(try firstS(["--convention", "keras", "--initial-accumulator", "0"]) == 0)

        let folder = try TraceBinary.temporaryFolder()
        let lesson = folder.appendingPathComponent("s0.yaml")
        let text = try String(contentsOfFile: TraceBinary.repository.appendingPathComponent("lessons/default.yaml").path, encoding: .utf8)
            .replacingOccurrences(of: "optimizer:\n  name: gd", with: "optimizer:\n  name: adagrad\n  initial_accumulator: 0.5")
        try text.write(to: lesson, atomically: true, encoding: .utf8)
        #expect(try firstS(["--lesson", lesson.path]) == 0.5)

        let negative = try TraceBinary.run(["adagrad", "--initial-accumulator", "-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--initial-accumulator must be 0 or more"), "\(negative.stderr)")
        let wrongOptimizer = try TraceBinary.run(["adam", "--initial-accumulator", "0.1"])
        #expect(wrongOptimizer.status == 2)
        #expect(wrongOptimizer.stderr.contains("adam does not use --initial-accumulator"), "\(wrongOptimizer.stderr)")
    }
}
