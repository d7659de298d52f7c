/// A piece of an ``IndentedLine``: text, a formula, or the name the reader follows.
public enum LinePart: Sendable {
    /// Plain text (it may hold numbers and formulas already written out in Unicode).
    case text(String)
    /// A formula among the words, typeset as the format typesets formulas, nothing set apart.
    case math(MathNode)
    /// The equation the line is about, `lhs = … = result` or `lhs ← …`: a terminal sets its
    /// left side (what it computes) and its last value (the result) apart (``TextStyle/equation(_:)``).
    case equation(MathNode)
    /// The name of the parameter a worked example follows, set apart (``TextStyle/focus(_:)``).
    case focus(String)
}
