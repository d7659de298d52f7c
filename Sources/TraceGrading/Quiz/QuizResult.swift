/// What became of one asked value in a quiz.
public struct QuizResult: Sendable {
    public enum Kind: Sendable, Equatable {
        /// The student typed a number; the grader's verdict is in ``QuizResult/graded``.
        case answered
        /// The student asked for the value (`?`).
        case revealed
    }

    public var kind: Kind
    /// The value as the grader saw it: with the student's answer, or (revealed) without one.
    public var graded: GradedValue

    /// Right, against the key or from the student's own earlier values.
    public var isRight: Bool { kind == .answered && graded.verdict.isRight }
    public var isCarriedForward: Bool { kind == .answered && graded.verdict == .rightCarriedForward }
    public var isWrong: Bool { kind == .answered && !graded.verdict.isRight }
}
