import TraceEngine
import TraceLessons
import TraceRender

/// `trace compare OPT OPT …`: one lesson under several optimizers, side by side: the loss per
/// step, when each reaches a loss threshold, the values each keeps per parameter, and for
/// AdaGrad and RMSProp the effective learning rate of the focus parameter per step.
package enum CompareCommand {
    /// The formats a comparison is written in: the terminal's text, the three documents, and
    /// one of its figures on its own (`svg`, chosen with `--figure`).
    package static let formats: [OutputFormat] = [.text, .md, .html, .latex, .svg]

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
        package var format: OutputFormat = .text
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

    /// Writes the comparison; returns lines for standard error (Markdown's figures left out).
    @discardableResult
    package static func execute(_ request: Request, standardOutput: TraceOutput, terminal: TerminalContext = .none) throws(ToolError) -> [String] {
        try CommandInput.checkFormat(request.format, in: formats, command: "trace compare")
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
        let inputs: [OutputGuard.Input] = [.init("the lesson", CommandInput.lessonFile(request.lesson))]
        try OutputGuard.check(output: request.outputPath, inputs: inputs)
        let lesson = try CommandInput.lesson(request.lesson)
        let (runs, focusName) = try run(request, lesson: lesson)

        let (_, notice) = try DocumentOutput.writing(
            to: request.outputPath, format: request.format, standardOutput: standardOutput, inputs: inputs
        ) { output, figures in
            var builder = ComparisonBuilder(writer: try request.format.writer(
                output, paper: request.paper, figures: figures, figure: request.figure, layout: text.layout, style: text.style))
            builder.precision = request.precision
            builder.detail = request.detail
            builder.threshold = request.threshold
            builder.drawsFigures = request.format == .html
            do {
                try builder.write(runs, focusName: focusName)
            } catch let error as SVGFigureWriter.ChoiceError {
                throw HandoutCommand.figureChoice(error, in: "this comparison")
            }
        }
        return [notice].compactMap { $0 }
    }

    /// Runs the lesson once per optimizer of `request`: each run, in order, and the focus
    /// parameter's name.
    static func run(_ request: Request, lesson: Lesson) throws(ToolError) -> (runs: [ComparisonRun], focusName: String) {
        var experiments: [Experiment] = []
        for optimizer in request.runs.optimizers {
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
        var runs: [ComparisonRun] = []
        for experiment in experiments {
            do {
                runs.append(try ComparisonRun.run(experiment, focus: focus))
            } catch {
                throw .failure("\(error)")
            }
        }
        return (runs, focusName)
    }
}
