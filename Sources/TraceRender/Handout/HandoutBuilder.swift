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
    let detail: Detail
    private var run: RunDescription?
    /// With `summary`: a row per update and focus parameter, `t`, η, loss, then its values.
    private var compactRows: [[String]] = []
    /// `(t, η_t, loss)` of every update, for the closing table and plots.
    private var history: [(t: Int, eta: Double, loss: Double)] = []
    /// An objective's path: `(w₁, w₂)` before each update, then after the last.
    private var path: [[Double]] = []
    /// Adam's bias-correction factors per update, read from the records as m̂/m and v̂/v of the
    /// first parameter whose m and v are not zero: 1/(1 − β₁ᵗ) and 1/(1 − β₂ᵗ).
    private var corrections: [(t: Int, first: Double, second: Double)] = []
    /// Parts added after the run's own figures (a lesson's `handout:` section: a comparison,
    /// the conventions side by side, a sweep), written before the framework recipes.
    public var appendix: [Block] = []
    /// The effective learning rate (``UpdateRule/effectiveRate``: AdaGrad's, RMSProp's, Adam's,
    /// AdamW's) of every parameter per update, evaluated on the update's own records.
    private var rates: [(t: Int, values: [Double])] = []
    /// The last update's hyperparameters, for ``MomentumMemory``.
    private var lastScalars: SymbolMap<Double>?

    public init(writer: any DocumentWriter, precision: Int = 4, focus: Focus? = nil, detail: Detail = .full) {
        self.writer = writer
        self.precision = precision
        self.focus = focus
        self.detail = detail
    }

    func number(_ x: Double) -> String { NumberFormat.significant(x, digits: precision) }
    /// A table cell: its column's numbers share their digits (`0.1200` beside `0.1234`).
    func column(_ x: Double) -> String { NumberFormat.column(x, digits: precision) }

    func vector(_ xs: [Double]) -> String { "(" + xs.map(number).joined(separator: ", ") + ")" }

    public mutating func begin(_ run: RunDescription) throws {
        self.run = run
        try writer.begin(title: run.experiment.title)
        try LessonIntroduction(number: number, vector: vector).write(run, to: &writer)
    }

    public mutating func record(_ step: StepRecord) throws {
        guard let run else { return }
        history.append((step.t, step.eta, step.loss))
        lastScalars = step.scalars
        if let m = step.values[.m], let mHat = step.values[.mHat], let v = step.values[run.rule.secondMomentCorrected],
           let vHat = step.values[.vHat], let index = m.indices.first(where: { m[$0] != 0 && v[$0] != 0 }) {
            corrections.append((step.t, mHat[index] / m[index], vHat[index] / v[index]))
        }
        if let values = run.rule.effectiveRate?.values(at: step, parameterCount: run.parameterNames.count) {
            rates.append((step.t, values))
        }
        let focusIndices = (focus ?? .parameter(run.parameterNames[0])).indices(in: run.layout)
        if detail == .summary {
            for index in focusIndices {
                compactRows.append(
                    ["\(step.t)", run.parameterNames[index], column(step.eta), column(step.loss)]
                        + run.rule.recordedSymbols.map { column(step.values[$0]?[index] ?? .nan) })
            }
            if run.experiment.objective != nil {
                if path.isEmpty { path.append(Array(step.values[.w] ?? [])) }
                path.append(Array(step.values[.wNew] ?? []))
            }
            guard step.t == 1 else { return }
        }
        let layers = run.experiment.network.layers
        try writer.write(.beginGroup(id: "step-\(step.t)"))
        if let objective = run.experiment.objective {
            if detail == .full {
                if path.isEmpty { path.append(Array(step.values[.w] ?? [])) }
                path.append(Array(step.values[.wNew] ?? []))
            }
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
        for index in focusIndices {
            try writer.write(.paragraph("Worked example for \(run.parameterNames[index]):"))
            try writer.write(.equations(worked.lines(parameter: index, step: step, run: run)))
        }

        let symbols = run.rule.recordedSymbols
        let rows = run.parameterNames.indices.map { index in
            [run.tableName(index)] + symbols.map { column(step.values[$0]?[index] ?? .nan) }
        }
        try writer.write(.table(Table(header: ["parameter"] + symbols.map(\.columnLabel), rows: rows)))
        try writer.write(.endGroup)
        // The first update's chain rule, drawn, right after it: a part of its own, so that a
        // printed page keeps the update whole and may break before the drawing.
        if step.t == 1, detail == .full, run.experiment.objective == nil, let sample = step.samples.first {
            try writePasses(PassFigure(step: step, sample: sample, run: run, digits: precision))
        }
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try writer.write(.beginGroup(id: "loss"))
        let after = outcome.divergence == nil ? run.flatMap { LossAfterLastUpdate.of($0.experiment) } : nil
        let last = history.last?.t ?? 0
        if detail == .summary, let run {
            // One parameter needs no column of its own: the heading names it.
            let names = Set(compactRows.map { $0[1] })
            let single = names.count == 1 ? names.first : nil
            try writer.write(.heading(level: 2, text: "Every step" + (single.map { ", for \($0)" } ?? "")))
            try writer.write(.paragraph(
                "Each update as one row, worked out like step 1 above: the learning rate it used, the batch loss at the weights before it, and the values of the parameter worked above."))
            let header = ["t", "parameter", "η", "loss"] + run.rule.recordedSymbols.map(\.columnLabel)
            try writer.write(.table(single == nil
                ? Table(header: header, rows: compactRows)
                : Table(header: header.enumerated().filter { $0.offset != 1 }.map(\.element),
                        rows: compactRows.map { $0.enumerated().filter { $0.offset != 1 }.map(\.element) })))
            if let after { try writer.write(.paragraph("After the last update (t = \(last)) the loss is \(column(after)).")) }
        } else {
            try writer.write(.heading(level: 2, text: "Loss per step"))
            try writer.write(.paragraph(
                "The batch loss at the weights before each update, and the learning rate the update used"
                    + (after == nil ? "." : "; the last row is the loss after the last update.")))
            let afterRow = after.map { [["after \(last)", "", column($0)]] } ?? []
            try writer.write(.table(Table(
                header: ["t", "η", "loss"], rows: history.map { ["\($0.t)", column($0.eta), column($0.loss)] } + afterRow)))
        }
        // The figures are a part of their own: a long table and its plot need not share a page.
        try writer.write(.endGroup)
        // A summary whose appendix draws its own figures (a comparison, a sweep) shows those
        // instead, and keeps within its four pages; the run's numbers are in the table above.
        let appendixDraws = appendix.contains {
            switch $0 {
            case .plot, .trajectories: return true
            default: return false
            }
        }
        if !(detail == .summary && appendixDraws) {
        try writer.write(.beginGroup(id: "figures"))
        let diverged = outcome.divergence.map {
            " The run diverged at t = \($0.t) (the dashed line); the plot shows the loss up to \(NumberFormat.significant(ValueAxis.divergenceCeiling, digits: 4)) times its first value, and where it climbs past that the line leaves the top."
        } ?? ""
        try writer.write(.plot(
            label: "loss", series: [PlotSeries(name: "loss", points: history.map { ($0.t, $0.loss) }, divergedAt: outcome.divergence?.t)],
            caption: "Batch loss before each update." + diverged))
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
        }
        // The factors depend on β₁, β₂ and t alone, not on the lesson: the summary leaves them,
        // like the framework recipes, to the full handout, and keeps within its four pages.
        if detail == .full, !corrections.isEmpty {
            let corrected = run?.rule.secondMomentCorrected.unicode ?? "v"
            try writer.write(.beginGroup(id: "bias-correction"))
            try writer.write(.heading(level: 2, text: "Bias correction"))
            try writer.write(.paragraph(
                "m and v start at 0, so early averages are too small; m̂ = m/(1 − β₁ᵗ) and v̂ = \(corrected)/(1 − β₂ᵗ) scale them up. The factors, read from the run as m̂/m and v̂/\(corrected), fall towards 1 as t grows: quickly for β₁, slowly for β₂."))
            try writer.write(.table(Table(
                header: ["t", "1/(1 − β₁ᵗ)", "1/(1 − β₂ᵗ)"],
                rows: corrections.map { ["\($0.t)", column($0.first), column($0.second)] })))
            try writer.write(.plot(
                label: "factor",
                series: [PlotSeries(name: "1/(1 − β₁ᵗ)", points: corrections.map { ($0.t, $0.first) }),
                         PlotSeries(name: "1/(1 − β₂ᵗ)", points: corrections.map { ($0.t, $0.second) })],
                caption: "Adam's bias-correction factors per update."))
            try writer.write(.endGroup)
        }
        // With fewer than three updates there is no past worth a plot.
        if detail == .full, history.count >= 3, let run, let scalars = lastScalars,
           let weights = MomentumMemory.weights(rule: run.rule, scalars: scalars, steps: history.count) {
            try writeMomentumMemory(weights)
        }
        if detail == .full, let run, let rate = run.rule.effectiveRate, !rates.isEmpty {
            try writeRates(run, rate: rate)
        }
        if let divergence = outcome.divergence {
            try writer.write(.paragraph(
                "The run diverged at t = \(divergence.t): \(divergence.quantity) is \(NumberFormat.full(divergence.value)), so it stopped after that step."))
        }
        for block in appendix { try writer.write(block) }
        // The summary leaves the framework recipes to the full handout.
        if detail == .full, let experiment = run?.experiment {
            try writer.write(.beginGroup(id: "reproduce"))
            for block in ReproduceInCode(experiment: experiment).blocks { try writer.write(block) }
            try writer.write(.endGroup)
        }
        try writer.end()
    }


}

