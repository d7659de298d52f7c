/// A function applied in a formula of the passes.
public enum PassFunction: Sendable, Equatable {
    /// `e^x`.
    case exp
    /// `ln x`.
    case ln
    /// `tanh x`.
    case tanh
    /// `max(0, x)`, not a number if `x` is not.
    case rectifier
    /// `1 if x > 0, else 0` (0 at 0, and for a NaN).
    case step
    /// The activation `f_l` of a layer (`f_l(z_l[j])`): its ``Activation/equation``.
    case activation(PassIndex)
    /// Its slope `f′_l`: the activation's ``Activation/slope``.
    case slope(PassIndex)

    /// The function with its layer's letters replaced by numbers.
    func numbered(_ numbers: [PassIndex.Letter: Int]) -> PassFunction {
        switch self {
        case let .activation(layer): return .activation(layer.numbered(numbers))
        case let .slope(layer): return .slope(layer.numbered(numbers))
        case .exp, .ln, .tanh, .rectifier, .step: return self
        }
    }
}
