/// Escaping for text placed in HTML (and XML): every piece of lesson text goes through it.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities; characters XML forbids dropped.
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape or drop: then it is its own escape, found from its
        // bytes without building a copy scalar by scalar.
        if !needsEscaping(text) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if XMLText.isLegal(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether `text` has a character ``escape(_:)`` changes: one of `&<>"'`, a C0 control
    /// other than tab, newline and return, DEL, a C1 control (UTF-8 `C2 80`…`C2 9F`), U+FFFE or
    /// U+FFFF (`EF BF BE`, `EF BF BF`): those ``XMLText/isLegal(_:)`` forbids.
    private static func needsEscaping(_ text: String) -> Bool {
        var previous: UInt8 = 0, beforePrevious: UInt8 = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): return true
            case 0x9, 0xA, 0xD: break
            case 0..<0x20, 0x7F: return true
            case 0x80...0x9F where previous == 0xC2: return true
            case 0xBE...0xBF where previous == 0xBF && beforePrevious == 0xEF: return true
            default: break
            }
            beforePrevious = previous
            previous = byte
        }
        return false
    }
}