extension HandoutBuilder {
    /// At most this many parameters are plotted (one ``SeriesStyle`` each); the table has all.
    static let plottedRates = 8

    /// Which parameters the rate figure shows: all of them when they fit, else eight spread from
    /// the smallest last rate to the largest, in the run's order.
    static func plottedParameters(lastRates: [Double]) -> [Int] {
        let count = lastRates.count
        guard count > plottedRates else { return Array(0..<count) }
        let ranked = lastRates.indices.sorted { (lastRates[$0], $0) < (lastRates[$1], $1) }
        let picks = (0..<plottedRates).map { k in
            ranked[Int((Double(k) * Double(count - 1) / Double(plottedRates - 1)).rounded())]
        }
        return Array(Set(picks)).sorted()
    }

    /// A sample's forward and backward pass as a figure, then the numbers on its edges as a
    /// table: each weight's δ, a and δ·a.
    mutating func writePasses(_ figure: PassFigure) throws {
        try writer.write(.beginGroup(id: "passes"))
        try writer.write(.passes(figure))
        let share = figure.batchCount == 1 ? "g = δ·a" : "δ·a"
        try writer.write(.table(Table(
            header: ["weight", "δ", "a", share],
            rows: figure.products.map { [$0.weight, column($0.delta), column($0.activation), column($0.product)] },
            caption: "Sample \(figure.sample.index)'s δ·a per weight: δ of the unit its edge enters, a of the unit it leaves.")))
        try writer.write(.endGroup)
    }

