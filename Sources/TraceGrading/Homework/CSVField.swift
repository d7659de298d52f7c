import Foundation

/// A CSV field, quoted when it must be (`W1[1,2]` holds a comma).
enum CSVField {
    /// The field as it is, or in double quotes with its quotes doubled when it holds a comma,
    /// a semicolon, a quote or a line break. Scalars, not characters, are looked at: `"\r\n"`
    /// is one character, and a quote with a combining mark is another.
    static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { ",;\"\n\r".unicodeScalars.contains($0) }) else { return text }
        // Foundation's search only where there is a quote to double (`W1[1,2]` has none).
        guard text.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + text + "\"" }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
