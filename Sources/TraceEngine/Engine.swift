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
        return try run(experiment, prepared: PreparedRun(experiment, rule: rule), replacing: replacements, into: &sink)
    }

    /// Runs `experiment` as ``run(_:rule:replacing:into:)`` does, with the rule and what the
    /// experiment's shape gives worked out beforehand (`prepared`, for many runs of one shape).
    /// `experiment` must be one that runs (its ``Experiment/problems()`` are not checked again)
    /// and of the shape `prepared` was made for.
    @discardableResult
    package static func run<Sink: TraceSink>(
        _ experiment: Experiment, prepared: PreparedRun, replacing replacements: Replacements = Replacements(),
        into sink: inout Sink
    ) throws -> RunOutcome {
        precondition(prepared.fits(experiment), "a run prepared for another shape of experiment")
        let rule = prepared.rule
        let layout = prepared.layout
        let count = layout.count
        var gradients = GradientSource(experiment, backpropagation: prepared.backpropagation, parameterCount: count)
        var program = prepared.program

        var parameters = experiment.initialParameters
        let stateSymbols = prepared.stateSymbols, recordedSymbols = prepared.recordedSymbols
        let targets = prepared.targets
        var scalars = experiment.scalars
        // The state carried into the next step: the start values, then each step's results.
        var state = ParameterValues(parameterCount: count)
        for symbol in stateSymbols {
            let start = rule.initialState[symbol].flatMap { scalars[$0] } ?? 0
            state.set(symbol, to: Array(repeating: start, count: count))
        }

        try sink.begin(RunDescription(experiment: experiment, rule: rule, layout: layout))

        var outcome = RunOutcome(stepsRun: 0, divergence: nil)
        let gradientIsAssigned = targets.contains(.g)
        let keepingSamples = sink.readsSamples
        let fixed = experiment.objective == nil ? experiment.network.fixed : []
        var gradient: [Double] = []
        // The state's registers start at the state's start; from then on its equations keep
        // them (a replaced value is put into the register too), so they are not set again.
        for symbol in stateSymbols { program.set(symbol, to: state, column: symbol) }
        for t in 1...experiment.steps {
            var computed = ParameterValues()
            if let before = replacements.apply(.w, at: t, to: &parameters) { computed.set(.w, to: before) }
            let chainRule = gradients.next(
                at: parameters, t: t, keepingSamples: keepingSamples, gradient: &gradient, replacing: replacements)
            if !gradientIsAssigned, let before = replacements.apply(.g, at: t, to: &gradient) { computed.set(.g, to: before) }

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
            for k in 0..<program.equationCount {
                program.run(equation: k)
                let target = targets[k]
                // A replaced value goes into the registers, so that the equations after it read it.
                if replacements.replaces(target, at: t) {
                    var assigned = program.values(of: target)
                    if let before = replacements.apply(target, at: t, to: &assigned) {
                        computed.set(target, to: before)
                        program.set(target, to: assigned)
                    }
                }
            }
            // One buffer for the step's values, one for what it carried in.
            var values = ParameterValues(parameterCount: count)
            values.set(.w, to: parameters)
            values.set(.g, to: gradient)
            for target in targets { program.copy(target, into: &values) }
            // A fixed parameter's equations run as every other's (its state advances, and
            // moves nothing but that parameter), and then it keeps its value: w_new = w.
            if !fixed.isEmpty, let column = values[.wNew] {
                var kept = Array(column)
                for index in fixed { kept[index] = parameters[index] }
                values.set(.wNew, to: kept)
                program.set(.wNew, to: kept)
            }
            var carriedIn = ParameterValues(parameterCount: count)
            for symbol in stateSymbols { carriedIn.set(symbol, to: state, column: symbol) }
            carriedIn.set(.g, to: gradient)

            let record = StepRecord(
                t: t, epoch: chainRule.epoch, batch: chainRule.batch,
                eta: stepScalars[.eta] ?? 0, loss: chainRule.loss, samples: chainRule.samples,
                scalars: stepScalars, scheduleScalars: scheduleScalars, values: values,
                carriedIn: carriedIn, computed: computed)
            state = values
            if values.has(.wNew) { program.copy(.wNew, into: &parameters) }

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
        record.values.withUnsafeColumns { columns in
            // Almost every step: one pass shows every value is finite (x·0 is 0 for a finite
            // x and NaN otherwise; the columns not set hold zeros).
            var probe = 0.0
            for x in columns { probe += x * 0 }
            if probe == 0 { return nil }
            let count = record.values.parameterCount
            for symbol in recordedSymbols where record.values.has(symbol) {
                let start = symbol.ordinal * count
                for index in 0..<count where !columns[start + index].isFinite {
                    return Divergence(
                        t: record.t, quantity: "\(symbol.rawValue) of \(layout.roles[index].name)", value: columns[start + index])
                }
            }
            return nil
        }
    }
}
