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

    /// How an optimizer keeps a value from one update to the next, by the shape of its equation.
    enum KeptStateKind: Sendable {
        /// `x ← β·x + (1 − β)·y`, or any form that a decay rate scales: momentum's `v`, RMSProp's
        /// `ss`, Adam's `m` and `v`.
        case movingAverage
        /// `x ← x + y`, which no decay rate scales: AdaGrad's `s`.
        case runningSum
        /// `x ← max(x, y)`: AMSGrad's `v_max`.
        case runningMaximum
    }

    /// How the rule keeps `x`, read from `x`'s own equation; `nil` where nothing assigns it.
    func kind(ofKept x: Symbol) -> KeptStateKind? {
        guard let expression = expression(of: x) else { return nil }
        switch expression {
        case .maximum(.symbol(x), _), .maximum(_, .symbol(x)): return .runningMaximum
        default: return Self.decayRates.isDisjoint(with: expression.symbols) ? .runningSum : .movingAverage
        }
    }

    /// Each kept state of `kind` restarted at every update: read as 0, where it starts, wherever
    /// an equation reads its value from the update before, so that only this update's term is
    /// left.
    ///
    /// ```
    /// moving average   m ← β₁·m + (1 − β₁)·g   →  m ← (1 − β₁)·g      v ← β·v + g  →  v ← g
    /// running sum      s ← s + g²              →  s ← g²              (s₀ dropped too)
    /// running maximum  v_max ← max(v_max, v̂)   →  v_max ← v̂           (the largest of one update's)
    /// ```
    func withKeptStateRestarted(_ kind: KeptStateKind) -> UpdateRule? {
        let restarted = keptState.filter { self.kind(ofKept: $0) == kind }
        guard !restarted.isEmpty else { return nil }
        let changed = equations.indices.map { k -> Equation in
            let original = equations[k].expression
            var expression = original
            for x in restarted where valueTime(of: x, inEquation: k) == .carriedIn {
                expression = expression.substituting(x, with: .constant(0))
            }
            return Equation(equations[k].target, expression == original ? original : expression.zerosFolded)
        }
        guard changed != equations else { return nil }
        return UpdateRule(
            optimizer: optimizer, convention: convention, equations: changed, notes: notes,
            initialState: initialState)
    }

    /// Each running sum `x ← x + y` (AdaGrad's `s`) taken as `x ← y`, restarted at every update.
    func withRunningSumRestarted() -> UpdateRule? {
        withKeptStateRestarted(.runningSum)
    }

    /// Each running maximum `x ← max(x, y)` (AMSGrad's `v_max`) taken as `x ← y`: the
    /// moment of this update, whether or not it fell below the largest so far.
    func withRunningMaximumLeftOut() -> UpdateRule? {
        withKeptStateRestarted(.runningMaximum)
    }

    /// The weight decay left out: AdamW's terms with `λ` in the update of `w` (`− η·λ·w`, which
    /// leaves Adam's step) and L2's `g ← g + λ₂·w` (the equation whole); `nil` where the rule
    /// has neither.
    func withoutWeightDecay() -> UpdateRule? {
        let undecayed = equations.compactMap { equation -> Equation? in
            switch equation.target {
            case .wNew:
                return Equation(.wNew, equation.expression.droppingTerms(withFactor: .lambda))
            case .g:
                let rest = equation.expression.droppingTerms(withFactor: .l2)
                return rest == .symbol(.g) ? nil : Equation(.g, rest)
            default:
                return equation
            }
        }
        guard undecayed != equations else { return nil }
        return UpdateRule(
            optimizer: optimizer, convention: convention, equations: undecayed, notes: notes,
            initialState: initialState)
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
        rule(self) ?? mappingChildren { $0.rewritten(rule) }
    }

    /// The expression with the zeros a restart put in folded away, bottom-up: `β·0 + y` is `y`,
    /// `0 + y` and `y − 0` are `y`, and `max(0, y)` is `y`, the largest of one value (a kept
    /// maximum is of a second moment, which is never negative). `0 − y` stays as it is.
    var zerosFolded: Expression {
        let zero = Expression.constant(0), folded = mappingChildren(\.zerosFolded)
        switch folded {
        case let .sum(a, b) where a == zero, let .maximum(a, b) where a == zero: return b
        case let .sum(a, b) where b == zero, let .difference(a, b) where b == zero, let .maximum(a, b) where b == zero: return a
        case let .product(a, b) where a == zero || b == zero: return zero
        default: return folded
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
