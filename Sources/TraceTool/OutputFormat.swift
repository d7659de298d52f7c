/// The formats of `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, md, html, json, csv, latex

    /// Whether this build can write the format yet.
    public var isAvailable: Bool {
        switch self {
        case .text, .md, .html, .json, .csv, .latex: return true
        }
    }
}
