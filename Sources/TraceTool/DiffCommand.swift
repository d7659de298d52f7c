import TraceEngine
import TraceLessons
import TraceRender

/// `trace diff OPTIMIZER --conventions A,B`: one lesson and one set of hyperparameters run
/// under two conventions, side by side, with the first place where their arithmetic parts.
package enum DiffCommand {
    /// Both runs are kept in memory to be set side by side, so their length is limited.
    package static let stepLimit = 1000

    /// The formats `trace diff` writes: the terminal's text and the three documents (a diff
    /// has no JSON, CSV or figure of its own).
    package static let formats: [OutputFormat] = [.text, .md, .html, .latex]

    package struct Request: Sendable {
        /// The run's settings; their convention is replaced by each of `conventions`. Its
        /// `format` is not read: ``format`` is the diff's.
        package var run: RunRequest
        package var conventions: [Convention] = []
        package var format: OutputFormat = .text

        package init(run: RunRequest) {
            self.run = run
        }
    }

    package static func execute(_ request: Request, standardOutput: TraceOutput, terminal: TerminalContext = .none) throws(ToolError) {
        try CommandInput.checkFormat(request.format, in: formats, command: "trace diff")
        try CommandInput.checkPrecision(request.run.precision)
        let text = try terminal.textSettings(width: request.run.width, color: request.run.color, toFile: request.run.outputPath != nil)
        let format = request.format
        guard request.run.settings.convention == nil else {
            throw .usage("trace diff takes --conventions A,B (two conventions), not --convention")
        }
        guard request.conventions.count == 2, request.conventions[0] != request.conventions[1] else {
            throw .usage("--conventions takes two different conventions, e.g. --conventions lecture,pytorch")
        }
        try OutputGuard.check(output: request.run.outputPath, inputs: [.init("the lesson", CommandInput.lessonFile(request.run.lesson))])
        let lesson = try CommandInput.lesson(request.run.lesson)
        var runs: [ConventionDiffText.Run] = []
        for convention in request.conventions {
            var settings = request.run.settings
            settings.convention = convention
            let experiment = try CommandInput.experiment(settings, for: lesson)
            guard experiment.steps <= stepLimit else {
                throw .usage("trace diff shows at most \(stepLimit) steps side by side, not \(experiment.steps); use --steps")
            }
            var sink = RecordingSink()
            let outcome: RunOutcome
            do {
                outcome = try Engine.run(experiment, into: &sink)
            } catch {
                throw .failure("\(error)")
            }
            guard let description = sink.run else { throw .failure("the \(convention.rawValue) run did not start") }
            runs.append(.init(description: description, steps: sink.steps, outcome: outcome))
        }
        let names = runs[0].description.layout.names
        let shown: [Int]?
        switch try RunCommand.focus(request.run.focus, names: names) {
        case nil, .all?: shown = nil
        case let .parameter(name)?: shown = names.firstIndex(of: name).map { [$0] }
        }
        var diff = ConventionDiffText(runs[0], runs[1], precision: request.run.precision, parameters: shown)
        diff.detail = request.run.detail
        try AtomicFile.writing(to: request.run.outputPath, standardOutput: standardOutput) { output in
            var writer = try format.writer(output, paper: request.run.paper, layout: text.layout, style: text.style)
            if format == .text { try diff.writeTerminal(to: &writer) } else { try diff.write(to: &writer) }
        }
    }
}
