import TraceEngine
import TraceLessons
import TraceRender

/// `trace compare OPT OPT …`: one lesson under several optimizers, side by side: the loss per
/// step, when each reaches a loss threshold, the values each keeps per parameter, and for
/// AdaGrad and RMSProp the effective learning rate of the focus parameter per step.
package enum CompareCommand {
    package enum Format: String, CaseIterable, Sendable {
        case text, md, html, latex
        /// One figure on its own (`--figure`).
        case svg
    }

    package struct Request: Sendable {
        /// The optimizers, in order, with what `OPT:NAME=VALUE` set for each alone.
        package var runs = CompareRuns()
        package var lesson: String?
        package var steps: Int?
        package var convention: Convention?
        package var threshold: Double?
        /// Values from the plain flags (`--eta`, `--beta1`, …): every run that has the
        /// hyperparameter takes it; a run's own `OPT:NAME=VALUE` wins.
        package var hyperparameters: [Symbol: Double] = [:]
        package var focus: String?
        package var format: Format = .text
        package var outputPath: String?
        package var precision = 4
        /// The paper HTML and LaTeX are laid out for.
        package var paper: Paper = .a4
        /// `summary` leaves out the per-step tables (the loss, every point of a path, the
        /// effective rate), keeping their figures, the settings and the summary tables; in a
        /// handout, it keeps only the settings, the paths (or the loss figure) and the summary.
        package var detail: Detail = .full
        /// With `svg`: the name of the figure to write (``Figure/name``).
        package var figure: String?
        /// `--width`: the columns text fits in (default: the terminal's, else 80).
        package var width: Int?
        /// `--color`: whether text has escape codes.
        package var color: ColorChoice = .auto

        package init() {}
    }

    /// What one optimizer's run left for the comparison.
    struct Result {
        var optimizer: Optimizer
        var rule: UpdateRule
        var losses: [(t: Int, value: Double)] = []
        var rates: [(t: Int, value: Double)] = []
        var divergedAt: Int?
        /// For an objective: (w₁, w₂) at the start and after each update.
        var path: [[Double]] = []
    }

    /// Keeps the loss of every step and, where the optimizer has one, the focus parameter's rate.
    struct Collector: TraceSink {
        var result: Result
        let focus: Int

        mutating func begin(_ run: RunDescription) throws {}

        mutating func record(_ step: StepRecord) throws {
            result.losses.append((step.t, step.loss))
            if step.samples.isEmpty, let w = step.values[.w], let after = step.values[.wNew] {
                if result.path.isEmpty { result.path.append(Array(w)) }
                result.path.append(Array(after))
            }
            if let rate = result.rule.effectiveRate {
                var evaluator = Evaluator(parameterCount: 1)
                evaluator.scalars = step.scalars
                for (symbol, values) in step.values { evaluator.vectors[symbol] = [values[focus]] }
                if case let .vector(value) = evaluator.evaluate(rate.rate) { result.rates.append((step.t, value[0])) }
            }
        }

        mutating func finish(_ outcome: RunOutcome) throws {
            result.divergedAt = outcome.divergence?.t
        }
    }

    /// Writes the comparison; returns lines for standard error (Markdown's figures left out).
    @discardableResult
    package static func execute(_ request: Request, standardOutput: TraceOutput, terminal: TerminalContext = .none) throws(ToolError) -> [String] {
        let text = try terminal.textSettings(width: request.width, color: request.color, toFile: request.outputPath != nil)
        let optimizers = request.runs.optimizers
        guard optimizers.count >= 2 else {
            throw .usage("name at least two optimizers to compare, e.g. 'trace compare adagrad rmsprop'")
        }
        for symbol in request.hyperparameters.keys.sorted() where !optimizers.contains(where: { $0.hyperparameters.contains(symbol) }) {
            throw .usage("none of \(optimizers.map(\.rawValue).joined(separator: ", ")) uses \(symbol.flag)")
        }
        try CommandInput.checkPrecision(request.precision)
        if request.figure != nil && request.format != .svg {
            throw .usage("--figure chooses the figure that --format svg writes; add --format svg")
        }
        if let threshold = request.threshold, !threshold.isFinite || threshold < 0 {
            throw .usage("--threshold must be a loss of 0 or more, not \(threshold)")
        }
        try OutputGuard.check(output: request.outputPath, inputs: [.init("the lesson", CommandInput.lessonFile(request.lesson))])
        let lesson = try CommandInput.lesson(request.lesson)
        let (results, experiments, focusName) = try run(request, lesson: lesson)

        let format = DocumentFormat(rawValue: request.format.rawValue) ?? .text
        let inputs: [OutputGuard.Input] = [.init("the lesson", CommandInput.lessonFile(request.lesson))]
        let (_, notice) = try DocumentOutput.writing(
            to: request.outputPath, format: format, standardOutput: standardOutput, inputs: inputs
        ) { output, figures in
            var writer = format.writer(
                output, paper: request.paper, figures: figures, figure: request.figure, layout: text.layout, style: text.style)
            do {
                try write(results, lesson: lesson, experiments: experiments, focusName: focusName, request: request, to: &writer)
            } catch let error as SVGFigureWriter.ChoiceError {
                throw HandoutCommand.figureChoice(error, in: "this comparison")
            }
        }
        return [notice].compactMap { $0 }
    }

    /// Runs the lesson once per optimizer of `request`: what each run left, its experiment,
    /// and the focus parameter's name.
    static func run(_ request: Request, lesson: Lesson) throws(ToolError) -> (results: [Result], experiments: [Experiment], focusName: String) {
        let optimizers = request.runs.optimizers
        var results: [Result] = []
        var experiments: [Experiment] = []
        for optimizer in optimizers {
            var settings = RunSettings(optimizer: optimizer)
            settings.steps = request.steps
            settings.convention = request.convention
            for (symbol, value) in request.hyperparameters where optimizer.hyperparameters.contains(symbol) {
                settings.hyperparameters[symbol] = value
            }
            for (symbol, value) in request.runs.settings[optimizer] ?? [:] { settings.hyperparameters[symbol] = value }
            experiments.append(try CommandInput.experiment(settings, for: lesson, prefix: optimizer.rawValue))
        }
        let names = experiments[0].layout.names
        let focusName: String
        switch try RunCommand.focus(request.focus, names: names) {
        case let .parameter(name)?: focusName = name
        case .all?: throw .usage("--focus all does not apply to compare; name one parameter")
        case nil: focusName = names[0]
        }
        let focus = names.firstIndex(of: focusName) ?? 0
        for experiment in experiments {
            var collector = Collector(result: Result(optimizer: experiment.optimizer, rule: experiment.rule), focus: focus)
            do {
                try Engine.run(experiment, into: &collector)
            } catch {
                throw .failure("\(error)")
            }
            results.append(collector.result)
        }

        return (results, experiments, focusName)
    }

    /// Writes the comparison. `embedded` writes it as a part of a handout: no document of its
    /// own, headings a level down, and per-step tables of long runs at every 10th update.
    static func write(
        _ results: [Result], lesson: Lesson, experiments: [Experiment], focusName: String, request: Request,
        embedded: Bool = false, to writer: inout any DocumentWriter
    ) throws {
        func number(_ x: Double) -> String { NumberFormat.significant(x, digits: request.precision) }
        let experiment = experiments[0]
        let top = embedded ? 2 : 1
        let full = request.detail == .full
        let title = "Comparing \(results.map(\.optimizer.displayName).joined(separator: ", "))"
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
            "Lesson: \(lesson.title). Convention: \(experiment.convention.displayName). \(experiment.steps) update\(experiment.steps == 1 ? "" : "s") for each optimizer, with these settings:"))
        try writer.write(.table(RunSettingsTable.table(experiments)))
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
        func column(_ x: Double) -> String { NumberFormat.column(x, digits: request.precision) }
        // A handout's summary keeps one figure and its table: the paths and where they end
        // where there are paths, else the loss and the summary.
        let brief = embedded && !full
        // Only HTML draws figures: elsewhere the summary leaves out the sections that would
        // hold only one (a heading and a sentence about a figure that is not there).
        let figureOnly = !full && request.format != .html
        let steps = results.map(\.losses.count).max() ?? 0
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
            let diverged = results.contains { $0.divergedAt != nil }
                ? " A dashed line marks where a run diverged; a run that diverged is shown up to \(NumberFormat.significant(PlotSeries.divergedViewCeiling, digits: 4)) times its first loss, and its line leaves the top where it climbs past that."
                : ""
            try tableAndPlot(
                results.map { PlotSeries(name: $0.optimizer.rawValue, points: $0.losses, divergedAt: $0.divergedAt) }, label: "loss",
                caption: "Batch loss before each update." + diverged)
            }
        }
        if let objective = experiment.objective {
            try group("paths") {
            try writer.write(.heading(level: top + 1, text: "Paths over the loss"))
            try writer.write(.paragraph(
                "Each optimizer's path (w₁, w₂), from the start (t = 0) through each update t."))
            let figure = ContourFigure(objective: objective, paths: results.map { ($0.optimizer.rawValue, $0.path) })
            try writer.write(.trajectories(figure))
            try writer.write(.table(figure.pathTable))
            }
            if full {
                let longest = results.map(\.path.count).max() ?? 0
                let rows = shown(longest, firstT: 0).map { i in
                    ["\(i)"] + results.map { i < $0.path.count ? "(\($0.path[i].map(number).joined(separator: ", ")))" : "" }
                }
                try writer.write(.paragraph("Every point of every path:" + thinning(longest)))
                try writer.write(.table(Table(header: ["t"] + results.map(\.optimizer.rawValue), rows: rows)))
            }
        }

        let first = results.compactMap { $0.losses.first?.value }.max() ?? 0
        let threshold = request.threshold ?? first / 2
        if !(brief && experiment.objective != nil) {
        try group("summary") {
        try writer.write(.heading(level: top + 1, text: "Summary"))
        let thresholdNote = request.threshold != nil ? "" : embedded ? " (half the largest first loss)" : " (half the largest first loss; set it with --threshold)"
        try writer.write(.paragraph(
            "Threshold: loss ≤ \(number(threshold))\(thresholdNote). Values kept per parameter: the state an optimizer carries from one update to the next, the lecture's memory point."))
        let summary = results.map { result -> [String] in
            let reached = result.losses.first { $0.value <= threshold }.map { "t = \($0.t)" } ?? "not within \(result.losses.count)"
            let last = result.losses.last.map { "\(column($0.value)) at t = \($0.t)" } ?? ""
            let kept = result.rule.keptState
            let keptText = kept.isEmpty ? "none" : "\(kept.count): \(kept.map(\.unicode).joined(separator: ", "))"
            let note = result.divergedAt.map { "; diverged at t = \($0)" } ?? ""
            return [result.optimizer.rawValue, last + note, reached, keptText]
        }
        try writer.write(.table(Table(header: ["optimizer", "last loss", "reaches the threshold", "kept per parameter"], rows: summary)))
        }
        }

        let adaptive = results.filter { $0.rule.effectiveRate != nil }
        if !adaptive.isEmpty, !brief {
            try writer.write(.heading(level: top + 1, text: "Effective learning rate of \(focusName)"))
            // Adam's rate multiplies m̂ (Keras's m), not g: each line says so where it differs.
            let alongG = adaptive.allSatisfy { $0.rule.effectiveRate?.direction == .g }
            let directions = adaptive.compactMap { result in
                result.rule.effectiveRate.map { "\(result.optimizer.displayName) \($0.direction.unicode)" }
            }.joined(separator: ", ")
            try writer.write(.paragraph(alongG
                ? "The factor that multiplies the gradient in each update, from the same values as the update:"
                : "The factor that multiplies what each update moves w along (\(directions)), from the same values as the update:"))
            try writer.write(.equations(adaptive.compactMap { result in
                result.rule.effectiveRate.map {
                    .row([.text("\(result.optimizer.displayName): "), MathBuilder.symbolic.build($0.rate)]
                        + ($0.direction == .g ? [] : [.text(", which multiplies "), .symbol($0.direction)]))
                }
            }))
            try tableAndPlot(
                adaptive.map { PlotSeries(name: $0.optimizer.rawValue, points: $0.rates) }, label: "rate",
                caption: "Effective learning rate of \(focusName) per update.")
        }
        if !embedded { try writer.end() }
    }
}
