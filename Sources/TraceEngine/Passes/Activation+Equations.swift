/// The activations as equations over their own argument `z_k` and value `a_k` (unit `k` of
/// whatever layer they are applied in).
extension Activation {
    /// `a_k = f(z)`:
    ///
    /// ```
    /// identity  a_k = z_k
    /// sigmoid   a_k = 1/(1 + e^(−z_k))
    /// tanh      a_k = tanh z_k
    /// relu      a_k = max(0, z_k)
    /// softmax   a_k = e^(z_k)/Σ_j e^(z_j)
    /// ```
    /// (``softmax(_:into:)`` computes the softmax with the largest `z` taken off every
    /// exponent, the same value without overflow.)
    public var equation: PassEquation {
        let z = IndexedExpression.z(nil, .k)
        let expression: IndexedExpression
        switch self {
        case .identity: expression = z
        case .sigmoid: expression = 1 / (1 + .apply(.exp, -z))
        case .tanh: expression = .apply(.tanh, z)
        case .relu: expression = .apply(.rectifier, z)
        case .softmax: expression = .apply(.exp, z) / .sum(over: .j, .apply(.exp, .z(nil, .j)))
        }
        return PassEquation(PassElement(.a, units: [.k]), expression)
    }

    /// `f′(z_k)`, written through `a_k` where the lecture does:
    ///
    /// ```
    /// identity  f′ = 1
    /// sigmoid   f′ = a_k·(1 − a_k)
    /// tanh      f′ = 1 − a_k²
    /// relu      f′ = 1 if z_k > 0, else 0
    /// softmax   f′ = a_k·(1 − a_k)      (∂a_k/∂z_k, the Jacobian's diagonal; with
    ///                                     cross-entropy the output δ is ŷ − y instead)
    /// ```
    public var slope: IndexedExpression {
        let a = IndexedExpression.a(nil, .k)
        switch self {
        case .identity: return 1
        case .sigmoid, .softmax: return a * (1 - a)
        case .tanh: return 1 - .power(a, 2)
        case .relu: return .apply(.step, .z(nil, .k))
        }
    }
}
