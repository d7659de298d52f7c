import TraceEngine

/// A step's formulas with its numbers put in, as ``MathNode``s. Nothing is computed here:
/// every number is read from the record.
public struct WorkedFormulas {
    let number: (Double) -> String

    /// Numbers are written by `number`.
    public init(number: @escaping (Double) -> String) {
        self.number = number
    }

    private func value(_ x: Double) -> MathNode {
        let text = number(x)
        return text.hasPrefix("-") ? .fenced(.number(text)) : .number(text)
    }

    /// Numbers for an objective's formulas: `w₁`, `w₂` as they were before the update, `a`, `b`.
    private func objectiveBuilder(_ step: StepRecord) -> MathBuilder {
        MathBuilder { symbol in
            switch symbol {
            case .w1: return .number(number(step.values[.w]?[0] ?? .nan))
            case .w2: return .number(number(step.values[.w]?[1] ?? .nan))
            default: return .number(number(step.scalars[symbol] ?? .nan))
            }
        }
    }

    /// `L = a·w₁² + b·w₂² = 0.5·2² + 5·1² = 7` for an objective.
    func objectiveLoss(_ objective: Objective, step: StepRecord) -> MathNode {
        .row([.name("L"), .op("="), MathBuilder.symbolic.build(objective.loss), .op("="),
              objectiveBuilder(step).build(objective.loss), .op("="), .number(number(step.loss))])
    }

    /// `L = (L₁ + L₂)/2 = …`.
    func batchLoss(_ step: StepRecord) -> MathNode {
        let result = MathNode.number(number(step.loss))
        guard step.samples.count > 1 else { return .row([.name("L"), .op("="), result]) }
        var terms: [MathNode] = []
        for (n, sample) in step.samples.enumerated() {
            if n > 0 { terms.append(.op("+")) }
            terms.append(value(sample.loss))
        }
        return .row([.name("L"), .op("="), .fraction(.row(terms), .number("\(step.samples.count)")), .op("="), result])
    }

    /// `g = δ2[1]·a1[1] = 0.1385·0.5933 = 0.08217`, or its mean over the batch (its sum, with
    /// `summed`: what a student who adds the batch's gradients up writes); for an objective,
    /// `g = ∂L/∂w₁ = 2·0.5·2 = 2`.
    public func gradient(parameter: Int, step: StepRecord, run: RunDescription, summed: Bool = false) -> MathNode {
        let symbolic: MathNode
        let terms: [MathNode]
        switch run.layout.roles[parameter] {
        case let .coordinate(index):
            let derivative = run.experiment.objective?.gradient[index - 1] ?? .constant(.nan)
            let g = MathNode.number(number(step.carriedIn[.g]?[parameter] ?? .nan))
            return .row([.name("g"), .op("="), .fraction(.row([.name("∂"), .name("L")]), .row([.name("∂"), .symbol(index == 1 ? .w1 : .w2)])),
                         .op("="), MathBuilder.symbolic.build(derivative), .op("="), objectiveBuilder(step).build(derivative), .op("="), g])
        case let .weight(l, j, i):
            symbolic = PassMathBuilder(.brackets).build(ChainRule.weightGradient.expression.numbered([.l: l, .j: j, .i: i]))
            terms = step.samples.map {
                .row([value($0.layers[l - 1].delta[j - 1]), .op("·"), value($0.activation(ofLayer: l - 1)[i - 1])])
            }
        case let .bias(l, j):
            symbolic = PassMathBuilder(.brackets).build(ChainRule.biasGradient.expression.numbered([.l: l, .j: j]))
            terms = step.samples.map { value($0.layers[l - 1].delta[j - 1]) }
        }
        // The chain rule's gradient, before any L2 term (which is an equation of the rule).
        let g = MathNode.number(number(step.carriedIn[.g]?[parameter] ?? .nan))
        if terms.count == 1 {
            return .row([.name("g"), .op("="), symbolic, .op("="), terms[0], .op("="), g])
        }
        var sum: [MathNode] = []
        for (n, term) in terms.enumerated() {
            if n > 0 { sum.append(.op("+")) }
            sum.append(term)
        }
        if summed {
            return .row([.name("g"), .op("="), .text("sum over the batch of "), symbolic, .op("="), .row(sum), .op("="), g])
        }
        return .row([.name("g"), .op("="), .text("mean over the batch of "), symbolic, .op("="),
                     .fraction(.row(sum), .number("\(terms.count)")), .op("="), g])
    }

    /// The schedule with the step's numbers: `η(3) = 0.1·0.5^⌊(3 − 1)/2⌋ = 0.05`; `nil` without one.
    func schedule(_ schedule: LearningRateSchedule, step: StepRecord) -> MathNode? {
        guard let equation = schedule.equation else { return nil }
        let builder = MathBuilder { .number(number(step.scheduleScalars[$0] ?? .nan)) }
        return .row([.indexed(.symbol(.eta), .number("\(step.t)")), .op("="), builder.build(equation.expression),
                     .op("="), .number(number(step.eta))])
    }

    /// The whole worked example for one parameter: the schedule (if any), the chain rule's
    /// gradient, then each equation of the rule.
    func lines(parameter: Int, step: StepRecord, run: RunDescription) -> [MathNode] {
        var update = update(parameter: parameter, step: step, rule: run.rule)
        // A fixed parameter's state follows its equations, but its weight keeps its value.
        if run.isFixed(parameter), let k = run.rule.equations.firstIndex(where: { $0.target == .wNew }) {
            let before = MathNode.number(number(step.values[.w]?[parameter] ?? .nan))
            update[k] = .row([.indexed(.name("w"), .number("\(step.t)")), .op("="), .indexed(.name("w"), .number("\(step.t - 1)")),
                              .op("="), before, .text("   (fixed: kept out of the update)")])
        }
        return [schedule(run.experiment.schedule, step: step)].compactMap { $0 }
            + [gradient(parameter: parameter, step: step, run: run)]
            + update
    }

    /// Each equation of the rule with the step's numbers: `m(1) = 0.9·0 + (1 − 0.9)·0.0822 = 0.00822`;
    /// with `symbols`, the formula comes first: `m(1) = β₁·m + (1 − β₁)·g = 0.9·0 + … = 0.00822`.
    public func update(parameter: Int, step: StepRecord, rule: UpdateRule, symbols: Bool = false) -> [MathNode] {
        rule.equations.enumerated().map { k, equation in
            let builder = MathBuilder { symbol in
                .number(number(step.value(of: symbol, parameter: parameter, readBy: k, in: rule)))
            }
            let target = MathNode.indexed(equation.target == .wNew ? .name("w") : .symbol(equation.target), .number("\(step.t)"))
            let result = MathNode.number(number(step.values[equation.target]?[parameter] ?? .nan))
            let formula: [MathNode] = symbols ? [MathBuilder.symbolic.build(equation.expression), .op("=")] : []
            return .row([target, .op("=")] + formula + [builder.build(equation.expression), .op("="), result])
        }
    }
}
