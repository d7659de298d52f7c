/// Small pieces of wording shared by error messages.
enum MessageText {
    /// `1 weight`, `2 weights`.
    static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }

    /// A number as a person typed it: `1`, not `1.0`; `-0.5`; `1e-08`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }
}
