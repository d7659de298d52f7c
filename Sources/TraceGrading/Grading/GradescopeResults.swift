import TraceEngine
import TraceRender

/// Gradescope's `results.json` for a graded submission: one test per asked value, named by
/// step, parameter and quantity, worth one point; the total score; and feedback.
///
/// With ``visibility`` other than `visible`, no test's feedback shows an expected value;
/// one more test, "Worked solutions" (0 points), holds them all and carries that
/// visibility (for instance `after_due_date`). Keys are written in a fixed order.
public struct GradescopeResults {
    /// Gradescope's visibility settings.
    public enum Visibility: String, CaseIterable, Sendable {
        case visible, hidden
        case afterDueDate = "after_due_date"
        case afterPublished = "after_published"
    }

    public var report: GradeReport
    /// When students may see expected values.
    public var visibility: Visibility = .visible

    public init(report: GradeReport, visibility: Visibility = .visible) {
        self.report = report
        self.visibility = visibility
    }

    public var json: String {
        let feedback = FeedbackText(revealing: visibility == .visible)
        var tests = report.values.enumerated().map { n, value in
            JSONText.object([
                ("name", JSONText.string(Self.name(value.asked))),
                ("number", JSONText.string(Self.number(n, value, in: report.values))),
                ("score", value.verdict.isRight ? "1" : "0"),
                ("max_score", "1"),
                ("status", JSONText.string(value.verdict.isRight ? "passed" : "failed")),
                ("output", JSONText.string(report.fileProblem.map { "Your answers file could not be used: \($0)" } ?? feedback.text(for: value))),
                ("visibility", JSONText.string("visible")),
            ])
        }
        if visibility != .visible {
            let revealed = FeedbackText(revealing: true)
            let lines = report.values.map { "\(Self.name($0.asked)): \(revealed.text(for: $0))" }
            tests.append(JSONText.object([
                ("name", JSONText.string("Worked solutions")),
                ("score", "0"), ("max_score", "0"),
                ("output", JSONText.string(lines.joined(separator: "\n"))),
                ("visibility", JSONText.string(visibility.rawValue)),
            ]))
        }
        let fields: [(String, String)] = [
            ("score", String(report.score)),
            ("output", JSONText.string(summary)),
            ("output_format", JSONText.string("text")),
            ("stdout_visibility", JSONText.string("hidden")),
            ("tests", "[\n" + tests.joined(separator: ",\n") + "\n]"),
        ]
        return "{\n" + fields.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }

    /// What the whole submission comes to, and how it was graded.
    public var summary: String {
        var lines: [String] = []
        if let problem = report.fileProblem {
            lines.append("Your answers file could not be used, so every value scores 0: \(problem)")
        }
        let carried = report.values.filter { $0.verdict == .rightCarriedForward }.count
        lines.append(
            "\(report.score) of \(report.maximumScore) values right"
                + (carried > 0 ? " (\(carried) of them from your own earlier values)" : "") + ".")
        lines.append(
            report.carryForward
                ? "Error carried forward: each value is checked against its formula applied to your own earlier answers, so one slip costs one mark."
                : "Each value is checked against the key.")
        lines += report.notes
        return lines.joined(separator: "\n")
    }

    /// `t = 2 · W2[1,1] · m̂ (m_hat)`.
    static func name(_ asked: AskedValue) -> String {
        if let place = asked.place {
            let name = place.unicode == place.name ? place.name : "\(place.unicode) (\(place.name))"
            return "t = \(asked.t) · sample \(place.sample) · \(name)"
        }
        let symbol = asked.quantity.label
        let name = symbol == asked.quantity.rawValue ? symbol : "\(symbol) (\(asked.quantity.rawValue))"
        return "t = \(asked.t) · \(asked.parameter) · \(name)"
    }

    /// `2.3`: the step, then the value's place within the step.
    static func number(_ n: Int, _ value: GradedValue, in values: [GradedValue]) -> String {
        let place = values[..<n].filter { $0.asked.t == value.asked.t }.count + 1
        return "\(value.asked.t).\(place)"
    }
}
