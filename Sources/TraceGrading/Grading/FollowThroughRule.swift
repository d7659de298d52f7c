import TraceEngine
import TraceLessons

/// When a value computed from a student's own earlier values earns follow-through credit:
/// only when those values are an attempt at the step, not a shortcut that makes it trivial.
///
/// For an asked value with the key's value `k` and tolerance `(rtol, atol)`:
///
///     negligible(x; k)  ⇔  |x| ≤ atol + rtol·|k|/1000     (x is "zero" beside the right value)
///     before            =  w at t, for w_new (the weight the update starts from)
///     unchanged         ⇔  the key's value is within tolerance of the key's before
///
/// 1. A wrong answer `x` is a *shortcut*, and nothing after it is computed from it, when
///    `negligible(x; k)` (and `k` is not), or when `x` is `w_new` within tolerance of its `w`
///    (and the key's update moves the weight): a zero, or the weight copied.
/// 2. An answer right only from the student's own values, `c`, earns no credit when
///    `negligible(c; k)`, or when `c` is `w_new` within tolerance of its `w`: the student's
///    values make the step do nothing.
///
/// Only `w_new` has a before: a state equal to its previous value can be honest (after the
/// slip m(1) = g(1), m(2) = 0.9·m(1) + 0.1·g(2) is m(1) again while g holds steady).
///
/// Both rules only judge answers that are wrong by the key, so right, rounded or truncated
/// answers, and one early slip carried through, are graded as before. Without them, a sheet
/// of zeros with the starting weight copied into every `w_new` scored 15 of 18 on Adam:
/// m = 0 makes m̂ = 0 "right from your own values", and then `w_new = w`.
struct FollowThroughRule {
    let tolerance: GradingSettings.Tolerance

    /// Why an answer (or the value carried forward from the student's values) is not an
    /// attempt at its step, as the end of a sentence; `nil` when it is one.
    ///
    /// - Parameters:
    ///   - value: the answer (rule 1) or the carried-forward value (rule 2).
    ///   - key: the key's value.
    ///   - before: for `w_new`, its `w` as the student's values have it.
    ///   - keyBefore: the same in the key's run.
    func shortcut(_ value: Double, key: Double, before: Double?, keyBefore: Double?) -> String? {
        if !negligible(key, beside: key), negligible(value, beside: key) {
            return "is 0, or all but 0, where the right value is not"
        }
        if let before, let keyBefore, !tolerance.accepts(key, expected: keyBefore), tolerance.accepts(value, expected: before) {
            return "is the weight before the update, unchanged, which the update does change"
        }
        return nil
    }

    /// Whether `quantity` has a value before its step that a step could just copy: `w_new`, from `w`.
    func hasBefore(_ quantity: Symbol) -> Bool { quantity == .wNew }

    /// The value before the step of `quantity` at `step`, for parameter `index`: `w` for
    /// `w_new`; `nil` for other quantities.
    func before(_ quantity: Symbol, in step: StepRecord?, parameter index: Int) -> Double? {
        guard let step, hasBefore(quantity) else { return nil }
        return step.values[.w]?[index]
    }

    /// `|x| ≤ atol + rtol·|k|/1000`: a thousandth of the tolerance, not the tolerance itself,
    /// since real mistakes scale a value by as little as 1 − β₂ = 0.001 (v̂ without its bias
    /// correction is exactly the tolerance of the right v̂ at t = 1).
    private func negligible(_ x: Double, beside key: Double) -> Bool {
        abs(x) <= tolerance.atol + tolerance.rtol * abs(key) / 1000
    }
}
