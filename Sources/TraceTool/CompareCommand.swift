import TraceEngine
import TraceLessons
import TraceRender

/// `trace compare OPT OPT …`: one lesson under several optimizers, side by side: the loss per
/// step, when each reaches a loss threshold, the values each keeps per parameter, and for
/// AdaGrad and RMSProp the effective learning rate of the focus parameter per step.
public enum CompareCommand {
    public enum Format: String, CaseIterable, Sendable {
        case text, md, html
    }

    public struct Request: Sendable {
        public var optimizers: [Optimizer] = []
        public var lesson: String?
        public var steps: Int?
        public var convention: Convention?
        public var threshold: Double?
        /// One learning rate for every optimizer (else each its own, or the lesson's).
        public var eta: Double?
        public var focus: String?
        public var format: Format = .text
        public var outputPath: String?
        public var precision = 4

        public init() {}
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
                if case let .vector(value) = evaluator.evaluate(rate) { result.rates.append((step.t, value[0])) }
            }
        }

        mutating func finish(_ outcome: RunOutcome) throws {
            result.divergedAt = outcome.divergence?.t
        }
    }

    public static func execute(_ request: Request, standardOutput: TraceOutput) throws(ToolError) {
        guard request.optimizers.count >= 2 else {
            throw .usage("name at least two optimizers to compare, e.g. 'trace compare adagrad rmsprop'")
        }
        guard Set(request.optimizers).count == request.optimizers.count else {
            throw .usage("each optimizer once, please: \(request.optimizers.map(\.rawValue).joined(separator: " "))")
        }
        try CommandInput.checkPrecision(request.precision)
        if let threshold = request.threshold, !threshold.isFinite || threshold < 0 {
            throw .usage("--threshold must be a loss of 0 or more, not \(threshold)")
        }
        let lesson = try CommandInput.lesson(request.lesson)

        var results: [Result] = []
        var experiments: [Experiment] = []
        for optimizer in request.optimizers {
            var settings = RunSettings(optimizer: optimizer)
            settings.steps = request.steps
            settings.convention = request.convention
            if let eta = request.eta { settings.hyperparameters[.eta] = eta }
            experiments.append(try CommandInput.experiment(settings, for: lesson))
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

        try AtomicFile.writing(to: request.outputPath, standardOutput: standardOutput) { output in
            var writer = (DocumentFormat(rawValue: request.format.rawValue) ?? .text).writer(output)
            try write(results, lesson: lesson, experiments: experiments, focusName: focusName, request: request, to: &writer)
        }
    }

    static func write(
        _ results: [Result], lesson: Lesson, experiments: [Experiment], focusName: String, request: Request,
        to writer: inout any DocumentWriter
    ) throws {
        func number(_ x: Double) -> String { NumberFormat.significant(x, digits: request.precision) }
        let experiment = experiments[0]
        let title = "Comparing \(results.map(\.optimizer.displayName).joined(separator: ", "))"
        try writer.begin(title: title)
        try writer.write(.heading(level: 1, text: title))
        let batches = experiments.map { "\($0.optimizer.rawValue) \($0.batchSize)" }.joined(separator: ", ")
        let batching = experiment.objective == nil ? " Batch size, of \(experiment.data.count) samples: \(batches)." : ""
        try writer.write(.paragraph(
            "Lesson: \(lesson.title). Convention: \(experiment.convention.displayName); \(request.eta.map { "η = \(number($0)) for every optimizer, other hyperparameters" } ?? "each optimizer") with its own defaults (or the lesson's, for the optimizer it names).\(batching) \(experiment.steps) update\(experiment.steps == 1 ? "" : "s")."))

        try writer.write(.heading(level: 2, text: "Loss per step"))
        try writer.write(.paragraph("The batch loss at the weights before each update."))
        /// A column per series with t down the side, and the same numbers plotted.
        func tableAndPlot(_ series: [PlotSeries], label: String, caption: String) throws {
            let steps = series.map(\.points.count).max() ?? 0
            let rows = (0..<steps).map { i in
                ["\(i + 1)"] + series.map { i < $0.points.count ? number($0.points[i].value) : "" }
            }
            try writer.write(.table(Table(header: ["t"] + series.map(\.name), rows: rows)))
            try writer.write(.plot(label: label, series: series, caption: caption))
        }
        try tableAndPlot(
            results.map { PlotSeries(name: $0.optimizer.rawValue, points: $0.losses) }, label: "loss",
            caption: "Batch loss before each update.")
        if let objective = experiment.objective {
            try writer.write(.heading(level: 2, text: "Paths over the loss"))
            try writer.write(.paragraph(
                "Each optimizer's (w₁, w₂) from the start (\(experiment.start.map(number).joined(separator: ", "))) over contours of L, in the HTML format."))
            let figure = ContourFigure(objective: objective, paths: results.map { ($0.optimizer.rawValue, $0.path) })
            try writer.write(.trajectories(figure))
            try writer.write(.table(figure.pathTable))
        }

        let first = results.compactMap { $0.losses.first?.value }.max() ?? 0
        let threshold = request.threshold ?? first / 2
        try writer.write(.heading(level: 2, text: "Summary"))
        try writer.write(.paragraph(
            "Threshold: loss ≤ \(number(threshold))\(request.threshold == nil ? " (half the largest first loss; set it with --threshold)" : ""). Values kept per parameter: the state an optimizer carries from one update to the next, the lecture's memory point."))
        let summary = results.map { result -> [String] in
            let reached = result.losses.first { $0.value <= threshold }.map { "t = \($0.t)" } ?? "not within \(result.losses.count)"
            let last = result.losses.last.map { "\(number($0.value)) at t = \($0.t)" } ?? ""
            let kept = result.rule.keptState
            let keptText = kept.isEmpty ? "none" : "\(kept.count): \(kept.map(\.unicode).joined(separator: ", "))"
            let note = result.divergedAt.map { "; diverged at t = \($0)" } ?? ""
            return [result.optimizer.rawValue, last + note, reached, keptText]
        }
        try writer.write(.table(Table(header: ["optimizer", "last loss", "reaches the threshold", "kept per parameter"], rows: summary)))

        let adaptive = results.filter { $0.rule.effectiveRate != nil }
        if !adaptive.isEmpty {
            try writer.write(.heading(level: 2, text: "Effective learning rate of \(focusName)"))
            try writer.write(.paragraph("The factor that multiplies the gradient in each update, from the same values as the update:"))
            try writer.write(.equations(adaptive.compactMap { result in
                result.rule.effectiveRate.map {
                    .row([.text("\(result.optimizer.displayName): "), MathBuilder.symbolic.build($0)])
                }
            }))
            try tableAndPlot(
                adaptive.map { PlotSeries(name: $0.optimizer.rawValue, points: $0.rates) }, label: "rate",
                caption: "Effective learning rate of \(focusName) per update.")
        }
        try writer.end()
    }
}
