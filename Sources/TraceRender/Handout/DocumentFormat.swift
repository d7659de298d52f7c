/// The formats a document (a handout, a comparison, an index) is written in.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case text, md, html, latex

    /// The usual file name ending.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .latex: return "tex"
        default: return rawValue
        }
    }

    /// A writer of this format onto `output`.
    public func writer(_ output: TraceOutput) -> any DocumentWriter {
        switch self {
        case .text: return TextDocumentWriter(output: output)
        case .md: return MarkdownWriter(output: output)
        case .html: return HTMLWriter(output: output)
        case .latex: return LaTeXWriter(output: output)
        }
    }
}
