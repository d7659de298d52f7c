import TraceEngine

/// Which parameters get a worked example.
public enum Focus: Sendable, Equatable {
    /// One parameter, by name (`W2[1,1]`).
    case parameter(String)
    /// Every parameter.
    case all

    /// The parameters' flat indices (an unknown name falls back to the first parameter).
    func indices(in layout: ParameterLayout) -> [Int] {
        switch self {
        case .all: return Array(layout.roles.indices)
        case let .parameter(name): return [layout.index(named: name) ?? 0]
        }
    }
}

/// Writes a run for a terminal: the formulas, then for each step the batch, each sample's
/// forward pass and chain rule, the batch loss, a table of every parameter's values, and a
/// worked example with the numbers put in for the focus parameter.
public struct TextTraceRenderer: TraceSink {
    public struct Options: Sendable {
        /// Significant digits of every number shown.
        public var precision: Int = 4
        /// The worked example's parameter; `nil` means the first parameter.
        public var focus: Focus?
        /// The width every line fits in.
        public var layout: TextLayout
        /// Escape codes for a terminal, or none.
        public var style: TextStyle

        public init(precision: Int = 4, focus: Focus? = nil, layout: TextLayout = TextLayout(), style: TextStyle = .plain) {
            self.precision = precision
            self.focus = focus
            self.layout = layout
            self.style = style
        }
    }

    let output: TraceOutput
    let options: Options
    private var run: RunDescription?

    public init(output: TraceOutput, options: Options = Options()) {
        self.output = output
        self.options = options
    }

    private func number(_ x: Double) -> String {
        NumberFormat.significant(x, digits: options.precision)
    }

    private func vector(_ xs: [Double]) -> String {
        "[" + xs.map { number($0) }.joined(separator: ", ") + "]"
    }

    public mutating func begin(_ run: RunDescription) throws {
        self.run = run
        let experiment = run.experiment
        let network = experiment.network
        let sampleCount = experiment.data.count
        let batch = experiment.batchSize.resolved(sampleCount: sampleCount)
        let layers = network.layers.map { "\($0.unitCount) \($0.activation.rawValue)" }.joined(separator: " → ")
        let hyperparameters = UnicodeMath.render(.assignments(experiment.updateHyperparameters, number: number))
        let batching = batch == sampleCount
            ? "full batch (\(Wording.counted(sampleCount, "sample")) per update)"
            : "\(batch) of \(sampleCount) samples per update"
        let start = Wording.stateStart(run.rule, scalars: experiment.scalars, number: number)
        var text: String
        if let objective = experiment.objective {
            let constants = UnicodeMath.render(.assignments(objective.constants, number: number))
            text = """
                \(experiment.optimizer.displayName), \(experiment.convention.displayName) convention: \(experiment.title)
                Objective (\(objective.name)): \(UnicodeMath.render(objective.lossFormula)), with \(constants); start (w₁, w₂) = (\(experiment.start.map(number).joined(separator: ", "))); \(Wording.counted(experiment.steps, "update"))
                Hyperparameters: \(hyperparameters)

                Gradient:
                \(objective.gradientFormulas.map { "  " + UnicodeMath.render($0) }.joined(separator: "\n"))
                Update, for each parameter (t = 1, 2, …; \(start)):

                """
        } else {
            text = """
            \(experiment.optimizer.displayName), \(experiment.convention.displayName) convention: \(experiment.title)
            Network: \(Wording.counted(network.inputCount, "input")) → \(layers); loss: \(network.loss.spokenName), \(network.loss.formula)\(run.fixedSentence.map { "\n" + $0 } ?? "")
            Data: \(Wording.counted(sampleCount, "sample")); \(batching)\(experiment.shuffleSeed.map { ", shuffled each epoch (seed \($0))" } ?? ""); \(Wording.counted(experiment.steps, "update"))
            Hyperparameters: \(hyperparameters)

            Chain rule, for each sample:
            \(ChainRuleFormulas.terminalLines(loss: network.loss).map { "  " + $0 }.joined(separator: "\n"))
            Update, for each parameter (t = 1, 2, …; \(start)):

            """
        }
        if let schedule = experiment.schedule.formula {
            let parameters = UnicodeMath.render(.assignments(experiment.schedule.parameters, number: number))
            text += "  \(UnicodeMath.render(schedule)), with \(parameters)\n"
        }
        for line in run.rule.unicodeLines(scheduled: experiment.schedule != .constant) { text += "  \(options.style.equation(line))\n" }
        for note in run.rule.notes { text += "  Note: \(note)\n" }
        try output.write(options.layout.fit(text))
    }

