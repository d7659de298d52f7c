import Foundation
import TraceLessons

/// The one number grammar, for every flag that takes a number (`transform: DecimalNumber.argument`).
typealias DecimalNumber = TraceLessons.DecimalNumber
typealias Suggestion = TraceLessons.Suggestion

/// The argument parser's message for a bad value, in the words the rest of trace uses.
///
/// `The value '0x10' is invalid for '--eta <eta>': REASON` becomes `--eta: REASON` (the reason
/// already quotes the value); a whole-number flag without a reason (`--steps 0x10`) says what a
/// whole number is; a value that is not one of a flag's choices (`--optimizer Adam`, `trace
/// compare adam adma`) lists them after a did-you-mean. Other messages are left as they are.
enum ParserMessage {
    static func plain(_ message: String) -> String {
        let prefix = "The value '"
        guard message.hasPrefix(prefix), let forRange = message.range(of: "' is invalid for '") else { return message }
        let value = message[message.index(message.startIndex, offsetBy: prefix.count)..<forRange.lowerBound]
        let rest = message[forRange.upperBound...]
        guard let flagEnd = rest.firstIndex(where: { $0 == " " || $0 == "'" }) else { return message }
        let flag = rest[..<flagEnd]
        guard flag.hasPrefix("--") || flag.hasPrefix("<"), let close = rest.range(of: "'") else { return message }
        let after = rest[close.upperBound...]
        if after.hasPrefix(": ") { return "\(flag): \(after.dropFirst(2))" }
        if let choices = choices(in: after) {
            let name = flag.hasPrefix("<") ? "" : "\(flag): "
            return "\(name)'\(value)' is not one of \(choices.joined(separator: ", "))\(Suggestion.clause(for: String(value), in: choices))"
        }
        if after.isEmpty {
            // Only whole-number flags are left without a reason: the others name their choices
            // or go through DecimalNumber.
            let digits = value.drop { $0 == "-" || $0 == "+" }
            if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
                return value.hasPrefix("-")
                    ? "\(flag): '\(value)' must be 0 or more" : "\(flag): '\(value)' is too large"
            }
            return "\(flag): '\(value)' is not a whole number; write digits only, e.g. 3"
        }
        return message
    }

    /// The choices in `. Please provide one of the following: - a - b` or `. Please provide one
    /// of 'a', 'b' or 'c'.`, if the text is one of those.
    static func choices(in text: Substring) -> [String]? {
        guard let range = text.range(of: "Please provide one of") else { return nil }
        let list = text[range.upperBound...]
        if list.contains("'") {
            let parts = list.split(separator: "'", omittingEmptySubsequences: false)
            let quoted = stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }
            return quoted.isEmpty ? nil : quoted
        }
        let items = list.split(separator: "-").dropFirst().map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }
}
