import TraceEngine

/// The edits that turn an optimizer's right rule into a mistaken one, each applied to
/// whatever rule has the pieces it edits (a root with ε, a `(1 − β)` factor, m̂ and v̂), so an
/// optimizer's mistakes follow from its equations without entries of their own.
///
/// Each returns `nil` where the rule lacks the pieces, so the mistake cannot happen there.
extension UpdateRule {
    /// The decay hyperparameters of moving averages: the `β` in `v ← β·v + (1 − β)·g`.
    static let decayRates: Set<Symbol> = [.beta, .rho, .beta1, .beta2]

    /// The state equations: every equation but the update of `w` (and L2's `g ← g + λ₂·w`).
    private func isState(_ equation: Equation) -> Bool {
        equation.target != .wNew && equation.target != .g
    }

    /// Whether the rule bias-corrects both of Adam's moments (`m̂`, `v̂`).
    var hasBiasCorrection: Bool {
        stateSymbols.contains(.mHat) && stateSymbols.contains(.vHat)
    }

    /// The rule with `edit` applied to the right-hand sides of the equations `which` picks, or
    /// `nil` if that changes nothing.
    func edited(where which: (Equation) -> Bool, _ edit: (Expression) -> Expression) -> UpdateRule? {
        let changed = equations.map { which($0) ? Equation($0.target, edit($0.expression)) : $0 }
        guard changed != equations else { return nil }
        return UpdateRule(
            optimizer: optimizer, convention: convention, equations: changed, notes: notes,
            initialState: initialState)
    }

    /// `m̂ = m`, `v̂ = v`: the bias correction left out, each moment taken as it is before
    /// its division by `1 − βᵗ` (`v̂ = v_max` in PyTorch's AMSGrad, `v̂ ← v_max/(1 − β₂ᵗ)`).
    func withoutBiasCorrection() -> UpdateRule? {
        guard hasBiasCorrection else { return nil }
        return edited(where: { $0.target == .mHat || $0.target == .vHat }) { expression in
            if case let .quotient(moment, _) = expression { return moment }
            return expression
        }
    }

    /// `t` shifted by `offset` in the bias corrections: `m̂ = m/(1 − β₁^(t+1))`.
    func biasCorrection(atStepShiftedBy offset: Expression) -> UpdateRule? {
        biasCorrection(atStep: .symbol(.t) + offset)
    }

    /// `step` for `t` in the bias corrections: `m̂ = m/(1 − β₁^(t − 1))` for `t − 1`.
    func biasCorrection(atStep step: Expression) -> UpdateRule? {
        guard hasBiasCorrection else { return nil }
        return edited(where: { $0.target == .mHat || $0.target == .vHat }) {
            $0.substituting(.t, with: step)
        }
    }

    /// `β₁` and `β₂` exchanged in every equation that reads them.
    func betasSwapped() -> UpdateRule? {
        let state = equations.filter(isState).flatMap(\.expression.symbols)
        guard state.contains(.beta1), state.contains(.beta2) else { return nil }
        return edited(where: { _ in true }) { expression in
            expression.rewritten {
                switch $0 {
                case .symbol(.beta1): return .symbol(.beta2)
                case .symbol(.beta2): return .symbol(.beta1)
                default: return nil
                }
            }
        }
    }

    /// The `(1 − β)` factor left out of each moving average `x ← β·x + (1 − β)·y`.
    func withoutOneMinusDecay() -> UpdateRule? {
        edited(where: isState) { expression in
            expression.rewritten { term in
                guard case let .product(.difference(.constant(1), .symbol(k)), y) = term,
                    Self.decayRates.contains(k)
                else { return nil }
                return y
            }
        }
    }

    /// `g` for `g²` in the state's second moments.
    func gradientForItsSquare() -> UpdateRule? {
        edited(where: isState) { expression in
            expression.rewritten { $0 == .power(.symbol(.g), .constant(2)) ? .symbol(.g) : nil }
        }
    }

    /// Each running sum `x ← x + y` (state that no decay rate scales: AdaGrad's `s`) taken as
    /// `x ← y`, restarted at every update.
    func withRunningSumRestarted() -> UpdateRule? {
        let kept = keptState
        return edited(where: { kept.contains($0.target) && Self.decayRates.isDisjoint(with: $0.expression.symbols) }) {
            Self.restartedSum($0, of: kept)
        }
    }

