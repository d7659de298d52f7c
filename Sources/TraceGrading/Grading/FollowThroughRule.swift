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
/// 3. An activation `a` right only from the student's own `z` earns no credit when it is one
///    of the activation's limits (σ and softmax: 0 or 1; tanh: ±1; ReLU: 0) and the key's
///    value is not (within tolerance): every z far enough out gives it, so it shows no
///    working. Without this rule, z = 1000 everywhere earned every σ(z) = 1 "from your own
///    values" on the backprop homework. The answer is still built on (a slip to a large z
///    is an attempt); only the credit for `a` is withheld.
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

    /// Rule 2 as feedback says it: why the carried-forward value earns nothing, as the rest of
    /// a sentence whose subject is "those values"; `nil` when it earns credit.
    func trivialStep(_ carried: Double, key: Double, before: Double?, keyBefore: Double?) -> String? {
        shortcut(carried, key: key, before: before, keyBefore: keyBefore).map {
            "make the step do nothing: the value \($0). A step that only carries a zero or a copied value through earns no follow-through credit"
        }
    }

    /// Rule 3: why an activation value `carried` from the student's own z earns nothing, as
    /// the rest of a sentence whose subject is "those values"; `nil` when it earns credit.
    func saturation(_ carried: Double, key: Double, activation: Activation) -> String? {
        guard let limit = activation.limits.first(where: { tolerance.accepts(carried, expected: $0) && !tolerance.accepts(key, expected: $0) })
        else { return nil }
        let written = limit == 0 ? "0" : limit == 1 ? "1" : "−1"
        return "saturate the activation: the value is \(written), which \(FeedbackFormulas.function(activation)) gives for every z "
            + "that far out, and the right value is not. An activation at its limit shows no working and earns no follow-through credit"
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
