import Foundation
import FoundationXML
import Testing

/// `trace compare`: several optimizers on one lesson.
@Suite struct CompareCommandTests {
    /// Losses per optimizer agree with each optimizer's own JSON trace, and AdaGrad's and
    /// RMSProp's effective rates with η/√(s + ε) computed here from those traces.
    @Test func tablesAgreeWithEachRunsTrace() throws {
        let compare = try TraceBinary.run(["compare", "adagrad", "rmsprop", "momentum", "--steps", "4", "--precision", "12"])
        #expect(compare.status == 0, "\(compare.stderr)")
        let lines = compare.text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        for (column, optimizer) in ["adagrad", "rmsprop", "momentum"].enumerated() {
            let run = try TraceBinary.run([optimizer, "--steps", "4", "--format", "json"])
            let trace = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
            let steps = try #require(trace["steps"] as? [[String: Any]])
            let hyperparameters = try #require((trace["optimizer"] as? [String: Any])?["hyperparameters"] as? [String: Double])
            for (i, step) in steps.enumerated() {
                let loss = try #require(step["loss"] as? Double)
                let row = try #require(lines.first { $0.first == "\(i + 1)" && $0.count == 4 })
                #expect(abs(Double(row[column + 1])! - loss) <= 1e-11 * loss, "\(optimizer) loss at t=\(i + 1)")
            }
            guard optimizer != "momentum" else { continue }
            let key = optimizer == "adagrad" ? "s" : "ss"
            let rateRows = lines.drop { $0.first != "Effective" }.filter { $0.count == 3 && Int($0[0]) != nil }
            #expect(rateRows.count == 4)
            for (i, step) in steps.enumerated() {
                let state = try #require((step["parameters"] as? [String: [String: Double]])?["W1[1,1]"]?[key])
                let expected = hyperparameters["eta"]! / (state + hyperparameters["epsilon"]!).squareRoot()
                let shown = try #require(Double(rateRows[i][column + 1]))
                #expect(abs(shown - expected) <= 1e-11 * expected, "\(optimizer) rate at t=\(i + 1)")
            }
        }
    }

    /// The lecture's memory point: values kept per parameter between updates.
    @Test func keptStateMatchesTheLecture() throws {
        let result = try TraceBinary.run(["compare", "gd", "momentum", "adagrad", "rmsprop", "adam", "adamw"])
        #expect(result.status == 0)
        let expected = ["gd": "none", "momentum": "1: v", "adagrad": "1: s", "rmsprop": "1: ss", "adam": "2: m, v", "adamw": "2: m, v"]
        for (optimizer, kept) in expected {
            #expect(result.text.split(separator: "\n").contains { $0.hasPrefix(optimizer + " ") && $0.hasSuffix(kept) }, "\(optimizer): \(kept)")
        }
    }

