import Foundation
import TraceEngine

extension HomeworkVariant {
    /// The key `trace grade` would read from this variant's `key.json`: the file written and
    /// read back, so that a quiz grades exactly as the homework's grader does, whatever the
    /// key holds.
    public func answerKey() throws -> AnswerKey {
        try AnswerKeyReader.read(Data(try keyJSON().utf8), file: "key.json")
    }
}

extension HomeworkPlan {
    /// The lesson's own experiment, undrawn, as `student`'s variant: the numbers `trace OPT`
    /// shows, for a quiz without `--seed`.
    public func lessonVariant(student: String) throws(HomeworkError) -> HomeworkVariant {
        if let problem = base.problems().first {
            throw HomeworkError(location: nil, message: problem)
        }
        var sink = RecordingSink()
        do {
            try Engine.run(base, into: &sink)
        } catch {
            throw HomeworkError(location: nil, message: "\(error)")
        }
        guard let run = sink.run, let outcome = sink.outcome else {
            throw HomeworkError(location: nil, message: "the lesson's run did not start")
        }
        if let divergence = outcome.divergence, divergence.t <= base.steps {
            throw HomeworkError(
                location: nil,
                message: "the lesson's run diverges at t = \(divergence.t), so its values cannot be asked; ask fewer --steps, or draw a variant with --seed")
        }
        return HomeworkVariant(
            student: student, run: run, steps: sink.steps, outcome: outcome, asked: asked, given: givenValues,
            tolerances: tolerances, draws: 0)
    }
}