    /// The section on what momentum remembers: the weight of each update's gradient in the
    /// last step, as a table and a plot, and what they add up to.
    mutating func writeMomentumMemory(_ weights: [Double]) throws {
        let last = weights.count
        try writer.write(.beginGroup(id: "momentum-memory"))
        try writer.write(.heading(level: 2, text: "What momentum remembers"))
        try writer.write(.paragraph(
            "v adds up every gradient so far, each older one shrunk by another factor β. The last update (t = \(last)) moves w by η times this sum: the gradient of update t counts with the weight below, largest for the newest; together the weights add up to \(number(weights.reduce(0, +)))."))
        try writer.write(.table(Table(
            header: ["t", "weight of g(t) in update \(last)"],
            rows: weights.enumerated().map { ["\($0.offset + 1)", column($0.element)] })))
        try writer.write(.plot(
            label: "weight",
            series: [PlotSeries(name: "weight", points: weights.enumerated().map { ($0.offset + 1, $0.element) })],
            caption: "The weight of each update's gradient in the step of update \(last), per unit of η, from the run's own formulas and β."))
        try writer.write(.endGroup)
    }

    /// The section on the effective learning rate: its formula, what it multiplies, a table of
    /// every parameter's rate per update and the plot of them (log-scaled where the rates span
    /// decades).
    mutating func writeRates(_ run: RunDescription, rate: EffectiveRate) throws {
        let names = run.parameterNames
        try writer.write(.beginGroup(id: "effective-rate"))
        try writer.write(.heading(level: 2, text: "Effective learning rate"))
        try writer.write(.paragraph(
            rate.meaning(decays: run.rule.equations.contains { $0.target == .wNew && $0.expression.symbols.contains(.lambda) })
                + " A parameter whose gradients have been small keeps a large rate; one whose gradients have been large gets a small one."))
        try writer.write(.equations([.row([.text("\(run.experiment.optimizer.displayName): "), MathBuilder.symbolic.build(rate.rate)])]))
        try writer.write(.table(Table(
            header: ["t"] + names,
            rows: rates.map { row in ["\(row.t)"] + row.values.map(column) })))
        let shown = Self.plottedParameters(lastRates: rates.last?.values ?? [])
        let series = shown.map { index in
            PlotSeries(name: names[index], points: rates.map { ($0.t, $0.values[index]) })
        }
        let which = shown.count == names.count
            ? "every parameter"
            : "\(shown.count) of the \(names.count) parameters, from the smallest rate after the last update to the largest (the table has every one)"
        let multiplies = rate.direction == .g ? "" : " (it multiplies \(rate.direction.unicode), not g)"
        try writer.write(.plot(label: "rate", series: series, caption: "The effective learning rate of \(which), per update\(multiplies)."))
        try writer.write(.endGroup)
    }
}

extension UpdateRule {
    /// What v̂ divides by 1 − β₂ᵗ: v, or the maximum of v in PyTorch's AMSGrad
    /// (`v̂ ← v_max/(1 − β₂ᵗ)`).
    var secondMomentCorrected: Symbol {
        guard case let .quotient(.symbol(corrected), _)? = equations.first(where: { $0.target == .vHat })?.expression else { return .v }
        return corrected
    }
}

extension Symbol {
    /// A table heading for the symbol: the lecture's symbol, `w_new` for the updated weight.
    var columnLabel: String { self == .wNew ? "w_new" : unicode }
}
