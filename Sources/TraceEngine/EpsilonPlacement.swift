/// Where an update adds ε to a square root, read from the update's own expression.
///
/// ```
/// inside:   … / √(S + ε)      the lecture's AdaGrad, RMSProp and Adam; Keras's and Optax's AdaGrad
/// outside:  … / (√S + ε)      PyTorch's; Optax's Adam; Keras's Adam (S = v, before bias correction)
/// ```
///
/// The rule's equations are the one place this is written: the effective rate, the
/// `epsilon-placement` mistake and the handouts all read it from there.
public enum EpsilonPlacement: Sendable, Equatable {
    /// `√(S + ε)`, with `S` the radicand.
    case insideRoot(radicand: Expression)
    /// `√S + ε`.
    case outsideRoot(radicand: Expression)

    /// `S`, the value under the root.
    public var radicand: Expression {
        switch self {
        case let .insideRoot(s), let .outsideRoot(s): return s
        }
    }

    /// The root with ε on this side: `√(S + ε)` or `√S + ε`.
    public var root: Expression {
        let ε = Expression.symbol(.epsilon)
        switch self {
        case let .insideRoot(s): return .squareRoot(s + ε)
        case let .outsideRoot(s): return .squareRoot(s) + ε
        }
    }

    /// The same root with ε on the other side.
    public var moved: EpsilonPlacement {
        switch self {
        case let .insideRoot(s): return .outsideRoot(radicand: s)
        case let .outsideRoot(s): return .insideRoot(radicand: s)
        }
    }

    /// The placement `e` is, if `e` is a root with ε added inside or outside it.
    init?(matching e: Expression) {
        switch e {
        case let .squareRoot(.sum(s, .symbol(.epsilon))): self = .insideRoot(radicand: s)
        case let .sum(.squareRoot(s), .symbol(.epsilon)): self = .outsideRoot(radicand: s)
        default: return nil
        }
    }
}

extension Expression {
    /// The first root with ε added to it, in reading order; `nil` where ε meets no root.
    public var epsilonPlacement: EpsilonPlacement? {
        if let placement = EpsilonPlacement(matching: self) { return placement }
        switch self {
        case .symbol, .constant, .pi: return nil
        case let .sum(a, b), let .difference(a, b), let .product(a, b), let .quotient(a, b),
            let .power(a, b), let .minimum(a, b), let .maximum(a, b):
            return a.epsilonPlacement ?? b.epsilonPlacement
        case let .squareRoot(a), let .floor(a), let .cosine(a): return a.epsilonPlacement
        }
    }

    /// The expression with ε moved to the other side of every root it is added to:
    /// `η/√(v̂ + ε)·m̂` becomes `η/(√v̂ + ε)·m̂`.
    public var epsilonMoved: Expression {
        if let placement = EpsilonPlacement(matching: self) {
            return placement.moved.root
        }
        switch self {
        case .symbol, .constant, .pi: return self
        case let .sum(a, b): return .sum(a.epsilonMoved, b.epsilonMoved)
        case let .difference(a, b): return .difference(a.epsilonMoved, b.epsilonMoved)
        case let .product(a, b): return .product(a.epsilonMoved, b.epsilonMoved)
        case let .quotient(a, b): return .quotient(a.epsilonMoved, b.epsilonMoved)
        case let .power(a, b): return .power(a.epsilonMoved, b.epsilonMoved)
        case let .minimum(a, b): return .minimum(a.epsilonMoved, b.epsilonMoved)
        case let .maximum(a, b): return .maximum(a.epsilonMoved, b.epsilonMoved)
        case let .squareRoot(a): return .squareRoot(a.epsilonMoved)
        case let .floor(a): return .floor(a.epsilonMoved)
        case let .cosine(a): return .cosine(a.epsilonMoved)
        }
    }
}
