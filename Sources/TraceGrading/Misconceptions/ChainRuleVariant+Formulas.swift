import TraceEngine

extension ChainRuleVariant {
    /// Whether a student with this mistake computes the value at `place` with another formula
    /// than the lecture's (rather than with the lecture's formula from values the mistake
    /// changed earlier): a δ of a layer whose slope, sign or weights the mistake changes.
    func changesFormula(of place: SamplePlace, in network: Network) -> Bool {
        place.quantity == .delta && changesDelta(ofLayer: place.layer - 1, in: network)
    }

    /// Whether the mistake changes the formula of layer `l`'s δ (from 0).
    func changesDelta(ofLayer l: Int, in network: Network) -> Bool {
        guard network.layers.indices.contains(l) else { return false }
        let activation = network.layers[l].activation
        let sloped = MisconceptionCatalog.layersWithSlope(network).contains(l)
        switch self {
        case .standard, .batchSum, .biasGradientTimesActivation:
            return false
        case .sigmoidSlopeIsActivation:
            return sloped && activation == .sigmoid
        case .slopeOmitted:
            return sloped && activation != .identity
        case .slopeAtActivation:
            return sloped && (activation == .sigmoid || activation == .tanh)
        case .outputDeltaSignFlipped:
            return l == network.layers.count - 1
        case .weightsUntransposed:
            return MisconceptionCatalog.layersWithSquareWeightsAbove(network).contains(l)
        case .deltaFromOwnLayerWeights:
            return MisconceptionCatalog.layersWithOwnWeightsShapedAsAbove(network).contains(l)
        }
    }

    /// Whether a student with this mistake takes the parameter's gradient, in the same update,
    /// with another formula than the lecture's mean of `δ·a` (or of `δ`): the batch summed, a
    /// bias's δ times a, or a δ it reads (its layer's, computed from those above it) that the
    /// mistake changes. Elsewhere the mistake reaches g only through the weights an earlier
    /// update moved.
    func changesGradientFormula(of role: ParameterRole, in network: Network) -> Bool {
        switch self {
        case .standard:
            return false
        case .batchSum:
            return true
        case .biasGradientTimesActivation:
            if case .bias = role { return true }
            return false
        case .sigmoidSlopeIsActivation, .slopeOmitted, .slopeAtActivation, .outputDeltaSignFlipped, .weightsUntransposed,
            .deltaFromOwnLayerWeights:
            let layer: Int
            switch role {
            case let .weight(l, _, _), let .bias(l, _): layer = l - 1
            case .coordinate: return false
            }
            return (layer..<network.layers.count).contains { changesDelta(ofLayer: $0, in: network) }
        }
    }

    /// The slope that multiplies a δ of `activation` under this mistake, as feedback names it
    /// and as the engine computes it, from the unit's `z` and `a`.
    func slope(_ activation: Activation, z: Double, a: Double, name: (symbol: String, layer: Int, unit: Int)) -> (text: String, value: Double) {
        let at = { (quantity: String) in "\(quantity)\(name.layer)[\(name.unit)]" }
        switch self {
        case .sigmoidSlopeIsActivation where activation == .sigmoid:
            return ("σ(\(at("z")))", a)
        case .slopeOmitted:
            return ("", 1)
        case .slopeAtActivation where activation == .sigmoid || activation == .tanh:
            return ("\(name.symbol)′(\(at("a")))", activation.derivative(z: a, a: activation.value(a)))
        case .standard, .batchSum, .sigmoidSlopeIsActivation, .slopeAtActivation, .outputDeltaSignFlipped,
            .weightsUntransposed, .deltaFromOwnLayerWeights, .biasGradientTimesActivation:
            return ("f′(\(at("z")))", activation.derivative(z: z, a: a))
        }
    }
}
