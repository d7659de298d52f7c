/// The formats trace writes. Each command writes some of them, and its `--format` takes,
/// lists and suggests exactly those.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// The terminal's: the run's trace step by step, or a document set for a fixed width.
    case text
    case md, html, latex
    /// A run's records as they stream (``JSONTraceWriter``, ``CSVTraceWriter``): not documents.
    case json, csv
    /// One figure of a document on its own (``SVGFigureWriter``).
    case svg

    /// The usual file name ending.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .latex: return "tex"
        default: return rawValue
        }
    }

    /// A format that streams a run's records has no document writer.
    public struct NotADocument: Error, CustomStringConvertible {
        public let format: OutputFormat
        public var description: String { "\(format.rawValue) holds a run's records, not a document" }
    }

    /// A writer of this format onto `output`, laid out for `paper` where the format prints
    /// (HTML's `@page` size, LaTeX's page geometry); Markdown's figures go to `figures`
    /// (left out when `nil`); `svg` writes the figure named `figure`; text is fitted to
    /// `layout` and set apart with `style`.
    ///
    /// - Throws: ``NotADocument`` for `json` and `csv`.
    public func writer(
        _ output: TraceOutput, paper: Paper = .a4, figures: FigureFiles? = nil, figure: String? = nil,
        layout: TextLayout? = nil, style: TextStyle = .plain
    ) throws(NotADocument) -> any DocumentWriter {
        switch self {
        case .text: return TextDocumentWriter(output: output, layout: layout, style: style)
        case .md: return MarkdownWriter(output: output, figures: figures)
        case .html: return HTMLWriter(output: output, paper: paper)
        case .latex: return LaTeXWriter(output: output, paper: paper)
        case .svg: return SVGFigureWriter(output: output, choice: figure)
        case .json, .csv: throw NotADocument(format: self)
        }
    }
}
