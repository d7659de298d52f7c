/// Which link addresses in lesson prose are kept, in every output format (Markdown, HTML, LaTeX).
///
/// Kept: `http:`, `https:` and `mailto:` addresses, and relative ones (no scheme: `notes.html`,
/// `#step-2`, `/course/`). Any other scheme (`javascript:`, `vbscript:`, `data:`, `file:`, …) is
/// dropped and the link becomes its text. The scheme is read as a browser reads it: ASCII
/// whitespace and control characters are ignored and case does not matter, so
/// `JaVa\tScript:` is `javascript:`.
public enum LinkPolicy {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// Whether a link to `address` may appear in a handout.
    public static func allows(_ address: String) -> Bool {
        let cleaned = address.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        var scheme = ""
        for scalar in cleaned {
            switch scalar {
            case ":": return allowedSchemes.contains(scheme.lowercased())
            case "/", "?", "#": return true  // a path, query or fragment before any colon: relative
            default: scheme.unicodeScalars.append(scalar)
            }
        }
        return true
    }
}
