import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

/// The engine against `Tests/Fixtures/reference`, written by an independent numpy script
/// (`make_fixtures.py`) from the lecture's formulas: every recorded value to 1e-12 relative.
@Suite struct ReferenceFixtureTests {
    typealias Case = ReferenceCase
    static let folder = ReferenceCase.folder

    static func cases() throws -> [Case] { try ReferenceCase.all() }

    /// The numpy reference covers the lecture's and PyTorch's formulas; Keras and Optax are
    /// checked against the frameworks themselves (FrameworkFixtureTests).
    @Test("fixture cases cover every optimizer in the lecture's and PyTorch's conventions")
    func coverage() throws {
        let cases = try Self.cases()
        for optimizer in Optimizer.allCases {
            for convention in [Convention.lecture, .pytorch] {
                #expect(cases.contains { $0.optimizer == optimizer.rawValue && $0.convention == convention.rawValue },
                        "no fixture for \(optimizer) in \(convention)")
            }
        }
    }

    @Test("engine matches the numpy reference", arguments: try ReferenceFixtureTests.cases())
    func matchesReference(_ fixture: Case) throws {
        let experiment = try fixture.experiment()
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)

        let expectedData = try Data(contentsOf: Self.folder.appendingPathComponent("expected/\(fixture.name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: expectedData) as? [String: Any])
        let names = try #require(sink.run?.parameterNames)
        #expect(names == expected["parameters"] as? [String])

        let expectedSteps = try #require(expected["steps"] as? [[String: Any]])
        #expect(sink.steps.count == expectedSteps.count)
        let divergedAt = expected["diverged_at"] as? Int
        #expect(sink.outcome?.divergence?.t == divergedAt)

        for (step, reference) in zip(sink.steps, expectedSteps) {
            let t = step.t
            #expect(t == reference["t"] as? Int)
            #expect(step.epoch == reference["epoch"] as? Int, "epoch at t=\(t)")
            #expect(step.batch == reference["batch"] as? [Int], "batch at t=\(t)")
            check(step.eta, reference["eta"], "eta at t=\(t)")
            check(step.loss, reference["loss"], "loss at t=\(t)")

            let parameters = try #require(reference["parameters"] as? [String: [String: Any]])
            let rule = try #require(sink.run?.rule)
            for (index, name) in names.enumerated() {
                let values = try #require(parameters[name], "no \(name) at t=\(t)")
                let extra: Set<String> = fixture.l2 == nil ? [] : ["g_raw"]
                #expect(Set(values.keys) == Set(rule.recordedSymbols.map(\.rawValue)).union(extra), "keys of \(name)")
                for symbol in rule.recordedSymbols {
                    check(step.values[symbol]?[index] ?? .nan, values[symbol.rawValue], "\(symbol.rawValue) of \(name) at t=\(t)")
                }
                if fixture.l2 != nil {
                    check(step.carriedIn[.g]?[index] ?? .nan, values["g_raw"], "g_raw of \(name) at t=\(t)")
                }
            }

            let samples = try #require(reference["samples"] as? [[String: Any]])
            #expect(step.samples.count == samples.count)
            for (sample, expectedSample) in zip(step.samples, samples) {
                #expect(sample.index == expectedSample["index"] as? Int)
                checkAll(sample.x, expectedSample["x"], "x of sample \(sample.index)")
                checkAll(sample.y, expectedSample["y"], "y of sample \(sample.index)")
                check(sample.loss, expectedSample["loss"], "loss of sample \(sample.index) at t=\(t)")
                let layers = try #require(expectedSample["layers"] as? [[String: Any]])
                #expect(sample.layers.count == layers.count)
                for (l, (layer, expectedLayer)) in zip(sample.layers, layers).enumerated() {
                    let place = "layer \(l + 1) of sample \(sample.index) at t=\(t)"
                    checkAll(layer.z, expectedLayer["z"], "z of \(place)")
                    checkAll(layer.a, expectedLayer["a"], "a of \(place)")
                    checkAll(layer.delta, expectedLayer["delta"], "delta of \(place)")
                }
            }
        }
    }

    /// A fixture number: a JSON number, or "nan" / "inf" / "-inf".
    func number(_ any: Any?) -> Double? {
        if let number = any as? NSNumber { return number.doubleValue }
        switch any as? String {
        case "nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return nil
        }
    }

    func check(_ actual: Double, _ expected: Any?, _ what: String) {
        guard let reference = number(expected) else {
            Issue.record("fixture has no number for \(what)")
            return
        }
        #expect(agrees(actual, reference), "\(what): engine \(actual), reference \(reference)")
    }

    func checkAll(_ actual: [Double], _ expected: Any?, _ what: String) {
        guard let list = expected as? [Any], list.count == actual.count else {
            Issue.record("\(what): engine has \(actual.count) values, reference \(String(describing: expected))")
            return
        }
        for (k, (value, reference)) in zip(actual, list).enumerated() { check(value, reference, "\(what)[\(k + 1)]") }
    }
}
