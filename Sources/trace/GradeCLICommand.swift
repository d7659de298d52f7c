import ArgumentParser
import TraceGrading
import TraceRender
import TraceTool

/// `trace grade --key KEY --answers ANSWERS`, or a class: `--report DIR --key-dir KEYS --answers-dir ANSWERS`.
struct GradeCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a student's answers against their key (Gradescope's results.json), or a whole class (a report).",
        discussion: """
            ANSWERS is answers.json ({"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01}}}]}) \
            or answers.csv (rows t,parameter,quantity,value), or a submission folder holding \
            one of them. Each asked value is one test worth one point. With error carried \
            forward (the default) a value is also right when it follows from the student's \
            own earlier answers, so one slip costs one mark. A broken answers file still \
            gets results.json, with a score of 0 and what to fix, and exit status 0; only a \
            bad key or bad flags exit with 2. A wrong answer that a known mistake gives (the \
            bias correction left out, β₁ and β₂ swapped, …) is named in its feedback.

            With --report, every KEYS/<student>/key.json is graded against \
            ANSWERS/<student>/ (a folder), or ANSWERS/<student>.json, .csv, .txt (id and \
            extension in any case), and DIR gets report.md and report.html (the score \
            distribution, each asked value's success rate, the known mistakes ranked by how \
            many students made them, every file not graded and why), scores.csv, and the \
            gradebook import files canvas.csv, moodle.csv and blackboard.csv. Credit carried \
            forward is given only for an attempt: a zero or a copied weight is never built \
            on. See docs/homework-and-grading.md and docs/misconceptions.md.

            Examples:
              trace grade --key hw/001/key.json --answers answers.csv
              trace grade --key key.json --answers /autograder/submission --output /autograder/results/results.json
              trace grade --report report --key-dir hw --answers-dir submissions
            """)

    @Option(help: ArgumentHelp("The student's key.json, from 'trace homework'.", valueName: "file"))
    var key: String?

    @Option(help: ArgumentHelp("The student's answers: a .json or .csv file, or a folder holding one.", valueName: "file|dir"))
    var answers: String?

    @Option(help: ArgumentHelp("Grade a whole class into this new folder: report.md, report.html, scores.csv and gradebook files.", valueName: "dir"))
    var report: String?

    @Option(name: .customLong("key-dir"), help: ArgumentHelp("With --report: the folder 'trace homework' wrote (<student>/key.json).", valueName: "dir"))
    var keyDirectory: String?

    @Option(
        name: .customLong("answers-dir"),
        help: ArgumentHelp("With --report: the students' answers, as <student>/, <student>.json, .csv or .txt.", valueName: "dir"))
    var answersDirectory: String?

    @Option(parsing: .unconditional, help: "Relative tolerance for every value, over the key's (default: 0.001; 0.005 for g).", transform: DecimalNumber.argument)
    var rtol: Double?

    @Option(parsing: .unconditional, help: "Absolute tolerance for every value, over the key's (default: 1e-12).", transform: DecimalNumber.argument)
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

    @Option(help: ArgumentHelp("With --report: the paper report.html is laid out for, a4 (default) or letter.", valueName: "a4|letter"))
    var paper: Paper?

    @Option(help: ArgumentHelp("With --report: full (default); summary: the scores and the mistakes' table only.", valueName: "summary|full"))
    var detail: Detail?

    func validate() throws {
        if report != nil || keyDirectory != nil || answersDirectory != nil {
            guard report != nil, keyDirectory != nil, answersDirectory != nil else {
                throw ValidationError("a class report takes all three of --report DIR, --key-dir KEYS and --answers-dir ANSWERS")
            }
            guard key == nil, answers == nil, output == nil, expectedVisibility == .visible else {
                throw ValidationError("--report grades a class; --key, --answers, --output and --expected-visibility grade one student")
            }
        } else if paper != nil || detail != nil {
            throw ValidationError("--paper and --detail lay out the class report: use them with --report DIR")
        } else if key == nil || answers == nil {
            throw ValidationError("give --key KEY and --answers ANSWERS (one student), or --report DIR --key-dir KEYS --answers-dir ANSWERS (a class)")
        }
    }

    func run() throws {
        if let report, let keyDirectory, let answersDirectory {
            var request = ClassReportCommand.Request(reportPath: report, keyDirectory: keyDirectory, answersDirectory: answersDirectory)
            request.relativeTolerance = rtol
            request.absoluteTolerance = atol
            request.carryForward = !noCarryForward
            request.paper = paper ?? .a4
            request.detail = detail ?? .full
            TraceCLI.run { _ in TraceCLI.printError(try ClassReportCommand.execute(request), prefixed: false) }
            return
        }
        guard let key, let answers else { return }
        var request = GradeCommand.Request(keyPath: key, answersPath: answers)
        request.relativeTolerance = rtol
        request.absoluteTolerance = atol
        request.carryForward = !noCarryForward
        request.visibility = expectedVisibility
        request.outputPath = output
        TraceCLI.run { output in TraceCLI.printError(try GradeCommand.execute(request, standardOutput: output), prefixed: false) }
    }
}
