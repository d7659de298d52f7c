/// A quiz over one answer key: the key's asked values one at a time, in the key's order
/// (update by update, and within an update in the lecture's order: g, the optimizer's state,
/// w_new), each graded as soon as it is answered.
///
/// Checking is the grader's own: every answer so far goes on an ``AnswerSheet`` and
/// ``Grader`` grades the sheet, so an answer gets exactly the verdict `trace grade` would
/// give it on a file of the same answers (tolerance, error carried forward,
/// ``FollowThroughRule``, the catalogued mistakes). Later answers never change an earlier
/// verdict: a value is computed only from values before it.
///
/// A revealed value (`?`) goes on the sheet as the value the right formula gives from the
/// student's own earlier answers (the key's, when those are right), so that what follows is
/// computed from what the student was shown; it is counted as revealed, not as right.
public struct QuizSession: Sendable {
    public let key: AnswerKey
    public var grader: Grader
    /// What the student has given so far: their numbers, and the values they were shown.
    private var entries: [AnswerEntry] = []
    /// One result per asked value answered or revealed, in order.
    public private(set) var results: [QuizResult] = []

    public init(key: AnswerKey) {
        self.key = key
        self.grader = Grader(key: key)
    }

    /// The value asked now, or `nil` when every one has been asked.
    public var current: AskedValue? {
        results.count < key.asked.count ? key.asked[results.count] : nil
    }

    /// Whether every asked value has been answered or revealed.
    public var isFinished: Bool { current == nil }

    /// The value asked now as the grader sees it before any answer: its formula, and the
    /// value it has from the student's own earlier answers (``GradedValue/expected``).
    public func pending() -> GradedValue? {
        guard current != nil else { return nil }
        return grader.grade(AnswerSheet(entries: entries)).values[results.count]
    }

    /// Grades `number` as the answer to the current value and moves on.
    public mutating func answer(_ number: Double) -> GradedValue? {
        guard let asked = current else { return nil }
        let trial = entries + [entry(asked, number)]
        let graded = grader.grade(AnswerSheet(entries: trial)).values[results.count]
        entries = trial
        results.append(QuizResult(kind: .answered, graded: graded))
        return graded
    }

    /// Shows the current value (from the student's own earlier answers) and moves on.
    public mutating func reveal() -> GradedValue? {
        guard let graded = pending() else { return nil }
        entries.append(entry(graded.asked, graded.expected))
        results.append(QuizResult(kind: .revealed, graded: graded))
        return graded
    }

    /// How the quiz went so far.
    public var summary: QuizSummary {
        QuizSummary(results: results, askedCount: key.asked.count)
    }

    private func entry(_ asked: AskedValue, _ number: Double) -> AnswerEntry {
        AnswerEntry(
            t: asked.t, parameter: asked.parameter, quantity: asked.quantityName, value: .number(number),
            location: "answer \(results.count + 1)")
    }
}
