import Foundation
import TraceEngine
import TraceLessons
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
        if asked.place != nil { return asked.description }
        return "\(asked.quantity.label) at t = \(asked.t)"
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
            return wrongText(for: value, label: label, answer: answer, how: how) + Self.precision(value) + Self.diagnosis(value)
        case .missing:
            return revealing ? "No answer for \(label): \(how)." : "No answer for \(label), which is \(how)."
        case let .unusable(reason):
            let place = value.location.map { " (\($0))" } ?? ""
            return revealing
                ? "Your \(label)\(place) \(reason). The value: \(how)."
                : "Your \(label)\(place) \(reason). It is \(how)."
        }
    }

    /// A wrong answer: the one expected value it is measured against (the lesson's, when the
    /// answer is nearer to it than to the value from the student's own earlier values), and
    /// why a match with the student's own values earned nothing, when it did not.
    private func wrongText(for value: GradedValue, label: String, answer: String, how: String) -> String {
        var text: String
        if let trivial = value.trivialStep {
            text = revealing
                ? "Not right: from your own earlier values, \(how), which yours matches; but those values \(trivial)."
                : "Not right: yours follows from your own earlier values, but those values \(trivial)."
        } else if !revealing {
            text = "Not right: \(label) is \(how); yours, \(answer), is not within the tolerance. Check it against your own earlier values."
        } else if let answerValue = value.answer, let carried = value.carriedForward,
            !value.tolerance.accepts(carried, expected: value.keyValue),
            abs(answerValue - value.keyValue) < abs(answerValue - carried)
        {
            // Nearer the lesson's value than their own chain's: measure it against that one only.
            text = "Not right: \(label) is \(Self.number(value.keyValue)) from the lesson's values; yours, \(answer), \(Self.distance(answerValue, from: value.keyValue))."
        } else {
            text = "Not right: \(how); yours, \(answer), \(Self.distance(value.answer ?? .nan, from: value.expected))."
        }
        if let shortcut = value.shortcut {
            text += " Yours \(shortcut), so later values are not computed from it."
        }
        return text
    }

    /// For a wrong answer that agrees with its expected value to fewer significant digits than
    /// the worksheet asks (`|a − e|` at most one unit of the d-th digit of `e`, as rounding or
    /// cutting off gives): `Right to 3 significant digits; 4 are asked`. Not for a shortcut:
    /// a copied weight agrees with the right one only by being near it; nor where a known
    /// mistake gives the answer, which then explains it (ε moved changes the 3rd digit).
    static func precision(_ value: GradedValue) -> String {
        guard let answer = value.answer, value.shortcut == nil, value.mistakes.isEmpty else { return "" }
        let digits = [value.keyValue, value.carriedForward].compactMap { $0 }.map { agreeingDigits(answer, $0) }.max() ?? 0
        guard digits >= 2, digits < GradingSettings.askedSignificantDigits else { return "" }
        return " Yours is right to \(digits) significant digits; \(GradingSettings.askedSignificantDigits) are asked: keep more digits in every step."
    }

    /// The most significant digits (up to 17) in which `answer` agrees with `expected`: the
    /// largest d with `|a − e| ≤ 10^(⌊log₁₀|e|⌋ − d + 1)`; 0 for none, or for a non-finite or
    /// zero expected value.
    static func agreeingDigits(_ answer: Double, _ expected: Double) -> Int {
        guard answer.isFinite, expected.isFinite, expected != 0 else { return 0 }
        let difference = abs(answer - expected)
        guard difference.isFinite else { return 0 }
        let exponent = Int(Foundation.log10(abs(expected)).rounded(.down))  // within ±324
        return (1...17).last { d in difference <= pow10(exponent - d + 1) } ?? 0
    }

    /// 10ⁿ.
    private static func pow10(_ n: Int) -> Double { Foundation.pow(10, Double(n)) }

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
    /// `is 0.35 % off`, `is 900 % off`; `is about 2e+16 times as large` beyond 10,000 %;
    /// `is off by 1.2e-05` (|a|) when the expected value is 0; `has the wrong sign` when the
    /// signs differ. Any finite or infinite answer gives text (never a trap).
    static func distance(_ answer: Double, from expected: Double) -> String {
        guard answer.isFinite, expected.isFinite else { return "is far off" }
        if expected == 0 { return "is off by \(number(abs(answer)))" }
        if answer != 0, (answer < 0) != (expected < 0) { return "has the wrong sign" }
        let percent = abs(answer - expected) / abs(expected) * 100
        guard percent < 10_000 else {
            let ratio = abs(answer) / abs(expected)
            return ratio.isFinite ? "is about \(NumberFormat.significant(ratio, digits: 2)) times as large" : "is far off"
        }
        // Two significant digits below 10 %, whole percents above (never an exponent).
        let text = percent >= 10 ? String(Int(percent.rounded())) : NumberFormat.significant(percent, digits: 2)
        return "is \(text) % off"
    }
}
