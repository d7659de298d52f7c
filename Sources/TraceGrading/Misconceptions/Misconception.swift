import TraceEngine

/// A mistake students make with a formula, written as the formulas such a student uses: the
/// alternate equations stand beside the rule's own, and the engine runs them to compute what
/// that student would get.
public struct Misconception: Sendable, Identifiable {
    /// A stable name for files and reports: `bias-correction-omitted`.
    public let id: String
    /// A short name for a report's table: `bias correction left out`.
    public let name: String
    /// What the lecture does instead, as a sentence without its full stop:
    /// `The bias correction divides by 1 − βᵗ: m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ)`.
    public let explanation: String
    /// The student's update for an experiment, or `nil` where the mistake cannot happen.
    let mistaken: @Sendable (Experiment, UpdateRule) -> MistakenRun?

    /// What a student with this mistake computes: the rule they follow, and how they take g.
    public struct MistakenRun: Sendable {
        public var rule: UpdateRule
        public var chainRule: ChainRuleVariant = .standard
        /// The rule as feedback writes it, when that differs from the one run (`nil`: the same).
        public var shown: UpdateRule?
        /// Whether the parameters the homework does not ask about keep their starting weights
        /// at every update (the student updated only the asked ones), where the run updates them.
        public var othersKeepStartingWeights = false
    }

    /// The rule and chain rule a student with this mistake follows in `experiment`, or `nil`
    /// where it does not apply (an optimizer without that formula, a batch of one sample).
    public func run(for experiment: Experiment) -> MistakenRun? {
        mistaken(experiment, experiment.rule)
    }
}

extension UpdateRule {
    /// The rule with the equations of the targets in `replacements` given new right-hand sides.
    func replacing(_ replacements: [Symbol: Expression]) -> UpdateRule {
        UpdateRule(
            optimizer: optimizer, convention: convention,
            equations: equations.map { Equation($0.target, replacements[$0.target] ?? $0.expression) },
            notes: notes, initialState: initialState)
    }

    /// The right-hand side of `target`'s equation.
    func expression(of target: Symbol) -> Expression? {
        equations.first { $0.target == target }?.expression
    }
}
