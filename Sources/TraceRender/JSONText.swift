/// Small pieces of strict JSON, written by hand so that key order and number text are fixed.
public enum JSONText {
    /// A JSON string literal: `"`, `\` and control characters escaped; other text as UTF-8.
    public static func string(_ text: String) -> String {
        // Most keys and names need no escape: check the bytes once and copy the text whole.
        if !needsEscaping(text) { return "\"" + text + "\"" }
        // Byte by byte: every character escaped is one byte, or U+2028 and U+2029's three.
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = [UInt8(ascii: "\"")]
            out.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    out += (bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8
                    i += 3
                    continue
                }
                switch byte {
                case UInt8(ascii: "\""): out += "\\\"".utf8
                case UInt8(ascii: "\\"): out += "\\\\".utf8
                case UInt8(ascii: "\n"): out += "\\n".utf8
                case UInt8(ascii: "\r"): out += "\\r".utf8
                case UInt8(ascii: "\t"): out += "\\t".utf8
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
                default: out.append(byte)
                }
                i += 1
            }
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
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