    /// Two-weight lessons: one path per optimizer over the loss contours.
    @Test func pathsOverContours() throws {
        let result = try TraceBinary.run(["compare", "gd", "momentum", "adagrad", "adam", "--lesson", "quadratic-bowl", "--eta", "0.15", "--format", "html"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try XMLDocument(xmlString: result.text, options: [])
        let figure = try #require(try document.nodes(forXPath: "//*[local-name()='svg' and @aria-label='Paths over the loss contours']").first as? XMLElement)
        #expect(try figure.nodes(forXPath: ".//*[local-name()='polyline']").count == 4)
        #expect(try figure.nodes(forXPath: ".//*[local-name()='path']").count >= 5, "contour lines")
    }

    @Test func htmlHasBothPlots() throws {
        let result = try TraceBinary.run(["compare", "adagrad", "rmsprop", "--format", "html"])
        #expect(result.status == 0)
        let document = try XMLDocument(xmlString: result.text, options: [])
        #expect(try document.nodes(forXPath: "//*[local-name()='svg']").count == 2)
        #expect(result.text.contains("<msqrt>"))
    }

    /// Every run's settings are on the page: AdaGrad at the adagrad lesson's η = 0.02
    /// (lessons/adagrad.yaml), RMSProp at its documented defaults η = 0.01, ρ = 0.9
    /// (docs/command-line.md).
    @Test func everyRunsSettingsAreListed() throws {
        let result = try TraceBinary.run(["compare", "adagrad", "rmsprop", "--lesson", "adagrad", "--format", "md"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("| adagrad | η = 0.02, ε = 1e-08, s₀ = 0 |"), "\(result.text)")
        #expect(result.text.contains("| rmsprop | η = 0.01, ρ = 0.9, ε = 1e-08 |"), "\(result.text)")
    }

    /// A plain flag sets every run that has the hyperparameter; `OPT:NAME=VALUE` sets one run,
    /// and wins over the flag. Each run's losses are those of the same optimizer run alone.
    @Test func flagsSetEveryRunAndOptNameValueSetsOne() throws {
        let compare = try TraceBinary.run([
            "compare", "adagrad", "rmsprop", "rmsprop:rho=0.8", "--lesson", "adagrad", "--eta", "0.05", "--precision", "17",
        ])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.text.contains("η = 0.05, ε = 1e-08, s₀ = 0"))
        #expect(compare.text.contains("η = 0.05, ρ = 0.8, ε = 1e-08"))
        func losses(_ arguments: [String]) throws -> [Double] {
            let run = try TraceBinary.run(arguments + ["--lesson", "adagrad", "--format", "json"])
            let json = try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
            let steps = try #require(json["steps"] as? [[String: Any]])
            return steps.map { $0["loss"] as? Double ?? .nan }
        }
        let rows = compare.text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let table = Array(rows.drop { $0 != ["t", "adagrad", "rmsprop"] }.dropFirst().prefix { $0.count == 3 })
        let adagrad = try losses(["adagrad", "--eta", "0.05"])
        let rmsprop = try losses(["rmsprop", "--eta", "0.05", "--rho", "0.8"])
        #expect(table.count == 6 && adagrad.count == 6)
        for (row, expected) in zip(table, zip(adagrad, rmsprop)) {
            #expect(abs((Double(row[1]) ?? .nan) - expected.0) <= 1e-15 * expected.0, "\(row)")
            #expect(abs((Double(row[2]) ?? .nan) - expected.1) <= 1e-15 * expected.1, "\(row)")
        }
    }

    @Test(arguments: [
        (["compare", "adam"], "name at least two optimizers"),
        (["compare", "adam", "adam"], "each optimizer once"),
        (["compare", "adam", "adma"], "'adma' is not an optimizer; did you mean 'adam'?"),
        (["compare", "adam:etta=0.1", "sgd"], "adam:etta=0.1: adam has no hyperparameter 'etta'; did you mean 'eta'?"),
        (["compare", "adam:eta=x", "sgd"], "adam:eta=x: 'x' is not a decimal number"),
        (["compare", "adam:eta=0x10", "sgd"], "adam:eta=0x10: '0x10' is not a decimal number"),
        (["compare", "adam:eta", "sgd"], "adam:eta: write OPT:NAME=VALUE"),
        (["compare", "adam:eta=0.1", "adam:eta=0.2", "sgd"], "adam:eta=0.2: adam:eta is set twice"),
        (["compare", "adam", "sgd", "--rho", "0.9"], "none of adam, sgd uses --rho"),
        (["compare", "adam", "sgd", "adam:eta=-1"], "adam: --eta"),
        (["compare", "adam", "sgd", "--threshold", "-1"], "--threshold must be a loss of 0 or more"),
        (["compare", "adam", "sgd", "--focus", "all"], "--focus all does not apply"),
    ])
    func mistakesExit2(_ arguments: [String], _ says: String) throws {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains(says), "\(result.stderr)")
    }
}
