/// The step size an adaptive update gives a parameter, read from the update's own equation:
/// the factor that multiplies the direction the update moves `w` along.
///
/// ```
/// AdaGrad, lecture    w ← w − η/√(s + ε)·g           rate η/√(s + ε),  direction g
/// RMSProp, PyTorch    w ← w − η·g/(√ss + ε)          rate η/(√ss + ε), direction g
/// Adam, lecture       w ← w − η/√(v̂ + ε)·m̂          rate η/√(v̂ + ε),  direction m̂
/// Adam, PyTorch       w ← w − η·m̂/(√v̂ + ε)          rate η/(√v̂ + ε),  direction m̂
/// Adam, Keras         w ← w − m·η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)/(√v + ε)   direction m (Keras keeps no m̂)
/// AdamW               the same, with − η·λ·w (or w·(1 − η·λ)) beside it
/// ```
/// Evaluated on a step's values after the update, it is the rate that update used:
/// `w_new = w − rate·direction` (AdamW: less its weight decay).
public struct EffectiveRate: Sendable, Equatable {
    /// The factor, e.g. `η/√(v̂ + ε)`.
    public let rate: Expression
    /// What it multiplies: `g`, `m̂`, or `m`.
    public let direction: Symbol

    public init(rate: Expression, direction: Symbol) {
        self.rate = rate
        self.direction = direction
    }

    /// Every parameter's rate at `step`: ``rate`` evaluated on the step's scalars and its
    /// values after the update, so the rate that update used. `nil` if it is not one value
    /// per parameter.
    public func values(at step: StepRecord, parameterCount: Int) -> [Double]? {
        evaluate(at: step, parameterCount: parameterCount) { Array($0) }
    }

    /// Parameter `index`'s rate at `step`, as ``values(at:parameterCount:)`` gives it
    /// (evaluated for that parameter alone: the arithmetic is the same, element by element).
    public func value(at step: StepRecord, parameter index: Int) -> Double? {
        evaluate(at: step, parameterCount: 1) { [$0[index]] }?.first
    }

    private func evaluate(
        at step: StepRecord, parameterCount: Int, _ column: (ParameterColumn) -> [Double]
    ) -> [Double]? {
        var evaluator = Evaluator(parameterCount: parameterCount)
        evaluator.scalars = step.scalars
        for (symbol, values) in step.values { evaluator.vectors[symbol] = column(values) }
        guard case let .vector(values) = evaluator.evaluate(rate) else { return nil }
        return values
    }
}

extension UpdateRule {
    /// The effective learning rate of an update that divides by a root of accumulated squares
    /// (AdaGrad, RMSProp, Adam, AdamW): the coefficient of the first of `g`, `m̂`, `m` that the
    /// update of `w` subtracts a multiple of. `nil` where the update has no such root (gd,
    /// momentum, Nesterov: their rate is η itself).
    public var effectiveRate: EffectiveRate? {
        guard let update = equations.first(where: { $0.target == .wNew })?.expression, update.epsilonPlacement != nil else { return nil }
        for direction in [Symbol.g, .mHat, .m] where update.symbols.contains(direction) {
            if let (rate, subtracted) = update.coefficient(of: direction), subtracted {
                return EffectiveRate(rate: rate, direction: direction)
            }
        }
        return nil
    }
}

extension Expression {
    /// `c` where the expression is `± c·d` plus terms without `d`, and whether `c·d` is
    /// subtracted; `nil` unless the expression is linear in `d` with `d` in one term.
    ///
    /// ```
    /// w − η/√(v̂ + ε)·m̂      of m̂:  (η/√(v̂ + ε), subtracted)
    /// w − η·(m̂/(√v̂ + ε))    of m̂:  (η/(√v̂ + ε), subtracted)
    /// ```
    /// `1·x` and `x·1` are written `x`, and `a·(1/b)` is written `a/b`, as the lecture would.
    func coefficient(of d: Symbol) -> (Expression, subtracted: Bool)? {
        switch self {
        case let .symbol(s) where s == d:
            return (.constant(1), false)
        case let .sum(a, b):
            return Self.one(a, b, of: d).flatMap { $0.coefficient(of: d) }
        case let .difference(a, b):
            guard let side = Self.one(a, b, of: d), let (c, subtracted) = side.coefficient(of: d) else { return nil }
            return (c, side == b ? !subtracted : subtracted)
        case let .product(a, b):
            guard let side = Self.one(a, b, of: d), let (c, subtracted) = side.coefficient(of: d) else { return nil }
            return (side == a ? Self.simplifiedProduct(c, b) : Self.simplifiedProduct(a, c), subtracted)
        case let .quotient(a, b) where !b.symbols.contains(d):
            return a.coefficient(of: d).map { (.quotient($0.0, b), $0.subtracted) }
        default:
            // A symbol other than d, a constant, or any other operation (a power, a root, …):
            // either free of d, so no coefficient, or not linear in it.
            return nil
        }
    }

    /// The one of `a` and `b` that holds `d`; `nil` when both or neither do.
    private static func one(_ a: Expression, _ b: Expression, of d: Symbol) -> Expression? {
        switch (a.symbols.contains(d), b.symbols.contains(d)) {
        case (true, false): return a
        case (false, true): return b
        default: return nil
        }
    }

    private static func simplifiedProduct(_ a: Expression, _ b: Expression) -> Expression {
        switch (a, b) {
        case (.constant(1), _): return b
        case (_, .constant(1)): return a
        case let (_, .quotient(.constant(1), denominator)): return .quotient(a, denominator)
        case let (.quotient(.constant(1), denominator), _): return .quotient(b, denominator)
        default: return .product(a, b)
        }
    }
}
