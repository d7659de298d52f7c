import TraceEngine
import TraceRender

/// How each asked value comes about, written out for feedback: the lecture's formula, then
/// the same with the numbers it read (the student's own earlier values, under
/// carry-forward) and its result, e.g.
/// `v̂(2) = v/(1 − β₂ᵗ) = 4.3851e-08/(1 − 0.999²) = 2.19365e-05`.
struct FeedbackFormulas {
    let replay: RecordingSink
    let experiment: Experiment

    static let digits = 6

    private let worked = WorkedFormulas(number: { NumberFormat.significant($0, digits: FeedbackFormulas.digits) })

    init(replay: RecordingSink, experiment: Experiment) {
        self.replay = replay
        self.experiment = experiment
    }

    /// `(working with numbers, formula without)` for `asked`, whose parameter is number `index`.
    func working(for asked: AskedValue, parameter index: Int) -> (working: String, formula: String) {
        let rule = replay.run?.rule ?? experiment.rule
        let formula = Self.formula(of: asked.quantity, in: rule, t: asked.t, objective: experiment.objective != nil)
        guard let run = replay.run, let step = replay.step(at: asked.t, showingComputed: asked.quantity) else {
            return (formula, formula)
        }
        let number = { NumberFormat.significant($0, digits: FeedbackFormulas.digits) }

        switch asked.quantity {
        case .w:
            let value = step.values[.w]?[index] ?? .nan
            let text = asked.t == 1
                ? "the starting weight, \(number(value))"
                : "the weight update \(asked.t - 1) computed (its w_new), \(number(value))"
            return (text, formula)
        case .g where !rule.equations.contains(where: { $0.target == .g }):
            return ("\(UnicodeMath.render(worked.gradient(parameter: index, step: step, run: run))) (at the weights before update \(asked.t))", formula)
        default:
            guard let k = rule.equations.firstIndex(where: { $0.target == asked.quantity }) else { return (formula, formula) }
            let line = UnicodeMath.render(worked.update(parameter: index, step: step, rule: rule, symbols: true)[k])
            guard asked.quantity == .g else { return (line, formula) }
            // With L2, g is the chain rule's gradient plus λ₂·w: show both.
            let chainRule = UnicodeMath.render(worked.gradient(parameter: index, step: step, run: run))
            return ("\(chainRule) (at the weights before update \(asked.t)), then \(line)", formula)
        }
    }

    /// The formula alone, e.g. `m/(1 − β₁ᵗ) with t = 2`, for feedback that keeps numbers back.
    static func formula(of quantity: Symbol, in rule: UpdateRule, t: Int, objective: Bool = false) -> String {
        switch quantity {
        case .w:
            return t == 1 ? "the starting weight" : "the weight the update before computed (its w_new)"
        case .g:
            let penalty = rule.equations.contains { $0.target == .g } ? ", plus λ₂·w (L2)" : ""
            if objective { return "the gradient of the objective, ∂L/∂w, at the weights before update \(t)\(penalty)" }
            return "the gradient of the batch loss: the mean over the batch of δ·a (a weight) or δ (a bias), at the weights before update \(t)\(penalty)"
        default:
            guard let equation = rule.equations.first(where: { $0.target == quantity }) else { return quantity.rawValue }
            let text = UnicodeMath.render(MathBuilder.symbolic.build(equation.expression))
            return equation.expression.symbols.contains(.t) ? "\(text) with t = \(t)" : text
        }
    }
}
