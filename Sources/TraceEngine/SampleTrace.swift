/// One layer's values for one sample: `z`, `a = f(z)` and `δ = ∂L/∂z`.
public struct LayerTrace: Sendable, Equatable {
    public var z: [Double]
    public var a: [Double]
    public var delta: [Double]

    public init(z: [Double], a: [Double], delta: [Double]) {
        self.z = z
        self.a = a
        self.delta = delta
    }
}

/// The forward pass and chain rule for one sample of a batch.
public struct SampleTrace: Sendable, Equatable {
    /// The sample's number in the data, from 1.
    public var index: Int
    public var x: [Double]
    public var y: [Double]
    /// The sample's loss at the weights before the update.
    public var loss: Double
    /// One entry per layer, from the input side.
    public var layers: [LayerTrace]
    /// Under ``Replacements`` of this sample's values: every layer's values as computed from
    /// the values before them, before any replacement took their place (`layers` holds the
    /// replaced ones). Empty in a plain run, where they are `layers`.
    public var computedLayers: [LayerTrace] = []
    /// The loss as computed from the sample's ŷ, before a replacement; `nil` when not replaced.
    public var computedLoss: Double?

    public init(index: Int, x: [Double], y: [Double], loss: Double, layers: [LayerTrace]) {
        self.index = index
        self.x = x
        self.y = y
        self.loss = loss
        self.layers = layers
    }

    /// `a_l` for `l` from 0 (the input `x`) to the number of layers.
    public func activation(ofLayer l: Int) -> [Double] {
        l == 0 ? x : layers[l - 1].a
    }
}

extension SampleTrace {
    /// This sample's share of a weight's gradient, the chain rule's last step, from the
    /// sample's own recorded values (the same product ``Backpropagation`` adds to the batch's sum):
    ///
    /// ```
    /// g(W_l[j,i]) = δ_l[j]·a_(l−1)[i]        l, j, i from 1; a_0 = x
    /// ```
    /// The batch's gradient `g` is the mean of this over the batch's samples.
    public func gradient(layer l: Int, unit j: Int, input i: Int) -> Double {
        layers[l - 1].delta[j - 1] * activation(ofLayer: l - 1)[i - 1]
    }
}
