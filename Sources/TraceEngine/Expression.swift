import Foundation

/// A formula over ``Symbol``s: the right-hand side of an ``Equation``.
///
/// Built with ordinary operators, so a rule reads like the lecture:
/// `β1 * m + (1 - β1) * g`. The same tree is evaluated by ``Evaluator`` and drawn by the
/// renderers, so what a handout shows is what was computed.
public indirect enum Expression: Sendable, Equatable {
    case symbol(Symbol)
    case constant(Double)
    case sum(Expression, Expression)
    case difference(Expression, Expression)
    case product(Expression, Expression)
    case quotient(Expression, Expression)
    case power(Expression, Expression)
    case squareRoot(Expression)
    /// `⌊x⌋`.
    case floor(Expression)
    /// `cos x`.
    case cosine(Expression)
    /// `min(a, b)`.
    case minimum(Expression, Expression)
    /// `max(a, b)`, not a number if either is (``larger(_:_:)``).
    case maximum(Expression, Expression)
    /// `π`.
    case pi

    public static func + (lhs: Expression, rhs: Expression) -> Expression { .sum(lhs, rhs) }
    public static func - (lhs: Expression, rhs: Expression) -> Expression { .difference(lhs, rhs) }
    public static func * (lhs: Expression, rhs: Expression) -> Expression { .product(lhs, rhs) }
    public static func / (lhs: Expression, rhs: Expression) -> Expression { .quotient(lhs, rhs) }

    /// `base^exponent`.
    public static func pow(_ base: Expression, _ exponent: Expression) -> Expression {
        .power(base, exponent)
    }

    /// `√x`.
    public static func sqrt(_ x: Expression) -> Expression { .squareRoot(x) }

    /// Every symbol the expression reads, in order of first appearance.
    public var symbols: [Symbol] {
        var seen: [Symbol] = []
        func visit(_ e: Expression) {
            switch e {
            case let .symbol(s): if !seen.contains(s) { seen.append(s) }
            case .constant, .pi: break
            case let .sum(a, b), let .difference(a, b), let .product(a, b), let .quotient(a, b),
                let .power(a, b), let .minimum(a, b), let .maximum(a, b):
                visit(a)
                visit(b)
            case let .squareRoot(a), let .floor(a), let .cosine(a): visit(a)
            }
        }
        visit(self)
        return seen
    }
}

extension Expression {
    /// The expression with every `symbol` replaced by `replacement`: `η → η·η` in `w − η·g`
    /// gives `w − η·η·g`.
    public func substituting(_ symbol: Symbol, with replacement: Expression) -> Expression {
        if case let .symbol(s) = self { return s == symbol ? replacement : self }
        return mappingChildren { $0.substituting(symbol, with: replacement) }
    }

    /// The expression with `transform` applied to each of its direct subexpressions (a
    /// symbol, constant or π, which have none, as it is).
    package func mappingChildren(_ transform: (Expression) -> Expression) -> Expression {
        switch self {
        case .symbol, .constant, .pi: return self
        case let .sum(a, b): return .sum(transform(a), transform(b))
        case let .difference(a, b): return .difference(transform(a), transform(b))
        case let .product(a, b): return .product(transform(a), transform(b))
        case let .quotient(a, b): return .quotient(transform(a), transform(b))
        case let .power(a, b): return .power(transform(a), transform(b))
        case let .minimum(a, b): return .minimum(transform(a), transform(b))
        case let .maximum(a, b): return .maximum(transform(a), transform(b))
        case let .squareRoot(a): return .squareRoot(transform(a))
        case let .floor(a): return .floor(transform(a))
        case let .cosine(a): return .cosine(transform(a))
        }
    }
}

extension Expression {
    /// The value of ``maximum(_:_:)``, as `torch.maximum` and `jnp.maximum` take it:
    ///
    /// ```
    /// larger(a, b) = b if b > a, else a;   NaN if a or b is NaN
    /// ```
    ///
    /// (`Swift.max` would keep `a` beside a NaN `b`, hiding the step where a run diverged.)
    @inlinable
    public static func larger(_ a: Double, _ b: Double) -> Double {
        a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
    }
}

extension Expression: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }
    public init(floatLiteral value: Double) { self = .constant(value) }
}
