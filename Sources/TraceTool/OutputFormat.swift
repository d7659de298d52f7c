/// The formats of `--format`.
package enum OutputFormat: String, CaseIterable, Sendable {
    case text, md, html, json, csv, latex
}