    public mutating func record(_ step: StepRecord) throws {
        guard let run else { return }
        // A closure of its own: the method `number` passed as a closure would copy the whole
        // renderer (and its run) each time.
        let precision = options.precision
        let number = { (x: Double) in NumberFormat.significant(x, digits: precision) }
        let rule = run.rule
        let style = options.style
        let layers = run.experiment.network.layers
        var text: String
        if let objective = run.experiment.objective {
            text = "\n" + style.header("━━ Step t = \(step.t) · η = \(number(step.eta)) ━━") + "\n"
            text += "Loss \(style.equation(UnicodeMath.render(WorkedFormulas(number: number).objectiveLoss(objective, step: step))))\n\n"
        } else {
            let header = "━━ Step t = \(step.t) · epoch \(step.epoch) · sample\(step.batch.count == 1 ? "" : "s") "
                + step.batch.map(String.init).joined(separator: ", ") + " · η = \(number(step.eta)) ━━"
            text = "\n" + style.header(header) + "\n"
            text += "Forward pass and chain rule\n"
        for sample in step.samples {
            text += "  sample \(sample.index): x = \(vector(sample.x))  y = \(vector(sample.y))\n"
            for (l, layer) in sample.layers.enumerated() {
                text += "    layer \(l + 1) (\(layers[l].activation.rawValue)): z = \(vector(layer.z))  a = \(vector(layer.a))  δ = \(vector(layer.delta))\n"
            }
            text += "    loss = \(number(sample.loss))\n"
        }
            text += "Batch loss \(style.equation(UnicodeMath.render(WorkedFormulas(number: number).batchLoss(step))))\n\n"
        }

        let symbols = rule.recordedSymbols
        // Each column's numbers share their digits, trailing zeros kept (0.1000 beside 0.1234),
        // as in the handouts' tables.
        let rows = run.parameterNames.indices.map { index in
            [run.tableName(index)] + symbols.map { NumberFormat.column(step.values[$0]?[index] ?? .nan, digits: precision) }
        }
        let focused = (options.focus ?? .parameter(run.parameterNames[0])).indices(in: run.layout)
        // In the lecture's symbols (m̂, v̂); the updated weight keeps its name, as w is the weight before.
        let header = ["parameter"] + symbols.map { $0 == .wNew ? $0.rawValue : $0.unicode }
        var table = TextTable(header: header, rows: rows)
        if focused.count == 1 { table.focusedRows = Set(focused) }
        text += table.render(width: options.layout.width, style: style)

        let worked = WorkedFormulas(number: number)
        for index in focused {
            text += "\nWorked example for \(style.focus(run.parameterNames[index])):\n"
            for line in worked.lines(parameter: index, step: step, run: run) { text += "  \(style.equation(UnicodeMath.render(line)))\n" }
        }
        try output.write(options.layout.fit(text))
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        if let divergence = outcome.divergence {
            try output.write(options.layout.fit(
                "\nDiverged at t = \(divergence.t): \(divergence.quantity) is \(NumberFormat.full(divergence.value)). The run stopped after that step.\n"))
        } else {
            try output.write(options.layout.fit("\n\(Wording.counted(outcome.stepsRun, "update")) done.\n"))
        }
        try output.flush()
    }


}
