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
    /// Adam's bias-correction factors per update, read from the records as m̂/m and v̂/v of the
    /// first parameter whose m and v are not zero: 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ).
    private var corrections: [(t: Int, first: Double, second: Double)] = []

    public init(writer: any DocumentWriter, precision: Int = 4, focus: Focus? = nil) {
        self.writer = writer
        self.precision = precision
        self.focus = focus
    }

    func number(_ x: Double) -> String { NumberFormat.significant(x, digits: precision) }

    func vector(_ xs: [Double]) -> String { "(" + xs.map(number).joined(separator: ", ") + ")" }

    public mutating func begin(_ run: RunDescription) throws {
        self.run = run
        try writer.begin(title: run.experiment.title)
        try LessonIntroduction(number: number, vector: vector).write(run, to: &writer)
    }

    public mutating func record(_ step: StepRecord) throws {
        guard let run else { return }
        history.append((step.t, step.eta, step.loss))
        if let m = step.values[.m], let mHat = step.values[.mHat], let v = step.values[.v], let vHat = step.values[.vHat],
           let index = m.indices.first(where: { m[$0] != 0 && v[$0] != 0 }) {
            corrections.append((step.t, mHat[index] / m[index], vHat[index] / v[index]))
        }
        let layers = run.experiment.network.layers
        try writer.write(.beginGroup(id: "step-\(step.t)"))
        if let objective = run.experiment.objective {
            if path.isEmpty { path.append(Array(step.values[.w] ?? [])) }
            path.append(Array(step.values[.wNew] ?? []))
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
                label: "η", series: [PlotSeries(name: "η", points: history.map { ($0.t, $0.eta) }, isStepFunction: true)],
                caption: "The learning rate ηₜ of each update (\(run?.experiment.schedule.name ?? "") schedule)."))
        }
        try writer.write(.endGroup)
        if !corrections.isEmpty {
            try writer.write(.beginGroup(id: "bias-correction"))
            try writer.write(.heading(level: 2, text: "Bias correction"))
            try writer.write(.paragraph(
                "m and v start at 0, so early averages are too small; m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ) scale them up. The factors, read from the run as m̂/m and v̂/v, fall towards 1 as t grows: quickly for β₁, slowly for β₂."))
            try writer.write(.table(Table(
                header: ["t", "1/(1 − β₁ᵗ)", "1/(1 − β₂ᵗ)"],
                rows: corrections.map { ["\($0.t)", number($0.first), number($0.second)] })))
            try writer.write(.plot(
                label: "factor",
                series: [PlotSeries(name: "1/(1 − β₁ᵗ)", points: corrections.map { ($0.t, $0.first) }),
                         PlotSeries(name: "1/(1 − β₂ᵗ)", points: corrections.map { ($0.t, $0.second) })],
                caption: "Adam's bias-correction factors per update."))
            try writer.write(.endGroup)
        }
        if let divergence = outcome.divergence {
            try writer.write(.paragraph(
                "The run diverged at t = \(divergence.t): \(divergence.quantity) is \(NumberFormat.full(divergence.value)), so it stopped after that step."))
        }
        if let experiment = run?.experiment {
            try writer.write(.beginGroup(id: "reproduce"))
            for block in ReproduceInCode(experiment: experiment).blocks { try writer.write(block) }
            try writer.write(.endGroup)
        }
        try writer.end()
    }


}

extension Symbol {
    /// A table heading for the symbol: the lecture's symbol, `w_new` for the updated weight.
    var columnLabel: String { self == .wNew ? "w_new" : unicode }
}
