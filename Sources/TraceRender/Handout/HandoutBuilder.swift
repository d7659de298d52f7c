import TraceEngine

/// Turns a run into a handout, block by block: the lesson, the network, the data, the
/// optimizer's formulas as the lecture writes them, then for each update the forward pass
/// and chain rule, the batch loss, the worked formulas with numbers for the focus
/// parameter and a table of every parameter; finally the loss per step.
///
/// Every number comes from the run's records; the formulas are the rule's own equations.
public struct HandoutBuilder: TraceSink {
    var writer: any DocumentWriter
    let precision: Int
    let focus: Focus?
    private var run: RunDescription?
    /// `(t, η_t, loss)` of every update, for the closing table and plots.
    private var history: [(t: Int, eta: Double, loss: Double)] = []
    /// An objective's path: `(w₁, w₂)` before each update, then after the last.
    private var path: [[Double]] = []

    public init(writer: any DocumentWriter, precision: Int = 4, focus: Focus? = nil) {
        self.writer = writer
        self.precision = precision
        self.focus = focus
    }

    func number(_ x: Double) -> String { NumberFormat.significant(x, digits: precision) }

    func vector(_ xs: [Double]) -> String { "(" + xs.map(number).joined(separator: ", ") + ")" }

    public mutating func begin(_ run: RunDescription) throws {
        self.run = run
        let experiment = run.experiment
        try writer.begin(title: experiment.title)
        try writer.write(.heading(level: 1, text: experiment.title))
        if let summary = experiment.summary { try writer.write(.prose(summary)) }

        if let objective = experiment.objective {
            try writeObjective(objective, experiment: experiment)
        } else {
            try writeNetworkAndData(experiment)
        }

        try writer.write(.beginGroup(id: "formulas"))
        try writer.write(.heading(level: 2, text: "\(experiment.optimizer.displayName), \(experiment.convention.displayName) convention"))
        try writer.write(.equations([.assignments(experiment.updateHyperparameters, number: number)]))
        if experiment.objective == nil {
            try writer.write(.paragraph("For each sample, the forward pass and the chain rule:"))
            try writer.write(.equations(ChainRuleFormulas.symbolic))
        }
        if let schedule = experiment.schedule.formula {
            let parameters: [MathNode] = [schedule, .op(","), .assignments(experiment.schedule.parameters, number: number)]
            try writer.write(.paragraph("The learning rate follows a \(experiment.schedule.name) schedule; the update reads η as ηₜ:"))
            try writer.write(.equations([.row(parameters)]))
        }
        try writer.write(.paragraph(
            experiment.objective == nil
                ? "Then, for each parameter, with g its gradient averaged over the batch:"
                : "Then, for each weight, with g its component of the gradient above:"))
        try writer.write(.equations(LectureFormulas.symbolic(run.rule)))
        for note in run.rule.notes { try writer.write(.paragraph(note)) }
        try writer.write(.paragraph(
            "These are the lecture's formulas: the update from w(t) to w(t+1) reads the state as it was, m(t), and writes m(t+1). In the worked examples t counts updates from 1, as the bias correction 1 − β₁ᵗ does and as the frameworks do: a value's index is the update that produced it, so m(1) is m after the first update, from m(0) = 0."))
        try writer.write(.endGroup)
    }

    private mutating func writeNetworkAndData(_ experiment: Experiment) throws {
        let network = experiment.network
        try writer.write(.heading(level: 2, text: "The network"))
        let units = network.layers.map { "\($0.unitCount) \($0.activation.rawValue)" }.joined(separator: " → ")
        try writer.write(.paragraph(
            "\(Wording.counted(network.inputCount, "input")) → \(units). Loss \(network.loss.rawValue): \(network.loss.formula), averaged over the samples of a batch."))
        try writer.write(.network(network))
        let layerRows = network.layers.enumerated().map { l, layer in
            ["\(l + 1)", layer.activation.rawValue, "[" + layer.weights.map(vector).joined(separator: ", ") + "]", vector(layer.biases)]
        }
        try writer.write(.table(Table(header: ["layer", "activation", "W (row j = into unit j)", "b"], rows: layerRows)))

        try writer.write(.heading(level: 2, text: "The data"))
        let dataRows = zip(experiment.data.inputs, experiment.data.targets).enumerated().map { n, sample in
            ["\(n + 1)", vector(sample.0), vector(sample.1)]
        }
        try writer.write(.table(Table(header: ["sample", "x", "y"], rows: dataRows)))
        let batch = experiment.batchSize.resolved(sampleCount: experiment.data.count)
        try writer.write(.paragraph(
            "\(batch == experiment.data.count ? "Full batch" : "Batches of \(batch)")\(experiment.shuffleSeed.map { ", shuffled each epoch (seed \($0))" } ?? ", in data order"); \(Wording.counted(experiment.steps, "update"))."))
    }

