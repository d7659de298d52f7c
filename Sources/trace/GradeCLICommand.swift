import ArgumentParser
import TraceGrading
import TraceTool

/// `trace grade --key KEY --answers ANSWERS`.
struct GradeCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a student's answers against their key and write Gradescope's results.json.",
        discussion: """
            ANSWERS is answers.json ({"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01}}}]}) \
            or answers.csv (rows t,parameter,quantity,value), or a submission folder holding \
            one of them. Each asked value is one test worth one point. With error carried \
            forward (the default) a value is also right when it follows from the student's \
            own earlier answers, so one slip costs one mark. A broken answers file still \
            gets results.json, with a score of 0 and what to fix, and exit status 0; only a \
            bad key or bad flags exit with 2. See docs/homework-and-grading.md.

            Examples:
              trace grade --key hw/001/key.json --answers answers.csv
              trace grade --key key.json --answers /autograder/submission --output /autograder/results/results.json
            """)

    @Option(help: ArgumentHelp("The student's key.json, from 'trace homework'.", valueName: "file"))
    var key: String

    @Option(help: ArgumentHelp("The student's answers: a .json or .csv file, or a folder holding one.", valueName: "file|dir"))
    var answers: String

    @Option(parsing: .unconditional, help: "Relative tolerance for every value, over the key's (default: 0.001; 0.005 for g).")
    var rtol: Double?

    @Option(parsing: .unconditional, help: "Absolute tolerance for every value, over the key's (default: 1e-12).")
    var atol: Double?

    @Flag(name: .customLong("no-carry-forward"), help: "Grade every value against the key alone.")
    var noCarryForward = false

    @Option(
        name: .customLong("expected-visibility"),
        help: ArgumentHelp(
            "When students see expected values: visible (default), after_due_date, after_published or hidden (Gradescope's settings). Otherwise feedback names formulas only and a 0-point 'Worked solutions' test holds the values.",
            valueName: "when"))
    var expectedVisibility: GradescopeResults.Visibility = .visible

    @Option(help: ArgumentHelp("Write results.json here, whole or not at all, instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        var request = GradeCommand.Request(keyPath: key, answersPath: answers)
        request.relativeTolerance = rtol
        request.absoluteTolerance = atol
        request.carryForward = !noCarryForward
        request.visibility = expectedVisibility
        request.outputPath = output
        TraceCLI.run { output in TraceCLI.printError(try GradeCommand.execute(request, standardOutput: output), prefixed: false) }
    }
}
