import TraceEngine

/// One sample's forward and backward pass in one update, as the engine recorded them: what
/// ``PassDiagram`` draws. Nothing here is computed by the renderer: `z`, `a`, `δ` are the
/// sample's record, each weight's `δ·a` the record's own product
/// (``TraceEngine/SampleTrace/gradient(layer:unit:input:)``).
public struct PassFigure: Sendable {
    /// The update.
    public var t: Int
    public var sample: SampleTrace
    /// How many samples the update's batch has: with one, `δ·a` is the update's `g`.
    public var batchCount: Int
    /// `[l − 1][j][i]`: `W{l}[j,i]` as the passes used it (before the update).
    public var weights: [[[Double]]]
    /// Each layer's activation, by its lesson name (`sigmoid`).
    public var activations: [String]
    /// Significant digits of the numbers shown.
    public var digits: Int

    /// The passes of `sample` in `step`, with the weights the step read.
    public init(step: StepRecord, sample: SampleTrace, run: RunDescription, digits: Int) {
        t = step.t
        self.sample = sample
        batchCount = step.samples.count
        let layers = run.experiment.network.layers
        var weights = layers.map { layer in [[Double]](repeating: [Double](repeating: .nan, count: layer.inputCount), count: layer.unitCount) }
        let before = step.values[.w].map(Array.init) ?? []
        for (index, role) in run.layout.roles.enumerated() where index < before.count {
            if case let .weight(l, j, i) = role { weights[l - 1][j - 1][i - 1] = before[index] }
        }
        self.weights = weights
        activations = layers.map(\.activation.rawValue)
        self.digits = digits
    }

    /// Units per column, the input first.
    var sizes: [Int] { [sample.x.count] + sample.layers.map(\.a.count) }

    /// Each weight, from the output layer back (the order the backward pass reaches them), with
    /// its `δ`, its `a` and their product: `(name, δ name, δ, a name, a, δ·a)`.
    var products: [(weight: String, deltaName: String, delta: Double, activationName: String, activation: Double, product: Double)] {
        sample.layers.indices.reversed().flatMap { index -> [(String, String, Double, String, Double, Double)] in
            let l = index + 1
            return sample.layers[index].delta.indices.flatMap { j0 in
                sample.activation(ofLayer: l - 1).indices.map { i0 in
                    // + 0 shows −0 (a negative δ times an a of 0) as 0.
                    ("W\(l)[\(j0 + 1),\(i0 + 1)]", "δ\(l)[\(j0 + 1)]", sample.layers[index].delta[j0],
                     "a\(l - 1)[\(i0 + 1)]", sample.activation(ofLayer: l - 1)[i0], sample.gradient(layer: l, unit: j0 + 1, input: i0 + 1) + 0)
                }
            }
        }
    }
}
