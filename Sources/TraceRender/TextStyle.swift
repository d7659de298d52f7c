/// How the terminal output sets things apart: ANSI Select Graphic Rendition codes, or nothing.
///
/// Colour is never the only signal: every style is bold or underlined as well, so that it
/// still reads on a monochrome terminal and to a reader who does not tell the colours apart.
/// ```
/// step header     bold cyan         ESC[1;36m
/// symbol          bold magenta      ESC[1;35m   (the lecture's m, v, m̂, … where a formula assigns them)
/// focus           bold underlined   ESC[1;4m    (the worked example's parameter)
/// result          bold green        ESC[1;32m   (the value a formula produces)
/// ```
public struct TextStyle: Sendable, Equatable {
    /// Whether escape codes are written at all.
    public var isEnabled: Bool

    public static let plain = TextStyle(isEnabled: false)
    public static let ansi = TextStyle(isEnabled: true)

    static let reset = "\u{1B}[0m"

    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    private func styled(_ text: String, _ code: String) -> String {
        isEnabled && !text.isEmpty ? "\u{1B}[\(code)m" + text + Self.reset : text
    }

    public func header(_ text: String) -> String { styled(text, "1;36") }
    public func symbol(_ text: String) -> String { styled(text, "1;35") }
    public func focus(_ text: String) -> String { styled(text, "1;4") }
    public func result(_ text: String) -> String { styled(text, "1;32") }

    /// A formula line `lhs = … = result (note)` with its left-hand side as a symbol and its
    /// last value (up to the first space after the last " = ") as the result; a line with no
    /// " = " (or " ← ") is left as it is.
    public func equation(_ line: String) -> String {
        guard isEnabled else { return line }
        let assign = line.range(of: " = ") ?? line.range(of: " ← ")
        guard let assign else { return line }
        let left = String(line[..<assign.lowerBound])
        let rest = line[assign.lowerBound...]
        // The result is what follows the last " = ", when there is more than one.
        if let last = rest.range(of: " = ", options: .backwards), last.lowerBound > rest.startIndex {
            let tail = rest[last.upperBound...]
            let value = tail.prefix { $0 != " " }
            return symbol(left) + rest[..<last.upperBound] + result(String(value)) + tail[value.endIndex...]
        }
        return symbol(left) + rest
    }
}
