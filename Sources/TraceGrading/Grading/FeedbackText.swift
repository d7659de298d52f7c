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
            }
            var text = "Not right: \(how); yours, \(answer), \(Self.distance(value.answer ?? .nan, from: value.expected))."
            if let carried = value.carriedForward, !value.tolerance.accepts(carried, expected: value.keyValue) {
                text += " (That is from your own earlier values; from the lesson's it would be \(Self.number(value.keyValue)).)"
            }
            return text
        case .missing:
            return revealing ? "No answer for \(label): \(how)." : "No answer for \(label), which is \(how)."
        case let .unusable(reason):
            let place = value.location.map { " (\($0))" } ?? ""
            return revealing
                ? "Your \(label)\(place) \(reason). The value: \(how)."
                : "Your \(label)\(place) \(reason). It is \(how)."
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
