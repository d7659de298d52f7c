import ArgumentParser
import TraceEngine
import TraceRender
import TraceTool

/// `trace homework LESSON (--count N | --roster FILE.csv) --seed S --output DIR`.
struct HomeworkCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "homework",
        abstract: "Write a homework variant per student: a worksheet to fill in by hand and the key that grades it.",
        discussion: """
            Each student's folder holds worksheet.md and worksheet.html (the network, data, \
            hyperparameters and formulas, with a blank for each asked value), answers.csv (a \
            template to fill in) and key.json (the variant's trace/v1 with the asked values; \
            keep it from students). Variants differ in initial weights, data and hyperparameters \
            within the lesson's 'variants:' ranges (see docs/homework-and-grading.md); the same seed \
            gives the same files.

            Examples:
              trace homework adam --count 300 --seed 2026 --output hw
              trace homework adam --roster roster.csv --seed 7 --ask m,v,m_hat,v_hat,w_new --steps 2 --output hw
              trace homework adam --count 30 --seed 2026 --given g --output hw
            """)

    @Argument(help: ArgumentHelp("A bundled lesson's name (see 'trace lessons') or a lesson YAML file.", valueName: "name|file"))
    var lesson: String

    @Option(parsing: .unconditional, help: "Make N variants, in folders 001…N.") var count: Int?

    @Option(help: ArgumentHelp("A CSV file with a column 'id': one variant per student, in a folder named by the id.", valueName: "file.csv"))
    var roster: String?

    @Option(parsing: .unconditional, help: "Seed for drawing the variants (0 to 2⁶⁴−1). Required: keep it to make the same files again.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("The quantities asked, e.g. m,v,m_hat,v_hat,w_new (default: g, the optimizer's state and w_new); z,a,delta,loss ask every unit's value of each sample's forward and backward pass (z2[1] of sample 1, …).", valueName: "list"))
    var ask: String?

    @Option(help: ArgumentHelp("The parameters asked about, e.g. W2[1,1] or W2[1,1],b2[1] (default: the last layer's first weight).", valueName: "list"))
    var parameter: String?

    @Option(parsing: .unconditional, help: "Updates to compute (default: 1 when z, a, delta or loss is asked, else the lesson's, at most 3; at most 100).") var steps: Int?

    @Option(help: ArgumentHelp(
        "Print these on the worksheet instead of leaving them to hand computation: g (g of the asked parameters at every update; g is then not asked) or weights (every parameter's weight at the start of each update from t = 2 on).",
        valueName: "g|weights"))
    var given: String?

    @Option(help: ArgumentHelp("The optimizer, when the lesson names none (or another one).", valueName: "name"))
    var optimizer: Optimizer?

    @Option(help: ArgumentHelp("Whose formulas: lecture (default), pytorch, keras or optax.", valueName: "lecture|pytorch|keras|optax"))
    var convention: Convention?

    @Option(help: ArgumentHelp("The folder to write, one subfolder per student.", valueName: "dir"))
    var output: String?

    @Option(help: ArgumentHelp("Paper that the HTML worksheet is laid out for: a4 (default) or letter.", valueName: "a4|letter"))
    var paper: Paper = .a4

    @Option(help: ArgumentHelp("full (default); summary: the worksheet without the drawing of the network (its numbers are in the layer table).", valueName: "summary|full"))
    var detail: Detail = .full

    func run() throws {
        var request = HomeworkCommand.Request(lesson: lesson)
        request.count = count
        request.roster = roster
        request.seed = seed
        request.ask = ask
        request.parameters = parameter
        request.steps = steps
        request.given = given
        request.optimizer = optimizer
        request.convention = convention
        request.outputPath = output
        request.paper = paper
        request.detail = detail
        TraceCLI.run { _ in TraceCLI.printError(try HomeworkCommand.execute(request), prefixed: false) }
    }
}
