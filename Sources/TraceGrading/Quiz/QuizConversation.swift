import TraceEngine
import TraceLessons
import TraceRender

/// Holds a quiz's conversation with the student: for each asked value, its formula in the
/// lecture's symbols and a prompt; then, for the line typed, the grader's verdict (right,
/// right from the student's own earlier values, or not right with the catalogued mistake it
/// matches) and the worked line. `?` shows the value, `q`, the end of input or Ctrl-C stop;
/// any other line that is not a number is asked again. It always ends with the summary.
///
/// ```
/// ━━ Update t = 1 ━━
/// m = β₁·m + (1 − β₁)·g
/// m of W2[1,1] at t = 1? 0.00123
///   Right: 0.00123.
///   m(1) = β₁·m + (1 − β₁)·g = 0.9·0 + 0.1·0.0123 = 0.00123
/// ```
public struct QuizConversation {
    public var layout: TextLayout
    public var style: TextStyle
    /// Whether each line read is written after its prompt: for piped answers, which no
    /// terminal echoes, so that the transcript shows what was answered.
    public var echoesInput: Bool

    /// How the conversation ended.
    public enum Ending: Sendable, Equatable {
        case finished, quit, endOfInput, interrupted
    }

    public init(layout: TextLayout = TextLayout(), style: TextStyle = .plain, echoesInput: Bool = true) {
        self.layout = layout
        self.style = style
        self.echoesInput = echoesInput
    }

    /// The lines that open a quiz, after the lesson's introduction: what is asked and how to answer.
    public func opening(_ session: QuizSession) -> String {
        let key = session.key
        var parameters: [String] = []
        var quantities: [String] = []
        for asked in key.asked {
            // A value of the passes counts under its quantity (z, a, δ, L), not under a parameter.
            let parameter = asked.place == nil ? asked.parameter : "the forward and backward pass"
            let quantity: String
            switch asked.place?.quantity {
            case .z?: quantity = "z"
            case .a?: quantity = "a"
            case .delta?: quantity = "δ"
            case .loss?: quantity = "L"
            case nil: quantity = asked.quantity.label
            }
            if !parameters.contains(parameter) { parameters.append(parameter) }
            if !quantities.contains(quantity) { quantities.append(quantity) }
        }
        let steps = Set(key.asked.map(\.t)).sorted()
        let updates = steps.count == 1 ? "update \(steps[0])" : "updates \(steps.first ?? 1) to \(steps.last ?? 1)"
        let values = AnswerMatcher.counted(key.asked.count, "value")
        var text = "Quiz: \(Self.listed(parameters)) at \(updates): \(Self.listed(quantities)) at each, in the lecture's order (\(values)).\n"
        text += "Type each value and press Enter, to \(GradingSettings.askedSignificantDigits) significant digits or better. "
        text += "A value computed from one of your own earlier answers counts when it follows from that answer, so one slip costs one mark. "
        text += "? shows the value; q or Ctrl-D stops.\n"
        return layout.fit(text)
    }

    /// Asks every remaining value of `session`, reading from `lines` and writing to `output`,
    /// then writes the summary.
    public func run(_ session: inout QuizSession, lines: inout some QuizLineSource, output: TraceOutput) throws -> Ending {
        let ending = try ask(&session, lines: &lines, output: output)
        switch ending {
        case .finished: try output.write("\n")
        case .quit: try output.write(layout.fit("\nStopped.\n"))
        case .endOfInput: try output.write(layout.fit("\n\nEnd of input.\n"))
        case .interrupted: try output.write(layout.fit("\n\nInterrupted.\n"))
        }
        try output.write(layout.fit(session.summary.lines.joined(separator: "\n") + "\n"))
        try output.flush()
        return ending
    }

    private func ask(_ session: inout QuizSession, lines: inout some QuizLineSource, output: TraceOutput) throws -> Ending {
        var shownUpdate: Int?
        while let pending = session.pending() {
            let asked = pending.asked
            if shownUpdate != asked.t {
                try output.write("\n" + style.header("━━ Update t = \(asked.t) ━━") + "\n")
                shownUpdate = asked.t
            }
            // A value of the passes has its name in its formula already (`δ2[1] = …`).
            let formula = pending.formula.hasPrefix(asked.label + " =") ? pending.formula : "\(asked.label) = \(pending.formula)"
            try output.write(layout.fit(style.equation(formula) + "\n"))
            while true {
                try output.write(prompt(asked))
                try output.flush()
                let line: String
                switch lines.next() {
                case .end: return .endOfInput
                case .interrupted: return .interrupted
                case let .text(text): line = text
                }
                if echoesInput { try output.write(String(AnswerSheetReader.shortened(line)) + "\n") }
                switch QuizInput(line: line) {
                case .quit:
                    return .quit
                case let .unusable(message):
                    try output.write(indented(message))
                    continue
                case .reveal:
                    if let shown = session.reveal() { try output.write(indented(revealText(shown))) }
                case let .number(number):
                    if let graded = session.answer(number) { try output.write(indented(verdictText(graded))) }
                }
                break
            }
        }
        return .finished
    }

    /// `m̂ of W2[1,1] at t = 2? `; `δ1[2] of sample 1 at t = 1? `.
    func prompt(_ asked: AskedValue) -> String {
        if let place = asked.place { return style.focus(place.unicode) + " of sample \(place.sample) at t = \(asked.t)? " }
        return style.focus(asked.quantity.label) + " of \(asked.parameter) at t = \(asked.t)? "
    }

    /// The grader's feedback on an answer, as `trace grade` words it, then the worked line
    /// where that feedback does not already show it.
    func verdictText(_ graded: GradedValue) -> String {
        let feedback = FeedbackText(revealing: true).text(for: graded)
        guard graded.verdict == .rightByKey else { return feedback }
        return feedback + "\n" + worked(graded)
    }

    /// A revealed value: its worked line, from the student's own earlier answers, and the
    /// lesson's value when those give another.
    func revealText(_ graded: GradedValue) -> String {
        var text = "The value: " + worked(graded)
        if let carried = graded.carriedForward, !graded.tolerance.accepts(carried, expected: graded.keyValue) {
            text += "\n(From your own earlier values; from the lesson's values it is \(FeedbackText.number(graded.keyValue)).)"
        }
        return text
    }

    /// The worked line, `m(1) = β₁·m + (1 − β₁)·g = … = 0.00123`, or the value's working as
    /// the grader words it where that is a sentence (the starting weight, a gradient).
    private func worked(_ graded: GradedValue) -> String {
        let label = graded.asked.label
        let working = graded.working
        return working.hasPrefix(label) ? style.equation(working) : "\(label) = \(working)"
    }

    /// `text`'s lines two columns in, fitted to the width.
    private func indented(_ text: String) -> String {
        layout.fit(text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n")
    }

    /// `a`, `a and b`, `a, b and c`.
    static func listed(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