    private static func restartedSum(_ expression: Expression, of kept: [Symbol]) -> Expression {
        switch expression {
        case let .sum(.symbol(x), y) where kept.contains(x): return y
        case let .sum(y, .symbol(x)) where kept.contains(x): return y
        default: return expression
        }
    }

    /// Each running maximum `x ← max(x, y)` (AMSGrad's `v_max`) taken as `x ← y`: the
    /// moment of this update, whether or not it fell below the largest so far.
    func withRunningMaximumLeftOut() -> UpdateRule? {
        let kept = keptState
        return edited(where: { kept.contains($0.target) }) { expression in
            if case let .maximum(.symbol(x), y) = expression, kept.contains(x) { return y }
            return expression
        }
    }

    /// The update of `w` without its terms that have `symbol` as a factor: AdamW's `− η·λ·w` left out.
    func updateWithoutTerms(withFactor symbol: Symbol) -> UpdateRule? {
        edited(where: { $0.target == .wNew }) { $0.droppingTerms(withFactor: symbol) }
    }
}

extension Expression {
    /// The expression rewritten top-down: where `rule` gives a replacement for a subexpression
    /// it takes its place (and is not visited again); elsewhere the children are rewritten.
    func rewritten(_ rule: (Expression) -> Expression?) -> Expression {
        if let replacement = rule(self) { return replacement }
        switch self {
        case .symbol, .constant, .pi: return self
        case let .sum(a, b): return .sum(a.rewritten(rule), b.rewritten(rule))
        case let .difference(a, b): return .difference(a.rewritten(rule), b.rewritten(rule))
        case let .product(a, b): return .product(a.rewritten(rule), b.rewritten(rule))
        case let .quotient(a, b): return .quotient(a.rewritten(rule), b.rewritten(rule))
        case let .power(a, b): return .power(a.rewritten(rule), b.rewritten(rule))
        case let .minimum(a, b): return .minimum(a.rewritten(rule), b.rewritten(rule))
        case let .maximum(a, b): return .maximum(a.rewritten(rule), b.rewritten(rule))
        case let .squareRoot(a): return .squareRoot(a.rewritten(rule))
        case let .floor(a): return .floor(a.rewritten(rule))
        case let .cosine(a): return .cosine(a.rewritten(rule))
        }
    }

    /// The expression without its additive terms that have `symbol` as a factor, and without
    /// the factors of 1 that leaves: `w − A − η·λ·w` is `w − A`, `w·(1 − η·λ) − A` is `w − A`,
    /// `w − η·(A + λ·w)` is `w − η·A`.
    func droppingTerms(withFactor symbol: Symbol) -> Expression {
        switch self {
        case let .sum(a, b):
            if b.hasFactor(symbol) { return a.droppingTerms(withFactor: symbol) }
            if a.hasFactor(symbol) { return b.droppingTerms(withFactor: symbol) }
            return .sum(a.droppingTerms(withFactor: symbol), b.droppingTerms(withFactor: symbol))
        case let .difference(a, b):
            if b.hasFactor(symbol) { return a.droppingTerms(withFactor: symbol) }
            return .difference(a.droppingTerms(withFactor: symbol), b.droppingTerms(withFactor: symbol))
        case let .product(a, b):
            let a = a.droppingTerms(withFactor: symbol), b = b.droppingTerms(withFactor: symbol)
            if a == .constant(1) { return b }
            if b == .constant(1) { return a }
            return .product(a, b)
        case let .quotient(a, b):
            return .quotient(a.droppingTerms(withFactor: symbol), b.droppingTerms(withFactor: symbol))
        default:
            return self
        }
    }

    /// Whether `symbol` multiplies the whole expression: `λ` in `η·λ·w` and in `λ·w/2`.
    private func hasFactor(_ symbol: Symbol) -> Bool {
        switch self {
        case let .symbol(s): return s == symbol
        case let .product(a, b): return a.hasFactor(symbol) || b.hasFactor(symbol)
        case let .quotient(a, _): return a.hasFactor(symbol)
        default: return false
        }
    }
}
