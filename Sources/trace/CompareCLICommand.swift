import ArgumentParser
import TraceEngine
import TraceRender
import TraceTool

/// `trace compare OPT OPT … [options]`.
struct CompareCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run one lesson under several optimizers and compare them side by side.",
        discussion: """
            Examples:
              trace compare gd momentum adam --steps 6
              trace compare adagrad rmsprop --lesson adagrad --format html --output compare.html
              trace compare gd momentum adam --lesson rosenbrock --format svg --figure paths --output paths.svg
            """)

    @Argument(help: ArgumentHelp(
        "Two or more optimizers: \(Optimizer.allCases.map(\.rawValue).joined(separator: ", ")); OPT:NAME=VALUE sets one run's hyperparameter (adam:eta=0.01).",
        valueName: "optimizer"))
    var optimizers: [String]

    @Option(help: ArgumentHelp("A bundled lesson's name or a lesson YAML file (default: the built-in lesson).", valueName: "name|file"))
    var lesson: String?

    @Option(parsing: .unconditional, help: "Number of updates (default: the lesson's, else 1).")
    var steps: Int?

    @Option(help: ArgumentHelp("lecture (default), pytorch, keras or optax, for every optimizer.", valueName: "lecture|pytorch|keras|optax"))
    var convention: Convention?


    /// Each applies to every run that has the hyperparameter; `OPT:NAME=VALUE` sets one run's.
    @OptionGroup(title: "Hyperparameters (each for every run that has it)")
    var hyperparameters: HyperparameterOptions

    @Option(parsing: .unconditional, help: "The loss to reach (default: half the largest first loss).", transform: DecimalNumber.argument)
    var threshold: Double?

    @Option(help: ArgumentHelp("The parameter whose effective learning rate is shown (default: the first).", valueName: "name"))
    var focus: String?

    @Option(help: ArgumentHelp("text (default), md, html, latex, or svg: one figure on its own, for slides (see --figure).", valueName: "text|md|html|latex|svg"))
    var format = CompareFormat(format: .text)

    @Option(help: ArgumentHelp("With --format svg: which figure (loss, paths, rate, … as the comparison has them).", valueName: "name"))
    var figure: String?

    @Option(help: ArgumentHelp("Write to this file, whole or not at all, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(parsing: .unconditional, help: "Significant digits of the numbers shown.")
    var precision: Int = 4

    @Option(help: ArgumentHelp("Paper that html and latex are laid out for: a4 (default) or letter.", valueName: "a4|letter"))
    var paper: Paper = .a4

    @Option(help: ArgumentHelp("full (default): the per-step tables too; summary: the settings, figures and summary tables.", valueName: "summary|full"))
    var detail: Detail = .full

    @OptionGroup var terminal: TerminalOptions

    func validate() throws {
        try terminal.validate()
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, not \(steps)") }
    }

    func run() throws {
        var request = CompareCommand.Request()
        request.hyperparameters.merge(hyperparameters.given) { $1 }
        request.lesson = lesson
        request.steps = steps
        request.convention = convention
        request.threshold = threshold
        request.focus = focus
        request.format = format.format
        request.outputPath = output
        request.precision = precision
        request.paper = paper
        request.detail = detail
        request.figure = figure
        request.width = terminal.width
        request.color = terminal.color
        TraceCLI.run { output in
            request.runs = try CompareRuns.parse(optimizers)
            let notices = try CompareCommand.execute(request, standardOutput: output, terminal: TraceCLI.standardOutputTerminal)
            for notice in notices { TraceCLI.printError(notice) }
        }
    }
}

extension Optimizer: ExpressibleByArgument {}

/// `trace compare --format`: ``CompareCommand/formats``.
struct CompareFormat: FormatOption {
    static let formats = CompareCommand.formats
    var format: OutputFormat
}
