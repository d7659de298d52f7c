/// The losses as equations over a sample's outputs `ŷ_k` and targets `y_k`, `k` from 1 to `K`.
extension Loss {
    /// The sample's loss:
    ///
    /// ```
    /// half_sse       L = ½·Σ_k (y_k − ŷ_k)²
    /// mse            L = (1/K)·Σ_k (y_k − ŷ_k)²
    /// bce            L = −Σ_k [y_k·ln ŷ_k + (1 − y_k)·ln(1 − ŷ_k)]
    /// cross_entropy  L = −Σ_k y_k·ln ŷ_k
    /// ```
    /// (``value(prediction:target:)`` computes it, leaving out a term whose coefficient
    /// `y_k` or `1 − y_k` is 0, and cross-entropy from `z` where it can; see ``Loss``.)
    public var equation: PassEquation {
        let error = IndexedExpression.target(.k) - .prediction(.k)
        let expression: IndexedExpression
        switch self {
        case .halfSSE:
            expression = IndexedExpression.quotient(1, 2) * .sum(over: .k, .power(error, 2))
        case .mse:
            expression = IndexedExpression.quotient(1, .outputCount) * .sum(over: .k, .power(error, 2))
        case .bce:
            expression = -.sum(over: .k, .target(.k) * .apply(.ln, .prediction(.k))
                + (1 - .target(.k)) * .apply(.ln, 1 - .prediction(.k)))
        case .crossEntropy:
            expression = -.sum(over: .k, .target(.k) * .apply(.ln, .prediction(.k)))
        }
        return PassEquation(PassElement(.loss), expression)
    }

    /// The loss's slope at output `k`:
    ///
    /// ```
    /// half_sse       ∂L/∂ŷ_k = ŷ_k − y_k
    /// mse            ∂L/∂ŷ_k = 2·(ŷ_k − y_k)/K
    /// bce            ∂L/∂ŷ_k = (ŷ_k − y_k)/(ŷ_k·(1 − ŷ_k))
    /// cross_entropy  ∂L/∂ŷ_k = −y_k/ŷ_k
    /// ```
    public var slope: PassEquation {
        let error = IndexedExpression.prediction(.k) - .target(.k)
        let expression: IndexedExpression
        switch self {
        case .halfSSE: expression = error
        case .mse: expression = 2 * error / .outputCount
        case .bce: expression = error / (.prediction(.k) * (1 - .prediction(.k)))
        case .crossEntropy: expression = -(.target(.k) / .prediction(.k))
        }
        return PassEquation(PassElement(.lossSlope, units: [.k]), expression)
    }

    /// Whether the last layer's `δ = ∂L/∂ŷ·f′(z)` simplifies to `ŷ − y` after `activation`:
    /// binary cross-entropy after a sigmoid (`(ŷ − y)/(ŷ(1 − ŷ))·ŷ(1 − ŷ)`), cross-entropy
    /// after a softmax (`Σ_k ∂L/∂ŷ_k·∂ŷ_k/∂z_j = ŷ_j·Σ_k y_k − y_j`, one-hot y). The engine
    /// takes that δ directly: it stays finite where ŷ rounds to 0 or 1.
    public func takesOutputDeltaDirectly(from activation: Activation) -> Bool {
        (self == .bce && activation == .sigmoid) || (self == .crossEntropy && activation == .softmax)
    }
}
