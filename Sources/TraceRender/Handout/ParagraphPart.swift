/// A piece of a sentence of ours that has a formula in it (``Block/mathParagraph(_:)``):
/// plain text, or a formula that HTML and LaTeX typeset and the plain formats write as text.
public enum ParagraphPart: Sendable {
    case text(String)
    /// `math` typeset inline (MathML in HTML, math mode in LaTeX); `text` where the paragraph
    /// is plain text (Markdown, the terminal).
    case math(MathNode, text: String)

    /// The part as plain text.
    public var text: String {
        switch self {
        case let .text(text), let .math(_, text): return text
        }
    }

    /// A paragraph's parts as one unindented line, for the writers that typeset its formulas
    /// as they typeset a line's (HTML, LaTeX).
    public static func line(_ parts: [ParagraphPart]) -> IndentedLine {
        IndentedLine(parts.map { part in
            switch part {
            case let .text(text): return .text(text)
            case let .math(node, _): return .math(node)
            }
        })
    }

    /// A paragraph's parts as one plain sentence.
    public static func plain(_ parts: [ParagraphPart]) -> String {
        parts.map(\.text).joined()
    }
}
