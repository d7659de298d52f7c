import ArgumentParser
import TraceEngine
import TraceLessons
import TraceRender
import TraceTool

/// The flags that make an experiment of a lesson: the lesson, steps and batches, the
/// hyperparameters, schedule, L2 and shuffling. Every optimizer command and `trace diff` take them.
struct ExperimentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A bundled lesson's name (see 'trace lessons') or a lesson YAML file.", valueName: "name|file"))
    var lesson: String?

    @Option(parsing: .unconditional, help: "Number of updates (default: the lesson's, else 1).")
    var steps: Int?

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: ArgumentHelp("Samples per update: full or a number.", valueName: "full|N"))
    var batchSize: String?

    @OptionGroup var hyperparameters: HyperparameterOptions
    @Option(
        name: .customLong("initial-accumulator"), parsing: .unconditional,
        help: "AdaGrad's accumulator before the first update, s₀ (default: 0 in lecture and pytorch, 0.1 in keras and optax).", transform: DecimalNumber.argument)
    var initialAccumulator: Double?

    @Option(help: ArgumentHelp("Learning-rate schedule: constant (default), step or cosine.", valueName: "constant|step|cosine"))
    var schedule: String?
    @Option(parsing: .unconditional, help: "Step schedule: multiply η by γ … (default 0.5)", transform: DecimalNumber.argument) var gamma: Double?
    @Option(parsing: .unconditional, help: "Step schedule: … every K updates (default 1).", transform: DecimalNumber.argument) var every: Double?
    @Option(name: .customLong("eta-min"), parsing: .unconditional, help: "Cosine schedule: the lowest η (default 0).", transform: DecimalNumber.argument)
    var etaMin: Double?
    @Option(parsing: .unconditional, help: "Cosine schedule: updates from η down to η_min (default: --steps).", transform: DecimalNumber.argument) var period: Double?
    @Option(parsing: .unconditional, help: "Coupled weight decay (L2): add X·w to every gradient.", transform: DecimalNumber.argument) var l2: Double?

    @Flag(help: "Shuffle the samples at the start of every epoch (seed 0 unless --seed).")
    var shuffle = false

    @Option(parsing: .unconditional, help: "Seed for shuffling (0 to 2⁶⁴−1); implies --shuffle.")
    var seed: UInt64?

    func validate() throws {
        if let batchSize, batchSize != "full", (Int(batchSize) ?? 0) < 1 {
            throw ValidationError("--batch-size must be full or a whole number of samples of at least 1, not '\(batchSize)'")
        }
        if let steps, steps < 1 {
            throw ValidationError("--steps must be at least 1, not \(steps)")
        }
    }

    /// The settings these flags make for `optimizer` (no convention: the caller's).
    func settings(for optimizer: Optimizer) -> RunSettings {
        var settings = RunSettings(optimizer: optimizer)
        settings.hyperparameters.merge(hyperparameters.given) { $1 }
        if let initialAccumulator { settings.hyperparameters[.initialAccumulator] = initialAccumulator }
        settings.steps = steps
        settings.batchSize = batchSize.map { $0 == "full" ? .full : .samples(Int($0) ?? 0) }
        settings.shuffle = shuffle
        settings.seed = seed
        settings.schedule = schedule
        for case let (symbol, value?) in [(Symbol.gamma, gamma), (.every, every), (.etaMin, etaMin), (.period, period)] {
            settings.scheduleParameters[symbol] = value
        }
        settings.l2 = l2
        return settings
    }
}

/// The flags every optimizer command takes (the contract's command line): the experiment's,
/// the convention, and where and how the run is written.
struct RunOptions: ParsableArguments {
    @OptionGroup var experiment: ExperimentOptions

    @Option(help: ArgumentHelp("Whose formulas: lecture (default), pytorch, keras or optax.", valueName: "lecture|pytorch|keras|optax"))
    var convention: Convention?

    @Option(help: ArgumentHelp("Output format: text (default), md, html, latex, json or csv.", valueName: "format"))
    var format = RunFormat(format: .text)

    @Option(help: ArgumentHelp("Write to this file, whole or not at all, instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("The parameter whose worked example is shown, e.g. W2[1,1], or all (default: the first).", valueName: "name|all"))
    var focus: String?

    @Option(parsing: .unconditional, help: "Significant digits in text, md, html and latex (json and csv are always in full).")
    var precision: Int = 4

    @Option(help: ArgumentHelp("Paper that html and latex are laid out for: a4 (default) or letter.", valueName: "a4|letter"))
    var paper: Paper = .a4

    @Option(help: ArgumentHelp("full (default): every update worked; summary: the first worked, the rest as one table.", valueName: "summary|full"))
    var detail: Detail = .full

    @OptionGroup var terminal: TerminalOptions

    func validate() throws {
        try experiment.validate()
        try terminal.validate()
    }

    func request(for optimizer: Optimizer) -> RunRequest {
        var settings = experiment.settings(for: optimizer)
        settings.convention = convention
        var request = RunRequest(settings: settings)
        request.lesson = experiment.lesson
        request.format = format.format
        request.outputPath = output
        request.precision = precision
        request.focus = focus
        request.paper = paper
        request.detail = detail
        request.width = terminal.width
        request.color = terminal.color
        return request
    }
}

extension Convention: ExpressibleByArgument {}
extension Paper: ExpressibleByArgument {}
extension Detail: ExpressibleByArgument {}
extension ColorChoice: ExpressibleByArgument {}

/// `trace <optimizer> --format`: ``RunCommand/formats``.
struct RunFormat: FormatOption {
    static let formats = RunCommand.formats
    var format: OutputFormat
}
