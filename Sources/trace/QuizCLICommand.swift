import ArgumentParser
import Foundation
import TraceEngine
import TraceGrading
import TraceTool

/// `trace quiz OPT [--lesson NAME|FILE] [--steps N] [--seed S] [--ask Q,…]`.
struct QuizCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quiz",
        abstract: "Practise at the terminal: compute each value of an update by hand, type it, and hear at once whether it is right.",
        discussion: """
            Goes through each update equation by equation in the lecture's order (g, the \
            optimizer's state, w_new), showing each formula and waiting for your number. Each \
            answer is checked as 'trace grade' checks a homework: within its tolerance, with \
            error carried forward (a value computed right from one of your own earlier \
            answers counts), and a wrong one is named when it matches a known mistake; then \
            the worked line is shown. Type ? to see a value, q (or Ctrl-D, or Ctrl-C) to stop; \
            the quiz ends with a summary and exit status 0. Answers can be piped, one a line.

            Without --seed the numbers are the lesson's own, as 'trace OPT' shows them; \
            --seed S draws the variant 'trace homework --seed S' gives its first student \
            (folder 001), with the lesson's 'variants:' ranges.

            Examples:
              trace quiz adam
              trace quiz momentum --lesson classic-backprop --steps 2
              trace quiz adam --ask m,v,m_hat,v_hat --seed 7
              printf '0.01\\n?\\nq\\n' | trace quiz sgd
            """)

    @Argument(help: ArgumentHelp("The optimizer: \(Optimizer.choices).", valueName: "optimizer"))
    var optimizer: Optimizer

    @Option(help: ArgumentHelp("A bundled lesson's name (see 'trace lessons') or a lesson YAML file.", valueName: "name|file"))
    var lesson: String?

    @Option(parsing: .unconditional, help: "Updates to go through (default: 1 when z, a, delta or loss is asked, else the lesson's, at most 3; at most 100).") var steps: Int?

    @Option(parsing: .unconditional, help: "Draw a variant as 'trace homework --seed S' does (0 to 2⁶⁴−1); without it, the lesson's own numbers.")
    var seed: UInt64?

    @Option(help: ArgumentHelp("The quantities asked, e.g. m,v,m_hat,v_hat,w_new (default: g, the optimizer's state and w_new).", valueName: "list"))
    var ask: String?

    @Option(help: ArgumentHelp("The parameters asked about, e.g. W2[1,1] (default: the last layer's first weight).", valueName: "list"))
    var parameter: String?

    @Option(help: ArgumentHelp(
        "Shown instead of asked: g (g of the asked parameters at every update) or weights (every weight at the start of each update from t = 2 on).",
        valueName: "g|weights"))
    var given: String?

    @Option(help: ArgumentHelp("Whose formulas: lecture (default), pytorch, keras or optax.", valueName: "lecture|pytorch|keras|optax"))
    var convention: Convention?

    @OptionGroup var terminal: TerminalOptions

    func validate() throws {
        try terminal.validate()
    }

    func run() throws {
        var request = QuizCommand.Request(optimizer: optimizer)
        request.lesson = lesson
        request.steps = steps
        request.seed = seed
        request.ask = ask
        request.parameters = parameter
        request.given = given
        request.convention = convention
        request.width = terminal.width
        request.color = terminal.color
        let inputIsTerminal = Terminal.isTerminal(0)
        TraceCLI.run { output in
            var lines = StandardInputLines()
            _ = try QuizCommand.execute(
                request, lines: &lines, standardOutput: output,
                terminal: TraceCLI.standardOutputTerminal,
                echoesInput: !inputIsTerminal)
        }
    }
}
