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
}
