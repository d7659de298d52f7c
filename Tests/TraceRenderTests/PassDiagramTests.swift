import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
@testable import TraceRender

/// The forward-and-backward-pass figure of a handout's first update, checked against the numpy
/// reference (`Tests/Fixtures/reference`): each unit's z, a and δ are the reference's for the
/// sample drawn, each edge's δ·a is the product of the reference's δ and a, and where the batch
/// is that one sample, the reference's own g.
@Suite struct PassDiagramTests {
    static let cases = ["mazur-gd", "2-2-1-sgd-lecture", "2-2-1-adam-lecture", "1-1-sgd", "3-2-mse-gd",
                        "2-3-2-1-bce-sgd", "1-2-1-relu-sgd", "softmax-2-2-3-sgd", "softmax-2-2-3-gd", "2-1-bce-gd"]

    func figure(_ fixture: ReferenceCase, detail: Detail = .full) throws -> [PassFigure] {
        var builder = HandoutBuilder(writer: EffectiveRateFigureTests.BlockRecorder(), precision: 4, detail: detail)
        try Engine.run(try fixture.experiment(), into: &builder)
        let blocks = try #require(builder.writer as? EffectiveRateFigureTests.BlockRecorder).blocks
        return blocks.compactMap { if case let .passes(figure) = $0 { return figure } else { return nil } }
    }

    @Test(arguments: cases)
    func numbersAreTheReferences(_ name: String) throws {
        let fixture = try #require(try ReferenceCase.all().first { $0.name == name })
        let figures = try figure(fixture)
        #expect(figures.count == 1, "one drawing, of the first update")
        let figure = try #require(figures.first)
        #expect(figure.t == 1)

        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent("expected/\(name).json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let step = try #require((expected["steps"] as? [[String: Any]])?.first)
        let samples = try #require(step["samples"] as? [[String: Any]])
        let parameters = try #require(step["parameters"] as? [String: [String: Double]])
        let sample = try #require(samples.first)
        #expect(sample["index"] as? Int == figure.sample.index)
        #expect(samples.count == figure.batchCount)
        let x = try #require(sample["x"] as? [Double])
        let layers = try #require(sample["layers"] as? [[String: [Double]]])
        for (l, layer) in layers.enumerated() {
            for key in ["z", "a", "delta"] {
                let drawn = key == "z" ? figure.sample.layers[l].z : key == "a" ? figure.sample.layers[l].a : figure.sample.layers[l].delta
                let reference = try #require(layer[key])
                #expect(drawn.count == reference.count)
                for (mine, theirs) in zip(drawn, reference) { #expect(agrees(mine, theirs), "\(name) \(key)\(l + 1)") }
            }
        }
        let weights = layers.indices.reduce(0) { $0 + layers[$1]["delta"]!.count * (($1 == 0 ? x : layers[$1 - 1]["a"]!).count) }
        #expect(figure.products.count == weights, "every weight once")
        for product in figure.products {
            let numbers = product.weight.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            let (l, j, i) = (numbers[0], numbers[1], numbers[2])
            let delta = layers[l - 1]["delta"]![j - 1], a = l == 1 ? x[i - 1] : layers[l - 2]["a"]![i - 1]
            #expect(agrees(product.delta, delta) && agrees(product.activation, a), "\(name) \(product.weight)")
            // 1e-12 relative, and exactly 0 where a is 0 (the figure shows −0 as 0).
            #expect(agrees(product.product, delta * a) || (a == 0 && product.product == 0), "\(name) \(product.weight): \(product.product) against \(delta * a)")
            if figure.batchCount == 1 {
                let g = try #require(parameters[product.weight]?["g"])
                #expect(agrees(product.product, g) || (g == 0 && product.product == 0), "\(name) \(product.weight): δ·a \(product.product), reference g \(g)")
            }
        }
    }

    /// No drawing in a summary (it keeps within four pages) nor for an objective (no network).
    @Test func onlyInTheFullHandoutOfANetwork() throws {
        let fixture = try #require(try ReferenceCase.all().first { $0.name == "mazur-gd" })
        #expect(try figure(fixture, detail: .summary).isEmpty)
    }

    /// Matt Mazur's published example, as the drawing labels it: δ of output 1 is 0.138498562,
    /// and w5's gradient (W2[1,1], the edge from h1 to o1) 0.082167041, shown to four digits.
    @Test func mazursNumbersOnTheDrawing() throws {
        let fixture = try #require(try ReferenceCase.all().first { $0.name == "mazur-gd" })
        let figure = try #require(try self.figure(fixture).first)
        let texts = PassDiagram.layout(figure).texts.map(\.text)
        #expect(texts.contains("δ = 0.1385"))
        #expect(texts.contains("g = 0.08217"))
        #expect(texts.contains("a = 0.5933"), "out_h1 = 0.593269992")
        let svg = Figure.passes(figure).svg
        #expect(svg.contains("<title>Forward and backward pass of sample 1 at t = 1</title>"))
        #expect(svg.contains("W2[1,1]: 0.08217"), "the description lists each weight's δ·a")
    }
}
