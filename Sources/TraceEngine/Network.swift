/// A tiny layered network with its loss: the model section of a lesson.
///
/// Layers are numbered from the input: `a0` is the input, layer `l` computes
/// `z_l = W_l·a_(l−1) + b_l` and `a_l = f_l(z_l)`; the loss compares the last `a` with the target.
public struct Network: Sendable, Equatable {
    public var layers: [Layer]
    public var loss: Loss
    /// Flat indices (in ``layout`` order, ascending) of the parameters kept out of the update
    /// (`model.fixed`): their gradient is taken as for every parameter, and `w_new = w`.
    public var fixed: [Int]

    public init(layers: [Layer], loss: Loss, fixed: [Int] = []) {
        self.layers = layers
        self.loss = loss
        self.fixed = fixed
    }

    /// Size of the input vector `a0`.
    public var inputCount: Int { layers.first?.inputCount ?? 0 }

    /// Size of the output vector `ŷ`.
    public var outputCount: Int { layers.last?.unitCount ?? 0 }

    /// Where each parameter lives in the flat parameter vector, and its name.
    public var layout: ParameterLayout { ParameterLayout(layers: layers) }

    /// The parameters in layout order: for each layer, for each unit `j`, `W[j,1…n]` then `b[j]`.
    public var parameterVector: [Double] {
        var vector: [Double] = []
        for layer in layers {
            for j in 0..<layer.unitCount {
                vector.append(contentsOf: layer.weights[j])
                vector.append(layer.biases[j])
            }
        }
        return vector
    }
}
