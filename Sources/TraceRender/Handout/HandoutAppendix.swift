import TraceEngine

/// The parts a lesson's `handout:` section adds after its own run, each from runs of the
/// engine: the run in two or more conventions side by side, and a sweep over hyperparameters.
public enum HandoutAppendix {
    /// The same lesson run in each convention, as `experiments` (one per convention, in order):
    /// each convention's update, then per update a table of every parameter's gradient, the
    /// step `w − w_new` and `w_new` in each run, and the loss of each run per update.
    /// With `summary`, the table of the first update only, without the loss per update.
    public static func conventions(_ experiments: [Experiment], detail: Detail, precision: Int) throws -> [Block] {
        func column(_ x: Double) -> String { NumberFormat.column(x, digits: precision) }
        let runs = try experiments.map { experiment throws -> [StepRecord] in
            var sink = StepCollector()
            try Engine.run(experiment, into: &sink)
            return sink.steps
        }
        guard let first = experiments.first else { return [] }
        let names = experiments.map { $0.convention.displayName }
        var blocks: [Block] = [
            .beginGroup(id: "conventions"),
            .heading(level: 2, text: "The conventions side by side"),
            .paragraph(
                "The same lesson, run once in each convention: \(names.joined(separator: " and ")). Everything up to the update is the same; the update is"),
            .equations(experiments.map { experiment in
                let update = LectureFormulas.symbolic(experiment.rule).last ?? .text("")
                return .row([.text("\(experiment.convention.displayName): "), update])
            }),
            .endGroup,
        ]
        let parameterNames = first.layout.names
        let steps = runs.map(\.count).min() ?? 0
        for index in 0..<(detail == .summary ? min(1, steps) : steps) {
            let header = ["parameter"] + names.flatMap { ["g, \($0)", "w − w_new, \($0)", "w_new, \($0)"] }
            let rows = parameterNames.enumerated().map { p, name in
                [name] + runs.flatMap { run -> [String] in
                    let values = run[index].values
                    let w = values[.w]?[p] ?? .nan, wNew = values[.wNew]?[p] ?? .nan
                    return [column(values[.g]?[p] ?? .nan), column(w - wNew), column(wNew)]
                }
            }
            let t = runs[0][index].t
            blocks += [
                .beginGroup(id: "conventions-\(t)"),
                .heading(level: 3, text: "Step t = \(t), in each convention"),
                .table(Table(header: header, rows: rows, caption: t == 1
                    ? "At t = 1 both runs start from the same weights, so g is the same; only the step differs."
                    : "From t = 2 on each run starts from its own weights.")),
                .endGroup,
            ]
        }
        guard detail == .full else { return blocks }
        let losses = runs.first.map { $0.indices.map { i in ["\(runs[0][i].t)"] + runs.map { i < $0.count ? column($0[i].loss) : "" } } } ?? []
        blocks += [
            .beginGroup(id: "conventions-loss"),
            .heading(level: 3, text: "Loss per step, in each convention"),
            .table(Table(header: ["t"] + names, rows: losses)),
            .plot(
                label: "loss",
                series: zip(names, runs).map { name, run in PlotSeries(name: name, points: run.map { ($0.t, $0.loss) }) },
                caption: "Batch loss before each update, in each convention."),
            .endGroup,
        ]
        return blocks
    }

    /// One run per cell of a grid over one or two hyperparameters (`axes`, in order; `runs`
    /// row by row, the first axis down, the second across): a table of each run's loss after
    /// its last update, and the loss per step of every run as a figure (and, in full, a table).
    public static func sweep(
        axes: [(symbol: Symbol, values: [Double])], runs: [Experiment], detail: Detail, precision: Int
    ) throws -> [Block] {
        // A setting is written as given (`0.05` at any precision); a loss to `precision` digits.
        func number(_ x: Double) -> String { NumberFormat.exact(x) }
        func column(_ x: Double) -> String { NumberFormat.column(x, digits: precision) }
        guard let first = axes.first, let experiment = runs.first else { return [] }
        let collected = try runs.map { experiment throws -> StepCollector in
            var sink = StepCollector()
            try Engine.run(experiment, into: &sink)
            return sink
        }
        let histories = collected.map { $0.steps.map { (t: $0.t, loss: $0.loss) } }
        let finals = runs.map { LossAfterLastUpdate.of($0) }
        let across = axes.count > 1 ? axes[1].values : [Double.nan]
        /// A run's values, `0.05, 0.01`, as the figure's legend has room for.
        func shortLabel(_ cell: Int) -> String {
            let row = cell / across.count, col = cell % across.count
            return number(first.values[row]) + (axes.count > 1 ? ", \(number(across[col]))" : "")
        }
        func label(_ cell: Int) -> String {
            let row = cell / across.count, col = cell % across.count
            return "\(first.symbol.unicode) = \(number(first.values[row]))"
                + (axes.count > 1 ? ", \(axes[1].symbol.unicode) = \(number(across[col]))" : "")
        }
        let settings = axes.map { "\($0.symbol.unicode) ∈ {\($0.values.map(number).joined(separator: ", "))}" }.joined(separator: " × ")
        var blocks: [Block] = [
            .beginGroup(id: "sweep"),
            .heading(level: 2, text: "The sweep"),
            .paragraph(
                "\(runs.count) runs of \(experiment.optimizer.displayName), one for each setting of \(settings), the other settings as above, \(experiment.steps) updates each. The loss after the last update of each run:"),
        ]
        let header = axes.count > 1
            ? ["\(first.symbol.unicode) ↓, \(axes[1].symbol.unicode) →"] + across.map(number)
            : [first.symbol.unicode, "loss after update \(experiment.steps)"]
        let rows = first.values.indices.map { row in
            [number(first.values[row])] + across.indices.map { col in
                finals[row * across.count + col].map(column) ?? "diverged"
            }
        }
        blocks.append(.table(Table(header: header, rows: rows)))
        blocks.append(.endGroup)
        blocks.append(.beginGroup(id: "sweep-figure"))
        blocks.append(.plot(
            label: "loss",
            series: histories.enumerated().map { cell, history in
                PlotSeries(name: shortLabel(cell), points: history.map { ($0.t, $0.loss) }, divergedAt: collected[cell].divergence?.t)
            },
            caption: "Batch loss before each update, one line per run of the sweep, labelled \(axes.map(\.symbol.unicode).joined(separator: ", "))."))
        blocks.append(.endGroup)
        if detail == .full {
            let steps = histories.map(\.count).max() ?? 0
            // A row per run while the steps fit across a page; a column per run for a long run.
            let table = steps <= 12
                ? Table(
                    header: ["run"] + (1...max(1, steps)).map { "t = \($0)" },
                    rows: histories.enumerated().map { cell, history in [label(cell)] + history.map { column($0.loss) } })
                : Table(
                    header: ["t"] + histories.indices.map(label),
                    rows: (0..<steps).map { i in ["\(i + 1)"] + histories.map { i < $0.count ? column($0[i].loss) : "" } })
            blocks += [
                .beginGroup(id: "sweep-steps"),
                .paragraph("The loss before each update of every run, the figure's numbers:"),
                .table(table),
                .endGroup,
            ]
        }
        return blocks
    }
}

/// Keeps every step of a run.
struct StepCollector: TraceSink {
    var steps: [StepRecord] = []
    /// Where the run diverged, if it did.
    var divergence: Divergence?
    mutating func begin(_ run: RunDescription) throws {}
    mutating func record(_ step: StepRecord) throws { steps.append(step) }
    mutating func finish(_ outcome: RunOutcome) throws { divergence = outcome.divergence }
}
