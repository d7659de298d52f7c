/// The factor on a run's η that gives a framework's learning rate.
///
/// ```
/// one           lr = η
/// oneMinus(β)   lr = η·(1 − β)     (the lecture's momentum: no framework has its (1 − β))
/// ```
/// A recipe writes it out as a Python expression (`0.05 * (1 - 0.7)`), which Python
/// evaluates, like Swift, as `1 - β` and then `η *` that: the same double as the run's.
public enum RateFactor: Sendable, Equatable {
    case one
    /// `1 − x`, for the hyperparameter `x` (none when the run does not have it).
    case oneMinus(Symbol)
}
