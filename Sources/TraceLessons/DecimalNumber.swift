/// The one grammar for numbers a person writes: in lessons, flags, answers files and rosters.
///
/// ```
/// number   = [sign] (digits ["." [digits]] | "." digits) [exponent]
/// exponent = ("e" | "E") [sign] digits
/// sign     = "+" | "-"
/// digits   = "0"…"9", one or more
/// ```
///
/// So `0.01`, `-2.5`, `+.5`, `5.`, `4.8e-08` and `1E3` are numbers; `0x10`, `0o17`, `1_0.5`,
/// `1,5`, ` 1`, `inf` and `nan` are not. The value is the double nearest the decimal
/// (correctly rounded). A number whose magnitude is too large for a double (`1e309`) is
/// refused, and so is one that is not zero but rounds to zero (`1e-400`): both would silently
/// become another number. Numbers too small for full precision but not zero (subnormals,
/// down to about 4.9e-324) are kept.
public enum DecimalNumber {
    /// Why a text is not a number, in words that fit after "X must be a decimal number: ".
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case notDecimal(String)
        case notFinite(String)
        case overflow(String)
        case underflow(String)

        public var description: String {
            switch self {
            case let .notDecimal(text):
                return "'\(text)' is not a decimal number; write digits with an optional sign, point and exponent, e.g. 0.01, -2.5 or 4.8e-08"
            case let .notFinite(text):
                return "'\(text)' is not a finite number; write a finite decimal number, e.g. 0.01"
            case let .overflow(text):
                return "'\(text)' is too large for a double (at most about 1.8e308 in size)"
            case let .underflow(text):
                return "'\(text)' is too small for a double: it would become 0 (the smallest is about 4.9e-324); write 0 if you mean 0"
            }
        }
    }

    /// The value of `text`, or why it is refused.
    public static func parse(_ text: String) -> Result<Double, Refusal> {
        guard isDecimal(text) else {
            let bare = text.lowercased().trimmingPrefix { $0 == "+" || $0 == "-" }
            if ["inf", "infinity", "nan", ".inf", ".nan"].contains(String(bare)) { return .failure(.notFinite(text)) }
            return .failure(.notDecimal(text))
        }
        guard let value = Double(text) else { return .failure(.notDecimal(text)) }
        if value.isInfinite { return .failure(.overflow(text)) }
        if value == 0, hasNonzeroMantissa(text) {
            return .failure(.underflow(text))
        }
        return .success(value)
    }

    /// The value of `text`, or `nil` if ``parse(_:)`` refuses it.
    public static func value(_ text: String) -> Double? {
        try? parse(text).get()
    }

    /// The value of a flag's argument, or the refusal (for the argument parser's `transform:`).
    public static func argument(_ text: String) throws(Refusal) -> Double {
        try parse(text).get()
    }

    /// Whether `text` follows the grammar above.
    public static func isDecimal(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        var next = bytes.next()
        func digits() -> Int {
            var count = 0
            while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                count += 1
                next = bytes.next()
            }
            return count
        }
        if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
        var count = digits()
        if next == UInt8(ascii: ".") {
            next = bytes.next()
            count += digits()
        }
        guard count > 0 else { return false }
        if next == UInt8(ascii: "e") || next == UInt8(ascii: "E") {
            next = bytes.next()
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") { next = bytes.next() }
            guard digits() > 0 else { return false }
        }
        return next == nil
    }

    /// Whether the digits before the exponent hold anything but zeros.
    private static func hasNonzeroMantissa(_ text: String) -> Bool {
        let mantissa = text.prefix { $0 != "e" && $0 != "E" }
        return mantissa.contains { ("1"..."9").contains($0) }
    }
}
