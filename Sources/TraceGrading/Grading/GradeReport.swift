/// A submission, graded: one ``GradedValue`` per asked value, in the key's order, and what
/// could not be read.
public struct GradeReport: Sendable {
    public var values: [GradedValue]
    /// The whole answers file was unusable (every value then scores 0): why, and what to do.
    public var fileProblem: String?
    /// Parts of the file that were skipped or ignored, one sentence each.
    public var notes: [String]
    /// Whether later values were graded on the student's own earlier answers.
    public var carryForward: Bool

    /// One point per right value.
    public var score: Int { values.filter(\.verdict.isRight).count }
    public var maximumScore: Int { values.count }
}
