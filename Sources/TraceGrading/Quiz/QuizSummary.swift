/// How a quiz went: how many values were right (and how many of those from the student's own
/// earlier values), not right, revealed and not reached, and the catalogued mistakes seen.
public struct QuizSummary: Sendable {
    public var results: [QuizResult]
    /// How many values the quiz asks in all.
    public var askedCount: Int

    public var rightCount: Int { results.filter(\.isRight).count }
    public var carriedForwardCount: Int { results.filter(\.isCarriedForward).count }
    public var wrongCount: Int { results.filter(\.isWrong).count }
    public var revealedCount: Int { results.filter { $0.kind == .revealed }.count }
    public var notReachedCount: Int { askedCount - results.count }

    /// Every value asked, each answered right.
    public var isPerfect: Bool { askedCount > 0 && rightCount == askedCount }

    /// Each catalogued mistake a wrong answer matched, in the order first seen, with the
    /// values it gave (`m̂ at t = 1`).
    public var mistakesSeen: [(name: String, values: [String])] {
        var seen: [(name: String, values: [String])] = []
        for result in results where result.isWrong {
            for mistake in result.graded.mistakes {
                let label = FeedbackText.label(result.graded.asked)
                if let n = seen.firstIndex(where: { $0.name == mistake.misconception.name }) {
                    if !seen[n].values.contains(label) { seen[n].values.append(label) }
                } else {
                    seen.append((mistake.misconception.name, [label]))
                }
            }
        }
        return seen
    }

    /// The summary's lines:
    /// ```
    /// Summary: 18 of 18 values right (2 from your own earlier values, carried forward). A perfect run.
    /// Summary: 5 of 18 values right; 1 not right; 1 revealed; 11 not reached.
    /// Mistakes seen: bias correction left out (m̂ at t = 1).
    /// ```
    public var lines: [String] {
        var parts = ["\(rightCount) of \(AnswerMatcher.counted(askedCount, "value")) right"]
        if carriedForwardCount > 0 {
            parts[0] += " (\(carriedForwardCount) from your own earlier values, carried forward)"
        }
        if wrongCount > 0 { parts.append("\(wrongCount) not right") }
        if revealedCount > 0 { parts.append("\(revealedCount) revealed") }
        if notReachedCount > 0 { parts.append("\(notReachedCount) not reached") }
        var lines = ["Summary: " + parts.joined(separator: "; ") + (isPerfect ? ". A perfect run." : ".")]
        let mistakes = mistakesSeen
        if mistakes.isEmpty {
            if wrongCount > 0 { lines.append("Mistakes seen: none the catalogue knows.") }
        } else {
            lines.append("Mistakes seen: " + mistakes.map { "\($0.name) (\($0.values.joined(separator: ", ")))" }.joined(separator: "; ") + ".")
        }
        return lines
    }
}
