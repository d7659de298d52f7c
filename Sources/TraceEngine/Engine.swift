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
    /// put given values in place of computed ones, and the run goes on from them. `rule`
    /// (the experiment's own by default) is the update it runs: grading runs a mistaken one
    /// to see what a student who made that mistake would get.
    @discardableResult
    public static func run<Sink: TraceSink>(
        _ experiment: Experiment, rule: UpdateRule? = nil, replacing replacements: Replacements = Replacements(),
        into sink: inout Sink
    ) throws -> RunOutcome {
        let problems = experiment.problems()
        guard problems.isEmpty else { throw InvalidExperiment(problems: problems) }

        let rule = rule ?? experiment.rule
        let layout = experiment.layout
        let count = layout.count
        var gradients = GradientSource(experiment)
        var program = RuleProgram(rule.equations, parameterCount: count)

        var parameters = experiment.initialParameters
        let stateSymbols = rule.stateSymbols, recordedSymbols = rule.recordedSymbols
        var scalars = experiment.scalars
        var state = SymbolMap<[Double]>()
        for symbol in stateSymbols {
            let start = rule.initialState[symbol].flatMap { scalars[$0] } ?? 0
            state[symbol] = Array(repeating: start, count: count)
        }

        try sink.begin(RunDescription(experiment: experiment, rule: rule, layout: layout))

        var outcome = RunOutcome(stepsRun: 0, divergence: nil)
        let gradientIsAssigned = rule.equations.contains { $0.target == .g }
        let keepingSamples = sink.readsSamples
        for t in 1...experiment.steps {
            var computed = SymbolMap<[Double]>()
            computed[.w] = replacements.apply(.w, at: t, to: &parameters)
            let chainRule = gradients.next(at: parameters, t: t, keepingSamples: keepingSamples)
            var gradient = chainRule.gradient
            if !gradientIsAssigned { computed[.g] = replacements.apply(.g, at: t, to: &gradient) }

            scalars[.t] = Double(t)
            // The schedule turns η into this step's η_t, which the rule then reads as η.
            var stepScalars = scalars
            var scheduleScalars = SymbolMap<Double>()
            if let schedule = experiment.schedule.equation {
                var evaluator = Evaluator(parameterCount: count)
                evaluator.scalars = scalars
                if case let .scalar(etaT) = evaluator.evaluate(schedule.expression) {
                    scheduleScalars = scalars
                    stepScalars[.eta] = etaT
                    stepScalars[.etaT] = etaT
                }
            }
            program.load(scalars: stepScalars)
            program.set(.w, to: parameters)
            program.set(.g, to: gradient)
            for (symbol, values) in state { program.set(symbol, to: values) }
            var values = SymbolMap<[Double]>()
            values[.w] = parameters
            values[.g] = gradient
            for k in 0..<program.equationCount {
                program.run(equation: k)
                let target = program.target(ofEquation: k)
                var assigned = program.values(of: target)
                if let before = replacements.apply(target, at: t, to: &assigned) {
                    computed[target] = before
                    program.set(target, to: assigned)
                }
                values[target] = assigned
            }

            var carriedIn = state
            carriedIn[.g] = gradient
            let record = StepRecord(
                t: t, epoch: chainRule.epoch, batch: chainRule.batch,
                eta: stepScalars[.eta] ?? 0, loss: chainRule.loss, samples: chainRule.samples,
                scalars: stepScalars, scheduleScalars: scheduleScalars, values: values,
                carriedIn: carriedIn, computed: computed)
            for symbol in stateSymbols { state[symbol] = values[symbol] }
            parameters = values[.wNew] ?? parameters

            try sink.record(record)
            outcome.stepsRun = t
            if let divergence = chainRule.divergence ?? firstNonFinite(in: record, recordedSymbols: recordedSymbols, layout: layout) {
                outcome.divergence = divergence
                break
            }
        }
        try sink.finish(outcome)
        return outcome
    }

    /// The first value of the update that is not finite, in the order a handout shows them
    /// (the forward and backward passes are checked as they run, by ``GradientSource``).
    static func firstNonFinite(in record: StepRecord, recordedSymbols: [Symbol], layout: ParameterLayout) -> Divergence? {
        for symbol in recordedSymbols {
            guard let values = record.values[symbol] else { continue }
            if let index = values.firstIndex(where: { !$0.isFinite }) {
                return Divergence(
                    t: record.t, quantity: "\(symbol.rawValue) of \(layout.roles[index].name)", value: values[index])
            }
        }
        return nil
    }
}
