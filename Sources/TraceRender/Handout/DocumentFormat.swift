/// The formats a document (a handout, a comparison, an index) is written in.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case text, md, html, latex
    /// One figure of the document on its own (``SVGFigureWriter``).
    case svg

    /// The usual file name ending.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .latex: return "tex"
        default: return rawValue
        }
    }

    /// A writer of this format onto `output`, laid out for `paper` where the format prints
    /// (HTML's `@page` size, LaTeX's page geometry); Markdown's figures go to `figures`
    /// (left out when `nil`); `svg` writes the figure named `figure`; text is fitted to
    /// `layout` and set apart with `style`.
    public func writer(
        _ output: TraceOutput, paper: Paper = .a4, figures: FigureFiles? = nil, figure: String? = nil,
        layout: TextLayout? = nil, style: TextStyle = .plain
    ) -> any DocumentWriter {
        switch self {
        case .text: return TextDocumentWriter(output: output, layout: layout, style: style)
        case .md: return MarkdownWriter(output: output, figures: figures)
        case .html: return HTMLWriter(output: output, paper: paper)
        case .latex: return LaTeXWriter(output: output, paper: paper)
        case .svg: return SVGFigureWriter(output: output, choice: figure)
        }
    }
}
