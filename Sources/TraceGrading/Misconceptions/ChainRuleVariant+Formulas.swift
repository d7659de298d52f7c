import TraceEngine

extension ChainRuleVariant {
    /// Whether a student with this mistake computes the value at `place` with another formula
    /// than the lecture's (rather than with the lecture's formula from values the mistake
    /// changed earlier): a δ of a layer whose slope, sign or weights the mistake changes.
    func changesFormula(of place: SamplePlace, in network: Network) -> Bool {
        guard place.quantity == .delta else { return false }
        let l = place.layer - 1
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

    /// Whether a student with this mistake takes the gradient of the parameter with another
    /// formula than the lecture's mean of `δ·a` (or of `δ`), from their δ and a.
    func changesGradientFormula(of role: ParameterRole) -> Bool {
        switch self {
        case .standard:
            return false
        case .biasGradientTimesActivation:
            if case .bias = role { return true }
            return false
        case .batchSum, .sigmoidSlopeIsActivation, .slopeOmitted, .slopeAtActivation, .outputDeltaSignFlipped,
            .weightsUntransposed, .deltaFromOwnLayerWeights:
            // The δ that g reads are the student's mistaken ones (where the homework does not ask them).
            return true
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
