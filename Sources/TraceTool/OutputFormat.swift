/// The formats of `--format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, md, html, json, csv, latex
}
