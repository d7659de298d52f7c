import ArgumentParser
import TraceEngine
import TraceRender
import TraceTool

/// `trace diff OPTIMIZER --conventions A,B [run options]`.
struct DiffCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Run one lesson under two conventions and show where their arithmetic parts.",
        discussion: """
            Both runs use the same lesson and hyperparameters (a framework's own \
            hyperparameter, such as AdaGrad's initial accumulator, takes each convention's \
            default unless given). Shows both sets of formulas, the first step and formula \
            where the values part beyond rounding (relative difference above 1e-12) with the \
            numbers put in, and every shared value of every step with the difference. At \
            most \(DiffCommand.stepLimit) steps.

            Examples:
              trace diff adam --conventions lecture,pytorch --steps 2
              trace diff momentum --conventions lecture,keras --focus W2[1,1]
              trace diff adagrad --conventions keras,optax --initial-accumulator 0
            """)

    @Argument(help: ArgumentHelp("The optimizer: \(Optimizer.choices)."))
    var optimizer: Optimizer

    @Option(help: ArgumentHelp("Two conventions to compare, e.g. lecture,pytorch (lecture, pytorch, keras, optax).", valueName: "A,B"))
    var conventions: String

    @OptionGroup var experiment: ExperimentOptions

    @Option(help: ArgumentHelp("Write to this file, whole or not at all, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Show only this parameter's values, e.g. W2[1,1], or all (default).", valueName: "name|all"))
    var focus: String?

    @Option(parsing: .unconditional, help: "Significant digits of the formulas' numbers (the tables' values are in full, their differences to 3 digits).")
    var precision: Int = 4

    @Option(help: ArgumentHelp("text (default), md, html or latex.", valueName: "text|md|html|latex"))
    var format = DiffFormat(format: .text)

    @Option(help: ArgumentHelp("Paper that html and latex are laid out for: a4 (default) or letter.", valueName: "a4|letter"))
    var paper: Paper = .a4

    @Option(help: ArgumentHelp("full (default): a table for every step; summary: for the step where the runs part and the last.", valueName: "summary|full"))
    var detail: Detail = .full

    @OptionGroup var terminal: TerminalOptions

    /// `--conventions`, parsed: each name must be a convention.
    private func parsedConventions() throws -> [Convention] {
        try conventions.split(separator: ",", omittingEmptySubsequences: false).map { name in
            guard let convention = Convention(rawValue: String(name)) else {
                throw ValidationError(
                    "--conventions: '\(name)' is not a convention\(Suggestion.clause(for: String(name), in: Convention.allCases.map(\.rawValue))) (choose two of \(Convention.allCases.map(\.rawValue).joined(separator: ", ")), e.g. lecture,pytorch)")
            }
            return convention
        }
    }

    func validate() throws {
        try experiment.validate()
        try terminal.validate()
        _ = try parsedConventions()
    }

    func run() throws {
        var run = RunRequest(settings: experiment.settings(for: optimizer))
        run.lesson = experiment.lesson
        run.outputPath = output
        run.focus = focus
        run.precision = precision
        run.paper = paper
        run.detail = detail
        run.width = terminal.width
        run.color = terminal.color
        var request = DiffCommand.Request(run: run)
        request.conventions = try parsedConventions()
        request.format = format.format
        TraceCLI.run { output in try DiffCommand.execute(request, standardOutput: output, terminal: TraceCLI.standardOutputTerminal) }
    }
}

/// `trace diff --format`: ``DiffCommand/formats``.
struct DiffFormat: FormatOption {
    static let formats = DiffCommand.formats
    var format: OutputFormat
}
