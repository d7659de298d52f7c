/// The paper a document is printed on. A4 is the default everywhere: the output depends only
/// on the command line, never on the machine's locale, so the same command writes the same bytes.
public enum Paper: String, CaseIterable, Sendable {
    case a4, letter

    /// The CSS `@page` size.
    public var cssSize: String {
        switch self {
        case .a4: return "A4"
        case .letter: return "letter"
        }
    }

    /// The `geometry` package's paper option.
    public var latexOption: String {
        switch self {
        case .a4: return "a4paper"
        case .letter: return "letterpaper"
        }
    }
}
