import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
@testable import TraceRender

/// The weights momentum gives past gradients (``MomentumMemory``), checked two ways: against
/// the lecture's (1 − β)·βᵏ and PyTorch's βᵏ, and against the numpy reference
/// (`Tests/Fixtures/reference`): η_T · Σₜ weightₜ · gₜ is the reference's own last step
/// w − w_new, for every parameter.
@Suite struct MomentumMemoryTests {
    @Test(arguments: ["2-2-1-momentum-lecture", "2-2-1-momentum-pytorch", "1-1-momentum-lecture", "sched-step-momentum-lecture"])
    func weightsGiveTheReferenceLastStep(_ name: String) throws {
        let fixture = try #require(try ReferenceCase.all().first { $0.name == name })
        var builder = HandoutBuilder(writer: EffectiveRateFigureTests.BlockRecorder(), precision: 4, detail: .full)
        try Engine.run(try fixture.experiment(), into: &builder)
        let blocks = try #require(builder.writer as? EffectiveRateFigureTests.BlockRecorder).blocks
        let series = blocks.compactMap { block -> [PlotSeries]? in
            if case let .plot("weight", series, _) = block { return series } else { return nil }
        }
        #expect(series.count == 1)
        let weights = try #require(series.first?.first).points.map(\.value)

        let beta = try #require(fixture.hyperparameters["beta"])
        let steps = fixture.steps
        #expect(weights.count == steps)
        for (index, weight) in weights.enumerated() {
            let lag = Double(steps - (index + 1))
            let lecture = fixture.convention == "lecture"
            let expected = (lecture ? 1 - beta : 1) * pow(beta, lag)
            #expect(agrees(weight, expected, relative: 1e-12), "t = \(index + 1)")
        }

        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent("expected/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let records = try #require(expected["steps"] as? [[String: Any]])
        let names = try #require(expected["parameters"] as? [String])
        let last = try #require(records.last)
        let eta = try #require(last["eta"] as? Double)
        for parameter in names {
            func value(_ record: [String: Any], _ key: String) throws -> Double {
                try #require((record["parameters"] as? [String: [String: Double]])?[parameter]?[key])
            }
            var sum = 0.0
            for (weight, record) in zip(weights, records) { sum += weight * (try value(record, "g")) }
            let step = try value(last, "w") - (try value(last, "w_new"))
            // 1e-9: the reference's w − w_new cancels the leading digits of w.
            #expect(agrees(eta * sum, step, relative: 1e-9) || abs(eta * sum - step) < 1e-15, "\(name) \(parameter)")
        }
    }

    /// Other optimizers have no such section.
    @Test func onlyMomentum() {
        let scalars: SymbolMap<Double> = [.eta: 0.1, .beta: 0.9]
        for optimizer in [Optimizer.gd, .adam, .rmsprop] {
            #expect(MomentumMemory.weights(rule: UpdateRule.rule(for: optimizer, convention: .lecture), scalars: scalars, steps: 3) == nil)
        }
    }
}
