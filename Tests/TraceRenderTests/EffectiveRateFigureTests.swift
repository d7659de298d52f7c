import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
@testable import TraceRender

/// The handout's effective-learning-rate figure, checked against the numpy reference
/// (`Tests/Fixtures/reference`): the rate an update used is read off the reference's own numbers,
/// independent of the rule's formula: (w − w_new)/g for AdaGrad and RMSProp, (w − w_new)/m̂ for
/// Adam, and for AdamW the same after its decay, (w − η·λ·w − w_new)/m̂ in the lecture's form
/// and (w·(1 − η·λ) − w_new)/m̂ in PyTorch's.
@Suite struct EffectiveRateFigureTests {
    /// Keeps every block a builder writes.
    struct BlockRecorder: DocumentWriter {
        var blocks: [Block] = []
        mutating func begin(title: String) throws {}
        mutating func write(_ block: Block) throws { blocks.append(block) }
        mutating func end() throws {}
    }

    @Test(arguments: [
        "2-2-1-adagrad-lecture", "2-2-1-rmsprop-lecture", "2-2-1-rmsprop-pytorch", "l2-adagrad-pytorch",
        "mazur-adam-lecture", "mazur-adam-pytorch", "2-2-1-adam-lecture", "2-2-1-adam-pytorch", "2-2-1-adam-eta0.1-lecture",
        "2-3-2-1-bce-adam-lecture", "softmax-2-2-3-adam-lecture", "sched-step-adam-pytorch", "l2-adam-lecture",
        "2-2-1-adamw-lecture", "2-2-1-adamw-pytorch", "2-1-bce-adamw-lecture", "sched-cosine-adamw-lecture", "sched-cosine-adamw-pytorch",
        "2-2-1-amsgrad-lecture", "2-2-1-amsgrad-pytorch",
    ])
    func ratesMatchTheReference(_ name: String) throws {
        let fixture = try #require(try ReferenceCase.all().first { $0.name == name })
        var builder = HandoutBuilder(writer: BlockRecorder(), precision: 4, detail: .full)
        try Engine.run(try fixture.experiment(), into: &builder)
        let blocks = try #require(builder.writer as? BlockRecorder).blocks

        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent("expected/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try #require(expected["steps"] as? [[String: Any]])
        let names = try #require(expected["parameters"] as? [String])

        let series = blocks.compactMap { block -> [PlotSeries]? in
            if case let .plot("rate", series, _) = block { return series } else { return nil }
        }
        let plotted = try #require(series.first)
        #expect(series.count == 1)
        #expect(plotted.count == min(names.count, HandoutBuilder.plottedRates))
        for line in plotted {
            #expect(names.contains(line.name))
            #expect(line.points.map(\.t) == Array(1...steps.count))
            for (point, step) in zip(line.points, steps) {
                let values = try #require((step["parameters"] as? [String: [String: Double]])?[line.name])
                let w = try #require(values["w"]), after = try #require(values["w_new"])
                let direction = try #require(values[["adam", "adamw", "amsgrad"].contains(fixture.optimizer) ? "m_hat" : "g"])
                let eta = try #require(step["eta"] as? Double), lambda = fixture.hyperparameters["lambda"] ?? 0
                let decayed = fixture.optimizer != "adamw" ? w : fixture.convention == "pytorch" ? w * (1 - eta * lambda) : w - eta * lambda * w
                let step = decayed - after
                if step == 0 {
                    #expect(point.value == 0 || direction == 0, "\(name) \(line.name) t = \(point.t): no step, so no rate")
                    continue
                }
                // The step cancels the leading digits of w: the reference's w_new, rounded to its
                // last bit, is off by up to an ulp of it, a relative error of about ulp/|step| in
                // the step (a few units of 1e-14 here); the rate's own evaluation adds a few ulps.
                let tolerance = 4 * (decayed.ulp + after.ulp) / abs(step) + 1e-13
                #expect(tolerance <= 1e-9, "\(name) \(line.name) t = \(point.t): the step is too small a part of w to tell")
                #expect(agrees(point.value, step / direction, relative: tolerance), "\(name) \(line.name) t = \(point.t): \(point.value) against \(step / direction)")
            }
        }
        // The table beside it has every parameter.
        let headers = blocks.compactMap { block -> [String]? in
            if case let .table(table) = block, table.header.first == "t", table.header.count == names.count + 1 { return table.header }
            return nil
        }
        #expect(headers.contains(["t"] + names))
    }

    /// No figure for an optimizer without a per-parameter rate, nor in the summary.
    @Test func onlyAdaptiveOptimizersInTheFullHandout() throws {
        for (name, detail) in [("2-2-1-momentum-lecture", Detail.full), ("2-2-1-nesterov-pytorch", .full), ("2-2-1-adagrad-lecture", .summary), ("2-2-1-adam-lecture", .summary)] {
            let fixture = try #require(try ReferenceCase.all().first { $0.name == name })
            var builder = HandoutBuilder(writer: BlockRecorder(), precision: 4, detail: detail)
            try Engine.run(try fixture.experiment(), into: &builder)
            let blocks = try #require(builder.writer as? BlockRecorder).blocks
            #expect(!blocks.contains { if case .plot("rate", _, _) = $0 { return true } else { return false } }, "\(name)")
        }
    }

    /// Nine parameters, eight styles: eight spread by their last rate, smallest and largest kept.
    @Test func eightOfNineSpreadFromSmallestToLargest() {
        let last = [0.25, 0.70, 0.50, 0.40, 1.3, 0.71, 0.084, 0.12, 0.066]
        let shown = HandoutBuilder.plottedParameters(lastRates: last)
        #expect(shown.count == 8)
        #expect(shown.contains(8) && shown.contains(4), "the smallest (0.066) and the largest (1.3)")
        #expect(shown == shown.sorted())
        #expect(HandoutBuilder.plottedParameters(lastRates: [3, 1, 2]) == [0, 1, 2])
    }
}
