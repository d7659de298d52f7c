/// Characters XML 1.0 forbids, which an HTML page that must also parse as XML cannot carry.
enum XMLText {
    /// `text` without C0/C1 controls (other than tab, newline, return) and U+FFFE, U+FFFF.
    static func dropIllegal(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isLegal(scalar) { out.append(scalar) }
        return String(out)
    }

    static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: return false
        default: return true
        }
    }
}
