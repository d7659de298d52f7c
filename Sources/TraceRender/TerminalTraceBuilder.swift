import TraceEngine

/// Turns a run into the terminal's trace, block by block, for a document writer (the text
/// writer on a terminal): the run's settings and formulas, then for each step a banner, the
/// batch with each sample's forward pass and chain rule, the batch loss, a table of every
/// parameter's values and a worked example with the numbers put in for the focus parameter;
/// last, how the run ended.
///
/// Unlike ``HandoutBuilder`` it writes each step as it comes and keeps nothing of it, so
/// memory stays flat however many steps are asked for. Laying the blocks out (indents,
/// fitting the width, colour) is the writer's part.
public struct TerminalTraceBuilder<Writer: DocumentWriter>: TraceSink {
    var writer: Writer
    /// Significant digits of every number shown.
    let precision: Int
    /// The worked example's parameter; `nil` means the first parameter.
    let focus: Focus?
    private var run: RunDescription?

    public init(writer: Writer, precision: Int = 4, focus: Focus? = nil) {
        self.writer = writer
        self.precision = precision
        self.focus = focus
    }

    public mutating func begin(_ run: RunDescription) throws {
        self.run = run
        let experiment = run.experiment
        let number = Self.number(digits: precision)
        let hyperparameters = IndentedLine([.text("Hyperparameters: "), .math(.assignments(experiment.updateHyperparameters, number: number))])
        try writer.begin(title: experiment.title)
        let title = IndentedLine("\(experiment.optimizer.displayName), \(experiment.convention.displayName) convention: \(experiment.title)")
        var formulas: [IndentedLine]
        if let objective = experiment.objective {
            let start = experiment.start.map(number).joined(separator: ", ")
            try writer.write(.lines([
                title,
                IndentedLine([
                    .text("Objective (\(objective.name)): "), .math(objective.lossFormula), .text(", with "),
                    .math(.assignments(objective.constants, number: number)),
                    .text("; start (w₁, w₂) = (\(start)); \(Wording.counted(experiment.steps, "update"))"),
                ]),
                hyperparameters,
            ]))
            formulas = [IndentedLine("Gradient:")] + objective.gradientFormulas.map { IndentedLine(depth: 1, [.math($0)]) }
        } else {
            let network = experiment.network
            let sampleCount = experiment.data.count
            let batch = experiment.batchSize.resolved(sampleCount: sampleCount)
            let layers = network.layers.map { "\($0.unitCount) \($0.activation.rawValue)" }.joined(separator: " → ")
            let batching = batch == sampleCount
                ? "full batch (\(Wording.counted(sampleCount, "sample")) per update)"
                : "\(batch) of \(sampleCount) samples per update"
            let shuffled = experiment.shuffleSeed.map { ", shuffled each epoch (seed \($0))" } ?? ""
            try writer.write(.lines(
                [title,
                 IndentedLine("Network: \(Wording.counted(network.inputCount, "input")) → \(layers); loss: \(network.loss.spokenName), \(network.loss.formula)")]
                    + (run.fixedSentence.map { [IndentedLine($0)] } ?? [])
                    + [IndentedLine("Data: \(Wording.counted(sampleCount, "sample")); \(batching)\(shuffled); \(Wording.counted(experiment.steps, "update"))"),
                       hyperparameters]))
            formulas = [IndentedLine("Chain rule, for each sample:")]
                + ChainRuleFormulas.terminalLines(loss: network.loss).map { IndentedLine(depth: 1, $0) }
        }
        let start = Wording.stateStart(run.rule, scalars: experiment.scalars, number: number)
        formulas.append(IndentedLine("Update, for each parameter (t = 1, 2, …; \(start)):"))
        if let schedule = experiment.schedule.formula {
            formulas.append(IndentedLine(depth: 1, [
                .math(schedule), .text(", with "), .math(.assignments(experiment.schedule.parameters, number: number)),
            ]))
        }
        formulas += run.rule.assignments(scheduled: experiment.schedule != .constant).map { IndentedLine(depth: 1, [.equation($0)]) }
        formulas += run.rule.notes.map { IndentedLine(depth: 1, "Note: \($0)") }
        try writer.write(.lines(formulas))
    }

