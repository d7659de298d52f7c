import TraceEngine

/// How much each update's gradient counts in momentum's last step: the rule's own equations
/// run on one parameter with a single unit gradient (an impulse), so the weights follow the
/// run's convention and hyperparameters. In the lecture's convention, v ← β·v + (1 − β)·g and
/// w_new = w − η·v give the gradient of update t the weight (1 − β)·β^(T − t) in step T (per
/// unit of η); PyTorch's and Optax's v ← β·v + g give β^(T − t).
enum MomentumMemory {
    /// The weight of update t's gradient in update `steps`'s step w − w_new, divided by η, for
    /// t = 1 … `steps`; `nil` for an optimizer other than momentum or a value that is not finite.
    /// `scalars` are the last update's (its η and β).
    static func weights(rule: UpdateRule, scalars: SymbolMap<Double>, steps: Int) -> [Double]? {
        guard rule.optimizer == .momentum, steps > 0, let eta = scalars[.eta], eta != 0, eta.isFinite else { return nil }
        var evaluator = Evaluator(parameterCount: 1)
        evaluator.scalars = scalars
        evaluator.vectors[.v] = [0]
        // responses[k]: the step k updates after the unit gradient.
        var responses: [Double] = []
        for k in 0..<steps {
            evaluator.vectors[.w] = [0]
            evaluator.vectors[.g] = [k == 0 ? 1 : 0]
            for equation in rule.equations {
                switch evaluator.evaluate(equation.expression) {
                case let .vector(values): evaluator.vectors[equation.target] = values
                case let .scalar(value): evaluator.vectors[equation.target] = [value]
                }
            }
            guard let after = evaluator.vectors[.wNew]?.first, after.isFinite else { return nil }
            responses.append(-after / eta)
        }
        return (1...steps).map { t in responses[steps - t] }
    }
}
