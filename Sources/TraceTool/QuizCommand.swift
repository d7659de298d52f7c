import TraceEngine
import TraceGrading
import TraceLessons
import TraceRender

/// `trace quiz OPT`: the values a homework would ask, one at a time at the terminal, each
/// checked by the grader as soon as it is typed (``QuizSession``, ``QuizConversation``).
package enum QuizCommand {
    package struct Request: Sendable {
        package var optimizer: Optimizer
        package var lesson: String?
        package var steps: Int?
        /// `--seed S`: the variant `trace homework --seed S` gives its first student (folder
        /// 001); without it, the lesson's own numbers.
        package var seed: UInt64?
        package var ask: String?
        package var parameters: String?
        package var given: String?
        package var convention: Convention?
        package var width: Int?
        package var color: ColorChoice = .auto

        package init(optimizer: Optimizer) {
            self.optimizer = optimizer
        }
    }

    /// The homework student whose variant `--seed` draws: the first folder of `--count N`.
    package static let seededStudent = "001"

    /// The quiz's session over the key a homework with the same flags would have.
    package static func session(_ request: Request) throws(ToolError) -> (session: QuizSession, introduction: String) {
        var homework = HomeworkCommand.Request(lesson: request.lesson ?? BundledLessons.defaultName)
        homework.optimizer = request.optimizer
        homework.convention = request.convention
        homework.steps = request.steps
        homework.seed = request.seed
        homework.ask = request.ask
        homework.parameters = request.parameters
        homework.given = request.given
        let plan = try HomeworkCommand.plan(homework, seed: request.seed ?? 0)
        let variant: HomeworkVariant
        do throws(HomeworkError) {
            variant = try request.seed == nil ? plan.lessonVariant(student: "quiz") : plan.variant(for: seededStudent)
        } catch {
            throw error.toolError(passesAsked: !plan.sampleQuantities.isEmpty)
        }
        do {
            let key = try variant.answerKey()
            return (QuizSession(key: key), try LessonIntroductionText.text(variant.run))
        } catch {
            throw .failure("\(error)")
        }
    }

    /// Runs the quiz on `lines`, writing to `standardOutput`; the exit status is 0 however it ends.
    package static func execute(
        _ request: Request, lines: inout some QuizLineSource, standardOutput: TraceOutput, terminal: TerminalContext = .none,
        echoesInput: Bool = true
    ) throws(ToolError) -> QuizConversation.Ending {
        let text = try terminal.textSettings(width: request.width, color: request.color, toFile: false)
        var (session, introduction) = try session(request)
        let conversation = QuizConversation(layout: text.layout, style: text.style, echoesInput: echoesInput)
        do {
            try standardOutput.write(text.layout.fit(introduction))
            try standardOutput.write(conversation.opening(session))
            return try conversation.run(&session, lines: &lines, output: standardOutput)
        } catch {
            throw .failure("\(error)")
        }
    }
}
