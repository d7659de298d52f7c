/// One line a student typed at the quiz's prompt, read as what they meant.
///
/// ```
/// 0.00123, -4.8e-08, −0,5     a number (the answers files' grammar; a decimal comma too)
/// ?                           show the value
/// q, quit, exit               stop, with the summary
/// anything else, or nothing   not a number: asked again
/// ```
public enum QuizInput: Sendable, Equatable {
    case number(Double)
    case reveal
    case quit
    /// Not an answer; why, as a sentence to show before asking again.
    case unusable(String)

    /// The most characters of a line shown back in a message.
    static let shownLimit = 40

    public init(line: String) {
        let text = AnswerSheetReader.trimmed(line)
        switch text.lowercased() {
        case "":
            self = .unusable("Nothing typed. Type your value as a number, ? to see it, or q to stop.")
            return
        case "?":
            self = .reveal
            return
        case "q", "quit", "exit":
            self = .quit
            return
        default:
            break
        }
        let shown = AnswerSheetReader.quoted(text)
        if let number = AnswerSheetReader.decimalNumber(text, allowsDecimalComma: true) {
            guard number.isFinite else {
                self = .unusable("\(shown) is too large to be a number; a value must be smaller than 1.8e308 in size: check the exponent.")
                return
            }
            self = .number(number)
            return
        }
        if AnswerSheetReader.namesNonFiniteValue(text) {
            self = .unusable("\(shown) is not a number; type the finite value you computed, ? to see it, or q to stop.")
            return
        }
        self = .unusable("\(shown) is not a number; type it as a decimal number such as 0.01 or 4.8e-08, ? to see the value, or q to stop.")
    }
}
