/// Small pieces of strict JSON, written by hand so that key order and number text are fixed.
public enum JSONText {
    /// A JSON string literal: `"`, `\` and control characters escaped; other text as UTF-8.
    public static func string(_ text: String) -> String {
        // Most keys and names need no escape: check the bytes once and copy the text whole.
        if !needsEscaping(text) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Whether `text` has a character ``string(_:)`` escapes: a control character, `"`, `\`,
    /// U+2028 or U+2029 (the UTF-8 bytes `E2 80 A8` and `E2 80 A9`).
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case 0..<0x20, 0x22, 0x5C: return true
            case 0xA8...0xA9 where previous == 0x80 && beforePrevious == 0xE2: return true
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }

    /// `[1, 2.5, "inf"]`.
    public static func numbers(_ values: [Double]) -> String {
        "[" + values.map(NumberFormat.json).joined(separator: ", ") + "]"
    }

    /// `[[…], […]]`.
    public static func matrix(_ rows: [[Double]]) -> String {
        "[" + rows.map(numbers).joined(separator: ", ") + "]"
    }

    /// `{"a": 1, "b": 2}` from pairs whose values are already JSON.
    public static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\(string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
