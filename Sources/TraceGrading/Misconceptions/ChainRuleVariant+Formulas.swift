import TraceEngine
import TraceRender

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

    /// The weight that a student with this mistake multiplies `δ_(l+1)[k]` by in a hidden
    /// layer's `δ_l[j]`: ``ChainRule/hiddenDelta``'s `W_(l+1)[k,j]`, the row `W_(l+1)[j,k]`
    /// (weights untransposed), or the layer's own `W_l[k,j]`.
    var hiddenDeltaWeight: IndexedExpression {
        switch self {
        case .weightsUntransposed:
            return .weight(.l + 1, .j, .k)
        case .deltaFromOwnLayerWeights:
            return .weight(.l, .k, .j)
        case .standard, .batchSum, .sigmoidSlopeIsActivation, .slopeOmitted, .slopeAtActivation, .outputDeltaSignFlipped,
            .biasGradientTimesActivation:
            return .weight(.l + 1, .k, .j)
        }
    }

    /// The sum a hidden layer's δ takes from the layer above, with ``hiddenDeltaWeight``:
    /// `Σ_k W_(l+1)[k,j]·δ_(l+1)[k]`.
    var hiddenDeltaSum: IndexedExpression {
        .sum(over: .k, hiddenDeltaWeight * .delta(.l + 1, .k))
    }

    /// A bias's gradient from one sample as a student with this mistake takes it:
    /// ``ChainRule/biasGradient``'s `δ_l[j]`, or `δ_l[j]·a_l[j]` (the unit's own a where the
    /// bias's input is 1).
    var biasGradient: IndexedExpression {
        self == .biasGradientTimesActivation ? .delta(.l, .j) * .a(.l, .j) : ChainRule.biasGradient.expression
    }

    /// The slope that multiplies the δ of unit `unit` of layer `layer` (both from 1) of
    /// `network` under this mistake, as feedback names it (drawn from the equation it
    /// evaluates, ``slopeExpression(layer:unit:in:)``) and as the engine computes it, from the
    /// unit's `z` and `a`: `("f′(z1[1])", f′(z))`, `("", 1)` where the slope is left out.
    func slope(layer: Int, unit: Int, in network: Network, z: Double, a: Double) -> (text: String, value: Double) {
        let activation = network.layers[layer - 1].activation
        guard let expression = slopeExpression(layer: layer, unit: unit, in: network) else { return ("", 1) }
        var notation = PassNotation.feedback(network)
        // The lecture's f′(z); a slope taken at a named by its function, σ′(a1[1]), which
        // says whose slope the student took where.
        notation.namesSlopes = self == .slopeAtActivation
        let text = UnicodeMath.render(PassMathBuilder(notation).build(expression))
        switch self {
        case .sigmoidSlopeIsActivation where activation == .sigmoid:
            return (text, a)
        case .slopeAtActivation where activation == .sigmoid || activation == .tanh:
            return (text, activation.derivative(z: a, a: activation.value(a)))
        case .standard, .batchSum, .sigmoidSlopeIsActivation, .slopeOmitted, .slopeAtActivation, .outputDeltaSignFlipped,
            .weightsUntransposed, .deltaFromOwnLayerWeights, .biasGradientTimesActivation:
            return (text, activation.derivative(z: z, a: a))
        }
    }

    /// The slope as a student with this mistake takes it at unit `unit` of layer `layer`:
    ///
    /// ```
    /// lecture                                 f′(z1[1])    (the layer's Activation.slope at its z)
    /// sigmoidSlopeIsActivation (sigmoid)      σ(z1[1])     (the activation itself)
    /// slopeAtActivation (sigmoid, tanh)       σ′(a1[1])    (the slope at a)
    /// slopeOmitted                            none
    /// ```
    func slopeExpression(layer: Int, unit: Int, in network: Network) -> IndexedExpression? {
        let activation = network.layers[layer - 1].activation
        let z = IndexedExpression.z(PassIndex(number: layer), PassIndex(number: unit))
        let a = IndexedExpression.a(PassIndex(number: layer), PassIndex(number: unit))
        let at = PassIndex(number: layer)
        switch self {
        case .sigmoidSlopeIsActivation where activation == .sigmoid:
            return .apply(.activation(at), z)
        case .slopeOmitted:
            return nil
        case .slopeAtActivation where activation == .sigmoid || activation == .tanh:
            return .apply(.slope(at), a)
        case .standard, .batchSum, .sigmoidSlopeIsActivation, .slopeAtActivation, .outputDeltaSignFlipped,
            .weightsUntransposed, .deltaFromOwnLayerWeights, .biasGradientTimesActivation:
            return .apply(.slope(at), z)
        }
    }

    /// The last layer's factor from the loss as a student with this mistake writes it at output
    /// `unit` (from 1), drawn from the equations: where δ takes no slope, δ itself,
    /// ``ChainRule/outputDeltaDirect`` (`ŷ1 − y1`); else the loss's slope, written out for
    /// half_sse (``Loss/slope``, `(ŷ1 − y1)`) and named elsewhere (`∂L/∂ŷ1`). The sign
    /// mistake flips it: `y1 − ŷ1`, `(y1 − ŷ1)`, `−∂L/∂ŷ1`.
    func outputFactorText(unit: Int, in network: Network, slopeTaken: Bool) -> String {
        let builder = PassMathBuilder(.feedback(network))
        var expression: IndexedExpression
        if !slopeTaken {
            expression = ChainRule.outputDeltaDirect.expression.numbered([.j: unit])
        } else if network.loss == .halfSSE {
            expression = network.loss.slope.expression.numbered([.k: unit])
        } else {
            expression = .lossSlope(PassIndex(number: unit))
        }
        if self == .outputDeltaSignFlipped {
            // y − ŷ for ŷ − y (the terms swapped), else the negation.
            if case let .difference(a, b) = expression, a != 0 { expression = b - a } else { expression = -expression }
        }
        let node = builder.build(expression)
        return UnicodeMath.render(slopeTaken && network.loss == .halfSSE ? .fenced(node) : node)
    }
}
