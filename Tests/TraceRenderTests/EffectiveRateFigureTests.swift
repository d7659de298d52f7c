import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
@testable import TraceRender

/// The handout's effective-learning-rate figure for AdaGrad and RMSProp, checked against the
/// numpy reference (`Tests/Fixtures/reference`): the rate an update used is (w − w_new)/g of
/// the reference's own numbers, independent of the rule's formula.
@Suite struct EffectiveRateFigureTests {
    /// Keeps every block a builder writes.
    struct BlockRecorder: DocumentWriter {
        var blocks: [Block] = []
        mutating func begin(title: String) throws {}
        mutating func write(_ block: Block) throws { blocks.append(block) }
        mutating func end() throws {}
    }

    @Test(arguments: ["2-2-1-adagrad-lecture", "2-2-1-rmsprop-lecture", "2-2-1-rmsprop-pytorch"])
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
                let w = try #require(values["w"]), after = try #require(values["w_new"]), g = try #require(values["g"])
                // 1e-9: w − w_new cancels the leading digits of w.
                #expect(agrees(point.value, (w - after) / g, relative: 1e-9), "\(name) \(line.name) t = \(point.t)")
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
        for (name, detail) in [("2-2-1-adam-eta0.1-lecture", Detail.full), ("2-2-1-adagrad-lecture", .summary)] {
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
