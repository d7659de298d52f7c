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
/// (correctly rounded). A number too large for a double (`1e309`, past about 1.8e308) is
/// refused: it would become infinity. A number too small for one (`1e-400`, below about
/// 2.5e-324) is read as 0 (or -0), the nearest double: it differs from 0 by less than any
/// tolerance a lesson or a grader uses, so nothing is lost, and every reader (lessons, flags,
/// answers) reads it the same way.
public enum DecimalNumber {
    /// Why a text is not a number, in words that fit after "X must be a decimal number: ".
    public enum Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        case notDecimal(String)
        case notFinite(String)
        case overflow(String)

        public var description: String {
            switch self {
            case let .notDecimal(text):
                return "'\(text)' is not a decimal number; write digits with an optional sign, point and exponent, e.g. 0.01, -2.5 or 4.8e-08"
            case let .notFinite(text):
                return "'\(text)' is not a finite number; write a finite decimal number, e.g. 0.01"
            case let .overflow(text):
                return "'\(text)' is too large for a double (at most about 1.8e308 in size)"
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
        return .success(value)
    }

    /// The nearest double to `text` (±infinity past the largest), or `nil` if it is not in the
    /// grammar: for a reader that explains infinity in its own words (the answers parsers).
    public static func rounded(_ text: String) -> Double? {
        isDecimal(text) ? Double(text) : nil
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
}
