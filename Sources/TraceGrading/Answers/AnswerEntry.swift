/// One value a student gave: which step, parameter and quantity, and the value or why it cannot be used.
public struct AnswerEntry: Sendable, Equatable {
    /// The step, a whole number from 1.
    public var t: Int
    /// The parameter's name with spaces removed, e.g. `W2[1,1]`.
    public var parameter: String
    /// The quantity's name as written, trimmed, e.g. `m_hat` (the grader maps names to symbols).
    public var quantity: String
    public var value: AnswerValue
    /// Where it was written: `answers.json:3:14` (line:column, from 1) or `answers.csv:5` (line).
    public var location: String

    public init(t: Int, parameter: String, quantity: String, value: AnswerValue, location: String) {
        self.t = t
        self.parameter = parameter
        self.quantity = quantity
        self.value = value
        self.location = location
    }
}

/// What a student wrote for one quantity.
public enum AnswerValue: Sendable, Equatable {
    /// A finite number.
    case number(Double)
    /// `null` in JSON, an empty cell in CSV: not answered.
    case blank
    /// Why this value cannot be graded and what to write instead, as the end of a sentence whose
    /// subject is the value, one line, e.g. `is the text "0.01" (in quotes); write the number without quotes`,
    /// `is NaN, which is not a number; …`, `is too large to be a number (1e999); …`, `is true; write a number`.
    case unusable(String)
}
