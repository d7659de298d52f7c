import ReferenceFixtures
import Testing
import TraceEngine

@testable import TraceGrading

extension MisconceptionCase {
    /// The asked values in the reference's order: a parameter's quantity, or a value of a
    /// sample's passes (`z2[1] of sample 1`).
    func askedValues() throws -> [AskedValue] {
        try expected.map { value in
            if let sample = value.sample {
                return AskedValue(t: value.t, place: try #require(SamplePlace.parse("\(value.parameter) of sample \(sample)", quantity: value.quantity)))
            }
            return AskedValue(t: value.t, parameter: value.parameter, quantity: try #require(Symbol(rawValue: value.quantity)))
        }
    }

    /// The key: the case's experiment, its asked values in order, the reference's values.
    func answerKey() throws -> AnswerKey {
        AnswerKey(experiment: try self.case.experiment(), asked: try askedValues(), values: expected.map(\.key))
    }

    /// The student's answers as `answers.json` entries, named as a student writes them.
    var answerSheet: AnswerSheet {
        AnswerSheet(entries: answers.enumerated().map { n, answer in
            AnswerEntry(
                t: answer.t, parameter: answer.sample.map { "\(answer.parameter) of sample \($0)" } ?? answer.parameter,
                quantity: answer.quantity, value: .number(answer.value), location: "answers.json:\(n + 1)")
        })
    }
}