    /// The objective's formula, its gradient and the starting point, instead of a network and data.
    private mutating func writeObjective(_ objective: Objective, experiment: Experiment) throws {
        try writer.write(.heading(level: 2, text: "The objective"))
        try writer.write(.paragraph(
            "A loss of two weights (\(objective.name)), minimised directly: its gradient is written out, with no network or data. Start: (w₁, w₂) = \(vector(experiment.start)); minimum at \(vector(objective.minimum)); \(Wording.counted(experiment.steps, "update"))."))
        try writer.write(.equations(
            [objective.lossFormula, .assignments(objective.constants, number: number)] + objective.gradientFormulas))
    }

    public mutating func record(_ step: StepRecord) throws {
        guard let run else { return }
        history.append((step.t, step.eta, step.loss))
        let layers = run.experiment.network.layers
        try writer.write(.beginGroup(id: "step-\(step.t)"))
        if let objective = run.experiment.objective {
            if path.isEmpty { path.append(step.values[.w] ?? []) }
            path.append(step.values[.wNew] ?? [])
            try writer.write(.heading(level: 3, text: "Step t = \(step.t) · η = \(number(step.eta))"))
            try writer.write(.equations([WorkedFormulas(number: number).objectiveLoss(objective, step: step)]))
        } else {
            try writer.write(.heading(
                level: 3,
                text: "Step t = \(step.t) · epoch \(step.epoch) · sample\(step.batch.count == 1 ? "" : "s") \(step.batch.map(String.init).joined(separator: ", ")) · η = \(number(step.eta))"))
        }

        for sample in step.samples {
            let rows = sample.layers.enumerated().map { l, layer in
                ["\(l + 1) (\(layers[l].activation.rawValue))", vector(layer.z), vector(layer.a), vector(layer.delta)]
            }
            try writer.write(.table(Table(
                header: ["layer", "z", "a", "δ"], rows: rows,
                caption: "Sample \(sample.index): x = \(vector(sample.x)), y = \(vector(sample.y)), loss = \(number(sample.loss))")))
        }
        if run.experiment.objective == nil {
            try writer.write(.equations([WorkedFormulas(number: number).batchLoss(step)]))
        }

        let worked = WorkedFormulas(number: number)
        for index in (focus ?? .parameter(run.parameterNames[0])).indices(in: run.layout) {
            try writer.write(.paragraph("Worked example for \(run.parameterNames[index]):"))
            try writer.write(.equations(worked.lines(parameter: index, step: step, run: run)))
        }

        let symbols = run.rule.recordedSymbols
        let rows = run.parameterNames.enumerated().map { index, name in
            [name] + symbols.map { number(step.values[$0]?[index] ?? .nan) }
        }
        try writer.write(.table(Table(header: ["parameter"] + symbols.map(\.columnLabel), rows: rows)))
        try writer.write(.endGroup)
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try writer.write(.beginGroup(id: "loss"))
        try writer.write(.heading(level: 2, text: "Loss per step"))
        try writer.write(.paragraph("The batch loss at the weights before each update, and the learning rate the update used."))
        try writer.write(.table(Table(header: ["t", "η", "loss"], rows: history.map { ["\($0.t)", number($0.eta), number($0.loss)] })))
        try writer.write(.plot(
            label: "loss", series: [PlotSeries(name: "loss", points: history.map { ($0.t, $0.loss) })],
            caption: "Batch loss before each update."))
        if let objective = run?.experiment.objective {
            try writer.write(.trajectories(ContourFigure(
                objective: objective, paths: [(run?.experiment.optimizer.rawValue ?? "", path)])))
        }
        if run?.experiment.schedule != .constant {
            try writer.write(.plot(
                label: "η", series: [PlotSeries(name: "η", points: history.map { ($0.t, $0.eta) })],
                caption: "The learning rate ηₜ of each update (\(run?.experiment.schedule.name ?? "") schedule)."))
        }
        try writer.write(.endGroup)
        if let divergence = outcome.divergence {
            try writer.write(.paragraph(
                "The run diverged at t = \(divergence.t): \(divergence.quantity) is \(NumberFormat.full(divergence.value)), so it stopped after that step."))
        }
        try writer.end()
    }


}

extension Symbol {
    /// A table heading for the symbol: the lecture's symbol, `w_new` for the updated weight.
    var columnLabel: String { self == .wNew ? "w_new" : unicode }
}
