import TraceLessons

/// The one number grammar, for every flag that takes a number (`transform: DecimalNumber.argument`).
typealias DecimalNumber = TraceLessons.DecimalNumber

/// The argument parser's message for a bad value, in the words the rest of trace uses.
///
/// `The value '0x10' is invalid for '--eta <eta>': REASON` becomes `--eta: REASON` (the reason
/// already quotes the value); a whole-number flag without a reason (`--steps 0x10`) says what a
/// whole number is. Other messages are left as they are.
enum ParserMessage {
    static func plain(_ message: String) -> String {
        let prefix = "The value '"
        guard message.hasPrefix(prefix), let forRange = message.range(of: "' is invalid for '") else { return message }
        let value = message[message.index(message.startIndex, offsetBy: prefix.count)..<forRange.lowerBound]
        let rest = message[forRange.upperBound...]
        guard let flagEnd = rest.firstIndex(where: { $0 == " " || $0 == "'" }) else { return message }
        let flag = rest[..<flagEnd]
        guard flag.hasPrefix("--"), let close = rest.range(of: "'") else { return message }
        let after = rest[close.upperBound...]
        if after.hasPrefix(": ") { return "\(flag): \(after.dropFirst(2))" }
        if after.isEmpty, value.allSatisfy({ !$0.isLetter }) || value.hasPrefix("0x") || value.contains("_") {
            return "\(flag): '\(value)' is not a whole number; write digits only, e.g. 3"
        }
        return message
    }
}
