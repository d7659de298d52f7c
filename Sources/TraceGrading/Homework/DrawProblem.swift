/// Why a drawn variant was not given to a student: the kind of problem, for counting, and
/// the sentence that says where (`δ1[2] of sample 1 at t = 1 is zero`).
public struct DrawProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable, CaseIterable {
        /// The drawn numbers make no valid experiment, or it does not run.
        case invalid
        /// The run stops being finite.
        case diverges
        /// A sigmoid or tanh unit saturates.
        case saturates
        /// An asked value is zero (or missing): nothing to compute.
        case zero
        /// An asked `w_new` moves less than its tolerance.
        case unmoved
        /// An asked value's terms cancel beyond four-digit hand arithmetic.
        case cancels
        /// Two catalogued mistakes give one wrong answer (``MistakeSeparation``).
        case mistakesCoincide
        /// A catalogued mistake gives the right answer where the lesson's own numbers show it.
        case mistakeHidden
    }

    public var reason: Reason
    public var text: String
    /// The catalogued mistakes the problem is about (``Reason/mistakesCoincide`` and
    /// ``Reason/mistakeHidden``), by id.
    public var mistakes: [String] = []

    public var description: String { text }

    /// The draws' problems counted by reason, most frequent first, each with its last example:
    /// `812 with an asked value whose terms cancel (the last: the terms of δ1[2] of sample 1
    /// at t = 2 cancel), 188 saturating (the last: a sigmoid of layer 1 saturates)`.
    public static func tally(_ problems: [DrawProblem]) -> String {
        let counted = Reason.allCases.compactMap { reason -> (count: Int, reason: Reason, last: String)? in
            let matching = problems.filter { $0.reason == reason }
            guard let last = matching.last else { return nil }
            return (matching.count, reason, last.text)
        }
        // Ties keep the reasons' declared order: the same problems give the same sentence.
        let ordered = counted.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
        return ordered.map { "\($0.count) \($0.reason.counted) (the last: \($0.last))" }.joined(separator: ", ")
    }
}

extension DrawProblem.Reason {
    /// How a count of draws with this problem reads: `812 with an asked value whose terms cancel`.
    var counted: String {
        switch self {
        case .invalid: return "invalid"
        case .diverges: return "diverging"
        case .saturates: return "saturating"
        case .zero: return "with an asked value of zero"
        case .unmoved: return "with an asked weight that barely moves"
        case .cancels: return "with an asked value whose terms cancel"
        case .mistakesCoincide: return "where two mistakes give one answer"
        case .mistakeHidden: return "where a mistake gives the right answer"
        }
    }
}
