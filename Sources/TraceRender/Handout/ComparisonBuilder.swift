import TraceEngine

/// One lesson under several optimizers, side by side (`trace compare`, and a handout's
/// `compare:` part): the settings of each run, the loss per step, each path over an
/// objective's contours, when each run reaches a loss threshold, the values each keeps per
/// parameter, and for the rules that have one the focus parameter's effective learning rate
/// per step.
///
/// Every number comes from the runs (``ComparisonRun``); the rates' formulas are the rules' own.
public struct ComparisonBuilder {
    public var writer: any DocumentWriter
    /// Significant digits of the numbers shown.
    public var precision = 4
    /// `summary` leaves out the per-step tables (the loss, every point of a path, the
    /// effective rate), keeping their figures, the settings and the summary tables; in a
    /// handout, it keeps only the settings, the paths (or the loss figure) and the summary.
    public var detail: Detail = .full
    /// The loss each run is timed to reach; `nil` for half the largest first loss.
    public var threshold: Double?
    /// Written as a part of a handout: no document of its own, headings a level down, each
    /// part a group a printed page keeps whole, and per-step tables of long runs at every 10th
    /// update.
    public var embedded = false
    /// Whether the writer draws the figures (HTML's): elsewhere `summary` leaves out the
    /// sections that would hold only a figure.
    public var drawsFigures = false

    public init(writer: any DocumentWriter) {
        self.writer = writer
    }

    /// The level of the comparison's own heading; its parts' are one below.
    private var top: Int { embedded ? 2 : 1 }

    /// Writes the comparison of `runs` (the same lesson, at least one run); `focusName` names
    /// the parameter whose rates the runs kept.
    public mutating func write(_ runs: [ComparisonRun], focusName: String) throws {
        guard let experiment = runs.first?.experiment else { return }
        let precision = self.precision, embedded = self.embedded
        func number(_ x: Double) -> String { NumberFormat.significant(x, digits: precision) }
        let full = detail == .full
        let title = "Comparing \(runs.map(\.optimizer.displayName).joined(separator: ", "))"
        if !embedded { try writer.begin(title: title) }
        /// In a handout, a part that a printed page keeps whole (a standalone comparison's
        /// parts are not grouped).
        func group(_ id: String, _ body: () throws -> Void) throws {
            if embedded { try writer.write(.beginGroup(id: "compare-" + id)) }
            try body()
            if embedded { try writer.write(.endGroup) }
        }
        try group("settings") {
            try writer.write(.heading(level: top, text: title))
            try writer.write(.paragraph(
                "Lesson: \(experiment.title). Convention: \(experiment.convention.displayName). \(experiment.steps) update\(experiment.steps == 1 ? "" : "s") for each optimizer, with these settings:"))
            try writer.write(.table(RunSettingsTable.table(runs.map(\.experiment))))
        }

        /// The rows a per-step table shows, as indices of rows whose t starts at `firstT`: every
        /// one, or in a handout of a long run the first, each t that is a multiple of 10, and the last.
        func shown(_ count: Int, firstT: Int) -> [Int] {
            guard embedded, count > 60 else { return Array(0..<count) }
            return (0..<count).filter { $0 == 0 || $0 == count - 1 || ($0 + firstT) % 10 == 0 }
        }
        func thinning(_ count: Int) -> String {
            shown(count, firstT: 0).count == count ? "" : " Every 10th update, the first and the last are listed."
        }
        func column(_ x: Double) -> String { NumberFormat.column(x, digits: precision) }
        // A handout's summary keeps one figure and its table: the paths and where they end
        // where there are paths, else the loss and the summary.
        let brief = embedded && !full
        // Only HTML draws figures: elsewhere the summary leaves out the sections that would
        // hold only one (a heading and a sentence about a figure that is not there).
        let figureOnly = !full && !drawsFigures
        let steps = runs.map(\.losses.count).max() ?? 0
        /// A column per series with t down the side (with `full`), and the same numbers plotted.
        func tableAndPlot(_ series: [PlotSeries], label: String, caption: String) throws {
            let steps = series.map(\.points.count).max() ?? 0
            let rows = shown(steps, firstT: 1).map { i in
                ["\(i + 1)"] + series.map { i < $0.points.count ? column($0.points[i].value) : "" }
            }
            if full { try writer.write(.table(Table(header: ["t"] + series.map(\.name), rows: rows))) }
            try writer.write(.plot(label: label, series: series, caption: caption))
        }
        if !(brief && experiment.objective != nil), !figureOnly {
            try group("loss") {
                try writer.write(.heading(level: top + 1, text: "Loss per step"))
                try writer.write(.paragraph("The batch loss at the weights before each update." + (full ? thinning(steps) : "")))
                let diverged = runs.contains { $0.divergedAt != nil }
                    ? " A dashed line marks where a run diverged; a run that diverged is shown up to \(NumberFormat.significant(PlotSeries.divergedViewCeiling, digits: 4)) times its first loss, and its line leaves the top where it climbs past that."
                    : ""
                try tableAndPlot(
                    runs.map { PlotSeries(name: $0.optimizer.rawValue, points: $0.losses, divergedAt: $0.divergedAt) }, label: "loss",
                    caption: "Batch loss before each update." + diverged)
            }
        }
        if let objective = experiment.objective {
            try group("paths") {
                try writer.write(.heading(level: top + 1, text: "Paths over the loss"))
                try writer.write(.paragraph(
                    "Each optimizer's path (w₁, w₂), from the start (t = 0) through each update t."))
                let figure = ContourFigure(objective: objective, paths: runs.map { ($0.optimizer.rawValue, $0.path) })
                try writer.write(.trajectories(figure))
                try writer.write(.table(figure.pathTable))
            }
            if full {
                let longest = runs.map(\.path.count).max() ?? 0
                let rows = shown(longest, firstT: 0).map { i in
                    ["\(i)"] + runs.map { i < $0.path.count ? "(\($0.path[i].map(number).joined(separator: ", ")))" : "" }
                }
                try writer.write(.paragraph("Every point of every path:" + thinning(longest)))
                try writer.write(.table(Table(header: ["t"] + runs.map(\.optimizer.rawValue), rows: rows)))
            }
        }

        if !(brief && experiment.objective != nil) {
            try group("summary") { try writeSummary(runs, column: column, number: number) }
        }

        let adaptive = runs.filter { $0.rule.effectiveRate != nil }
        if !adaptive.isEmpty, !brief {
            try writer.write(.heading(level: top + 1, text: "Effective learning rate of \(focusName)"))
            try writer.write(.paragraph(Self.rateSentence(adaptive)))
            try writer.write(.equations(adaptive.compactMap { run in
                run.rule.effectiveRate.map {
                    .row([.text("\(run.optimizer.displayName): "), MathBuilder.symbolic.build($0.rate)]
                        + ($0.direction == .g ? [] : [.text(", which multiplies "), .symbol($0.direction)]))
                }
            }))
            try tableAndPlot(
                adaptive.map { PlotSeries(name: $0.optimizer.rawValue, points: $0.rates) }, label: "rate",
                caption: "Effective learning rate of \(focusName) per update.")
        }
        if !embedded { try writer.end() }
    }

