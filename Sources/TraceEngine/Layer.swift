/// One layer of a tiny network: `z = W·a_prev + b`, `a = f(z)`.
///
/// `weights[j][i]` is the weight into unit `j + 1` from unit `i + 1` of the layer below
/// (the lecture's `w_ji`, named `W{l}[j,i]` with units counted from 1).
public struct Layer: Sendable, Equatable {
    public var activation: Activation
    public var weights: [[Double]]
    public var biases: [Double]

    public init(activation: Activation, weights: [[Double]], biases: [Double]) {
        self.activation = activation
        self.weights = weights
        self.biases = biases
    }

    /// Units in this layer (rows of `W`).
    public var unitCount: Int { weights.count }

    /// Units feeding this layer (columns of `W`).
    public var inputCount: Int { weights.first?.count ?? 0 }
}
