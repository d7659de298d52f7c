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

    @Test(arguments: [
        (["compare", "adam"], "name at least two optimizers"),
        (["compare", "adam", "adam"], "each optimizer once"),
        (["compare", "adam", "adma"], "'adma' is not one of gd, sgd, minibatch, momentum, adagrad, rmsprop, adam, adamw; did you mean 'adam'?"),
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
