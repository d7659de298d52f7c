import Testing
import TraceEngine

/// A sigmoid output rounds to exactly 1 for z > 36.7. Mathematically a confidently right bce
/// prediction has loss 0 and δ = ŷ − y = 0; a confidently wrong one has an infinite loss.
@Suite struct SaturationTests {
    func run(target: Double) throws -> CollectingSink {
        let network = Network(layers: [Layer(activation: .sigmoid, weights: [[40]], biases: [0])], loss: .bce)
        let experiment = Experiment(
            title: "saturated", network: network, data: Dataset(inputs: [[1]], targets: [[target]]), optimizer: .gd, steps: 2)
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        return sink
    }

    @Test func confidentlyRightIsZeroNotNaN() throws {
        let sink = try run(target: 1)
        #expect(sink.outcome?.divergence == nil)
        #expect(sink.steps.first?.loss == 0)
        #expect(sink.steps.first?.samples.first?.layers.first?.delta == [0])
    }

    @Test func confidentlyWrongDivergesInTheForwardPass() throws {
        let sink = try run(target: 0)
        let divergence = try #require(sink.outcome?.divergence)
        #expect(divergence.t == 1)
        #expect(divergence.inForwardPass)
        #expect(divergence.value == .infinity)
    }
}