    /// The threshold, and per run its last loss, when it reaches the threshold and the values
    /// it keeps per parameter.
    private mutating func writeSummary(
        _ runs: [ComparisonRun], column: (Double) -> String, number: (Double) -> String
    ) throws {
        let first = runs.compactMap { $0.losses.first?.value }.max() ?? 0
        let threshold = self.threshold ?? first / 2
        try writer.write(.heading(level: top + 1, text: "Summary"))
        let thresholdNote = self.threshold != nil ? "" : embedded ? " (half the largest first loss)" : " (half the largest first loss; set it with --threshold)"
        try writer.write(.paragraph(
            "Threshold: loss ≤ \(number(threshold))\(thresholdNote). Values kept per parameter: the state an optimizer carries from one update to the next, the lecture's memory point."))
        let summary = runs.map { run -> [String] in
            let reached = run.losses.first { $0.value <= threshold }.map { "t = \($0.t)" } ?? "not within \(run.losses.count)"
            let last = run.losses.last.map { "\(column($0.value)) at t = \($0.t)" } ?? ""
            let kept = run.rule.keptState
            let keptText = kept.isEmpty ? "none" : "\(kept.count): \(kept.map(\.unicode).joined(separator: ", "))"
            let note = run.divergedAt.map { "; diverged at t = \($0)" } ?? ""
            return [run.optimizer.rawValue, last + note, reached, keptText]
        }
        try writer.write(.table(Table(header: ["optimizer", "last loss", "reaches the threshold", "kept per parameter"], rows: summary)))
    }

    /// What the rates multiply: the gradient, or where some rule's rate multiplies another
    /// value (Adam's m̂, Keras's m), each rule's.
    private static func rateSentence(_ adaptive: [ComparisonRun]) -> String {
        let alongG = adaptive.allSatisfy { $0.rule.effectiveRate?.direction == .g }
        let directions = adaptive.compactMap { run in
            run.rule.effectiveRate.map { "\(run.optimizer.displayName) \($0.direction.unicode)" }
        }.joined(separator: ", ")
        return alongG
            ? "The factor that multiplies the gradient in each update, from the same values as the update:"
            : "The factor that multiplies what each update moves w along (\(directions)), from the same values as the update:"
    }
}
