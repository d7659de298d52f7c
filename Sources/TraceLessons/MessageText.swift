import TraceEngine

/// Small pieces of wording shared by error messages.
public enum MessageText {
    /// `1 weight`, `2 weights`.
    static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// `eta must be 0 or more, not -1` when `value` is outside `symbol`'s range, written under
    /// `name` (a lesson key or a flag); `nil` when it is fine.
    public static func rangeProblem(_ symbol: Symbol, _ value: Double, named name: String) -> String? {
        symbol.validRange?.problem(with: value).map { "\(name) \($0), not \(number(value))" }
    }

    /// A number as a person typed it: `1`, not `1.0`; `-0.5`; `1e-08`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }
}