    public mutating func record(_ step: StepRecord) throws {
        guard let run else { return }
        // A closure of its own: the method `number` passed as a closure would copy the whole
        // builder (and its run) each time.
        let precision = precision
        let number = Self.number(digits: precision)
        let worked = WorkedFormulas(number: number)
        if let objective = run.experiment.objective {
            try writer.write(.heading(level: 4, text: "Step t = \(step.t) · η = \(number(step.eta))"))
            try writer.write(.lines([IndentedLine([.text("Loss "), .equation(worked.objectiveLoss(objective, step: step))])]))
        } else {
            let samples = "sample\(step.batch.count == 1 ? "" : "s") " + step.batch.map(String.init).joined(separator: ", ")
            try writer.write(.heading(level: 4, text: "Step t = \(step.t) · epoch \(step.epoch) · \(samples) · η = \(number(step.eta))"))
            try writer.write(.lines(passes(step, number: number) + [IndentedLine([.text("Batch loss "), .equation(worked.batchLoss(step))])]))
        }

        let symbols = run.rule.recordedSymbols
        // Each column's numbers share their digits, trailing zeros kept (0.1000 beside 0.1234),
        // as in the handouts' tables.
        let rows = run.parameterNames.indices.map { index in
            [run.tableName(index)] + symbols.map { NumberFormat.column(step.values[$0]?[index] ?? .nan, digits: precision) }
        }
        let focused = (focus ?? .parameter(run.parameterNames[0])).indices(in: run.layout)
        // A single focus row is set apart; with every parameter worked, none is.
        try writer.write(.table(Table(
            header: ["parameter"] + symbols.map(\.columnLabel), rows: rows, focusedRows: focused.count == 1 ? Set(focused) : [])))

        for index in focused {
            try writer.write(.lines(
                [IndentedLine([.text("Worked example for "), .focus(run.parameterNames[index]), .text(":")])]
                    + worked.lines(parameter: index, step: step, run: run).map { IndentedLine(depth: 1, [.equation($0)]) }))
        }
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        if let divergence = outcome.divergence {
            try writer.write(.lines([IndentedLine(
                "Diverged at t = \(divergence.t): \(divergence.quantity) is \(NumberFormat.full(divergence.value)). The run stopped after that step.")]))
        } else {
            try writer.write(.lines([IndentedLine("\(Wording.counted(outcome.stepsRun, "update")) done.")]))
        }
        try writer.end()
    }

    /// Each sample of the step: its input and target, each layer's `z`, `a` and `δ`, its loss.
    private func passes(_ step: StepRecord, number: (Double) -> String) -> [IndentedLine] {
        let layers = run?.experiment.network.layers ?? []
        func vector(_ xs: [Double]) -> String { "[" + xs.map(number).joined(separator: ", ") + "]" }
        var lines = [IndentedLine("Forward pass and chain rule")]
        for sample in step.samples {
            lines.append(IndentedLine(depth: 1, "sample \(sample.index): x = \(vector(sample.x))  y = \(vector(sample.y))"))
            for (l, layer) in sample.layers.enumerated() {
                lines.append(IndentedLine(
                    depth: 2, "layer \(l + 1) (\(layers[l].activation.rawValue)): z = \(vector(layer.z))  a = \(vector(layer.a))  δ = \(vector(layer.delta))"))
            }
            lines.append(IndentedLine(depth: 2, "loss = \(number(sample.loss))"))
        }
        return lines
    }

    /// Numbers as the trace shows them: `digits` significant digits.
    private static func number(digits: Int) -> (Double) -> String {
        { NumberFormat.significant($0, digits: digits) }
    }
}
