import Foundation
import TraceEngine
import TraceRender

/// The sentences a student reads about one graded value.
///
/// `revealing` decides whether expected values appear: when they are kept back until the
/// due date, feedback names the formula and the student's own number, never the answer.
struct FeedbackText {
    var revealing: Bool

    static func number(_ x: Double) -> String { NumberFormat.significant(x, digits: FeedbackFormulas.digits) }

    /// `m̂ at t = 2`.
    static func label(_ asked: AskedValue) -> String {
        "\(asked.quantity.label) at t = \(asked.t)"
    }

    func text(for value: GradedValue) -> String {
        let label = Self.label(value.asked)
        let answer = value.answer.map(Self.number) ?? ""
        let how = revealing ? value.working : value.formula
        switch value.verdict {
        case .rightByKey:
            return "Right: \(answer)."
        case .rightCarriedForward:
            return revealing
                ? "Right, from your own earlier values: \(value.working). (From the lesson's values it would be \(Self.number(value.keyValue)); an earlier slip was carried forward, not counted twice.)"
                : "Right, from your own earlier values (an earlier slip was carried forward, not counted twice)."
        case .wrong:
            guard revealing else {
                return "Not right: \(label) is \(how); yours, \(answer), is not within the tolerance. Check it against your own earlier values."
                    + Self.diagnosis(value)
            }
            var text = "Not right: \(how); yours, \(answer), \(Self.distance(value.answer ?? .nan, from: value.expected))."
            if let carried = value.carriedForward, !value.tolerance.accepts(carried, expected: value.keyValue) {
                text += " (That is from your own earlier values; from the lesson's it would be \(Self.number(value.keyValue)).)"
            }
            return text + Self.diagnosis(value)
        case .missing:
            return revealing ? "No answer for \(label): \(how)." : "No answer for \(label), which is \(how)."
        case let .unusable(reason):
            let place = value.location.map { " (\($0))" } ?? ""
            return revealing
                ? "Your \(label)\(place) \(reason). The value: \(how)."
                : "Your \(label)\(place) \(reason). It is \(how)."
        }
    }

    /// The known mistake a wrong answer matches, with the formula the student likely used
    /// (from their own values, so it reveals nothing); "one of" when several match equally.
    static func diagnosis(_ value: GradedValue) -> String {
        switch value.mistakes.count {
        case 0:
            return ""
        case 1:
            let mistake = value.mistakes[0]
            guard mistake.inThisFormula else {
                // The formula is right; the values it read were not (weights or state that
                // an earlier update, not asked for, computed with the mistake).
                return " It follows from a known mistake in an earlier update, \(mistake.misconception.name): with it, your earlier values give \(mistake.working). \(mistake.misconception.explanation)."
            }
            return " A known mistake gives your answer: \(mistake.misconception.name) (\(mistake.working)). \(mistake.misconception.explanation)."
        default:
            let names = value.mistakes.map { "\($0.misconception.name) (\($0.working))" }
            return " More than one known mistake gives your answer, so it is one of these: \(names.joined(separator: "; "))."
        }
    }

    /// How far `answer` is from `expected`, as `100·|a − e|/|e|` percent: `is 9.1 % off`,
    /// `is 0.35 % off`, `is 900 % off`; `is off by 1.2e-05` (|a|) when the expected value is
    /// 0; `has the wrong sign` when the signs differ.
    static func distance(_ answer: Double, from expected: Double) -> String {
        if expected == 0 { return "is off by \(number(abs(answer)))" }
        if answer != 0, (answer < 0) != (expected < 0) { return "has the wrong sign" }
        let percent = abs(answer - expected) / abs(expected) * 100
        // Two significant digits below 10 %, whole percents above (never an exponent).
        let text = percent >= 10 ? String(Int(percent.rounded())) : NumberFormat.significant(percent, digits: 2)
        return "is \(text) % off"
    }
}
