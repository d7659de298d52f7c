import TraceEngine
import TraceLessons

/// One asked value, graded.
public struct GradedValue: Sendable {
    public enum Verdict: Sendable, Equatable {
        /// Right against the key: the value from the lesson's own numbers.
        case rightByKey
        /// Right against the formula applied to the student's own earlier answers (error
        /// carried forward), though not against the key.
        case rightCarriedForward
        /// A number, but not close enough to either.
        case wrong
        /// No answer: missing or blank.
        case missing
        /// Written, but not a usable number; the reason, as the end of a sentence.
        case unusable(String)

        public var isRight: Bool { self == .rightByKey || self == .rightCarriedForward }
    }

    public var asked: AskedValue
    public var verdict: Verdict
    /// The student's number, if they gave one.
    public var answer: Double?
    /// Where the answer was written (`answers.csv:5`), if anywhere.
    public var location: String?
    /// The key's value.
    public var keyValue: Double
    /// How close the answer had to be.
    public var tolerance: GradingSettings.Tolerance
    /// The formula applied to the student's own earlier values; `nil` without carry-forward
    /// (or when their values make it not finite).
    public var carriedForward: Double?
    /// The value the answer is measured against: the carried-forward one when there is one.
    public var expected: Double { carriedForward ?? keyValue }
    /// How the expected value comes about, with its numbers: `m/(1 − β₁ᵗ) = 0.00066/(1 − 0.9²) = 0.00348`.
    public var working: String
    /// The same without numbers: `m/(1 − β₁ᵗ) with t = 2`.
    public var formula: String
    /// For a wrong answer, the known mistakes that give it (several when more than one
    /// does: feedback then says "one of").
    public var mistakes: [Mistake] = []
    /// Why the answer is a shortcut, not an attempt (a zero, a copied value), so that later
    /// values are not computed from it (``FollowThroughRule``, rule 1); as the end of a
    /// sentence whose subject is the answer.
    public var shortcut: String?
    /// Why the value carried forward from the student's own values earns no credit although
    /// the answer matches it: the student's values make the step trivial (rule 2), as the
    /// rest of a sentence whose subject is "those values" ("make the step do nothing: …").
    public var trivialStep: String?

    /// A known mistake that gives the student's answer.
    public struct Mistake: Sendable {
        public var misconception: Misconception
        /// What the mistaken formula gives from the student's own earlier values.
        public var value: Double
        /// That formula with its numbers: `m̂(2) = m = 0.0015`.
        public var working: String
        /// Whether the mistake is in this value's own formula (`m̂ = m`), rather than in an
        /// earlier value it was computed from (a g at weights the mistake updated).
        public var inThisFormula: Bool
    }
}
