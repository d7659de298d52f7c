/// Runs an ``Experiment`` and streams one ``StepRecord`` per update to a sink.
///
/// For update `t` (from 1): take the batch, run each sample forward and backward at the
/// current weights, average the losses and gradients over the batch, then evaluate the
/// optimizer's equations for all parameters at once. The run stops after the first step
/// in which any value is not finite (divergence is a lesson, not a failure).
public enum Engine {
    /// The experiment cannot run; each string says what is wrong.
    public struct InvalidExperiment: Error, Sendable {
        public var problems: [String]
    }

    /// Runs `experiment`, telling `sink` about it as it goes; `replacements` (none by default)
    /// put given values in place of computed ones, and the run goes on from them.
    @discardableResult
    public static func run<Sink: TraceSink>(
        _ experiment: Experiment, replacing replacements: Replacements = Replacements(), into sink: inout Sink
    ) throws -> RunOutcome {
        let problems = experiment.problems()
        guard problems.isEmpty else { throw InvalidExperiment(problems: problems) }

        let rule = experiment.rule
        let layout = experiment.layout
        let count = layout.count
        var gradients = GradientSource(experiment)

        var parameters = experiment.initialParameters
        var state: [Symbol: [Double]] = [:]
        for symbol in rule.stateSymbols { state[symbol] = Array(repeating: 0, count: count) }
        var scalars = experiment.scalars

        try sink.begin(RunDescription(experiment: experiment, rule: rule, layout: layout))

        var outcome = RunOutcome(stepsRun: 0, divergence: nil)
        let gradientIsAssigned = rule.equations.contains { $0.target == .g }
        for t in 1...experiment.steps {
            var computed: [Symbol: [Double]] = [:]
            computed[.w] = replacements.apply(.w, at: t, to: &parameters)
            let (epoch, batch, samples, loss, chainRuleGradient) = gradients.next(at: parameters, t: t)
            var gradient = chainRuleGradient
            if !gradientIsAssigned { computed[.g] = replacements.apply(.g, at: t, to: &gradient) }

            scalars[.t] = Double(t)
            // The schedule turns η into this step's η_t, which the rule then reads as η.
            var stepScalars = scalars
            var scheduleScalars: [Symbol: Double] = [:]
            if let schedule = experiment.schedule.equation {
                var evaluator = Evaluator(parameterCount: count)
                evaluator.scalars = scalars
                if case let .scalar(etaT) = evaluator.evaluate(schedule.expression) {
                    scheduleScalars = scalars
                    stepScalars[.eta] = etaT
                    stepScalars[.etaT] = etaT
                }
            }
            var evaluator = Evaluator(parameterCount: count)
            evaluator.scalars = stepScalars
            evaluator.vectors = state
            evaluator.vectors[.w] = parameters
            evaluator.vectors[.g] = gradient
            for equation in rule.equations {
                evaluator.assign(equation)
                if var values = evaluator.vectors[equation.target],
                    let before = replacements.apply(equation.target, at: t, to: &values)
                {
                    computed[equation.target] = before
                    evaluator.vectors[equation.target] = values
                }
            }

            var carriedIn = state
            carriedIn[.g] = gradient
            let record = StepRecord(
                t: t, epoch: epoch, batch: batch,
                eta: stepScalars[.eta] ?? 0, loss: loss, samples: samples,
                scalars: stepScalars, scheduleScalars: scheduleScalars, values: evaluator.vectors,
                carriedIn: carriedIn, computed: computed)
            for symbol in rule.stateSymbols { state[symbol] = evaluator.vectors[symbol] }
            parameters = evaluator.vectors[.wNew] ?? parameters

            try sink.record(record)
            outcome.stepsRun = t
            if let divergence = firstNonFinite(in: record, rule: rule, layout: layout) {
                outcome.divergence = divergence
                break
            }
        }
        try sink.finish(outcome)
        return outcome
    }

    /// The first value of the step that is not finite, in the order a handout shows them.
    static func firstNonFinite(in record: StepRecord, rule: UpdateRule, layout: ParameterLayout) -> Divergence? {
        for sample in record.samples {
            for (l, layer) in sample.layers.enumerated() {
                for (name, values) in [("z", layer.z), ("a", layer.a), ("δ", layer.delta)] {
                    if let bad = values.first(where: { !$0.isFinite }) {
                        return Divergence(
                            t: record.t, quantity: "\(name) of layer \(l + 1) for sample \(sample.index)", value: bad,
                            inForwardPass: true)
                    }
                }
            }
            if !sample.loss.isFinite {
                return Divergence(
                    t: record.t, quantity: "the loss of sample \(sample.index)", value: sample.loss, inForwardPass: true)
            }
        }
        if !record.loss.isFinite {
            return Divergence(t: record.t, quantity: "the batch loss", value: record.loss, inForwardPass: true)
        }
        for symbol in rule.recordedSymbols {
            guard let values = record.values[symbol] else { continue }
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                return Divergence(
                    t: record.t, quantity: "\(symbol.rawValue) of \(layout.roles[index].name)", value: values[index])
            }
        }
        return nil
    }
}
