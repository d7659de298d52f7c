/// Escaping for text placed in HTML (and XML): every piece of lesson text goes through it.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as entities; characters XML forbids dropped.
    public static func escape(_ text: String) -> String {
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
}
