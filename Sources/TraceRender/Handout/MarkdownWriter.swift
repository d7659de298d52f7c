/// Writes a handout as GitHub-flavoured Markdown: pipe tables, math in `$$…$$` as GitHub
/// renders it, and readable as plain text. Figures are SVG files beside the page, linked as
/// images (``FigureFiles``), each with its caption.
public struct MarkdownWriter: DocumentWriter {
    let output: TraceOutput
    let figures: FigureFiles?

    /// `figures` collects the figures' SVG files; `nil` leaves them out, a line naming each
    /// in its place.
    public init(output: TraceOutput, figures: FigureFiles? = nil) {
        self.output = output
        self.figures = figures
    }

    public mutating func begin(title: String) throws {}

    public mutating func write(_ block: Block) throws {
        switch block {
        case let .heading(level, text):
            try output.write(String(repeating: "#", count: level) + " " + Self.escape(text) + "\n\n")
        case let .prose(markdown):
            let sanitized = MarkdownProse.sanitizedMarkdown(markdown)
            try output.write(sanitized.hasSuffix("\n") ? sanitized + "\n" : sanitized + "\n\n")
        case let .paragraph(text):
            try output.write(Self.escape(text) + "\n\n")
        case let .mathParagraph(parts):
            try output.write(Self.escape(ParagraphPart.plain(parts)) + "\n\n")
        case let .code(language, text):
            try output.write("```\(language)\n\(text)\n```\n\n")
        case let .equations(lines):
            for line in lines { try output.write("$$\n\(LaTeXMath.render(line))\n$$\n\n") }
        case let .lines(lines):
            // A backslash at the end of a line breaks it without starting a paragraph.
            try output.write(lines.map(Self.line).joined(separator: "\\\n") + "\n\n")
        case let .table(table):
            try output.write(Self.table(table))
        case let .network(network):
            let sizes = [network.inputCount] + network.layers.map(\.unitCount)
            try output.write("Units per layer, from the input: \(sizes.map(String.init).joined(separator: " → ")).\n\n")
            try output.write(figure(.network(network)))
        case .plot, .trajectories, .passes:
            if let figure = block.figure { try output.write(self.figure(figure)) }
        case let .links(links):
            for link in links {
                try output.write("- [\(Self.escape(link.text))](\(Self.escapeURL(link.file))): \(Self.escape(link.note))\n")
            }
            try output.write("\n")
        case let .section(number, title):
            try output.write("# \(number). \(Self.escape(title))\n\n")
        case let .contents(titles):
            for (index, title) in titles.enumerated() { try output.write("\(index + 1). \(Self.escape(title))\n") }
            try output.write("\n")
        case .beginGroup, .endGroup:
            break
        }
    }

    public mutating func end() throws {
        try output.flush()
    }

    /// The figure as an image linking its SVG file, then its caption in italics; or, when
    /// figures are left out, one line saying which figure and how to get it.
    func figure(_ figure: Figure) -> String {
        guard let link = figures?.add(svg: figure.svg) else {
            let note = figures?.omittedNote ?? ""
            return "*Figure left out: \(Self.escape(figure.title)).\(note.isEmpty ? "" : " " + Self.escape(note))*\n\n"
        }
        return "![\(Self.escape(figure.title))](\(Self.escapeURL(link)))\n\n*\(Self.escape(figure.caption))*\n\n"
    }

    /// An indented line: two no-break spaces a level, formulas as inline math, the followed
    /// parameter in bold.
    static func line(_ line: IndentedLine) -> String {
        String(repeating: "&nbsp;&nbsp;", count: line.depth) + line.parts.map { part in
            switch part {
            case let .text(words): return escape(words)
            case let .math(formula), let .equation(formula): return "$\(LaTeXMath.render(formula))$"
            case let .focus(name): return "**\(escape(name))**"
            }
        }.joined()
    }

    static func table(_ table: Table) -> String {
        var text = table.caption.map { "*\(escape($0))*\n\n" } ?? ""
        text += "| " + table.header.map(cell).joined(separator: " | ") + " |\n"
        text += "|" + table.header.indices.map { table.isNumeric(column: $0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in table.rows { text += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return text + "\n"
    }

    /// A table cell: pipes escaped, line breaks flattened.
    static func cell(_ text: String) -> String {
        let escaped = escape(text)
        // Most cells have neither: then Foundation's search is not needed.
        guard escaped.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "\n") }) else { return escaped }
        return escaped.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A relative link target: spaces and parentheses percent-encoded.
    static func escapeURL(_ file: String) -> String {
        file.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28")
            .replacingOccurrences(of: ")", with: "%29")
    }

    /// Plain text in Markdown: characters that would start markup or raw HTML are escaped.
    static func escape(_ text: String) -> String {
        // Comparing characters (by canonical equivalence) is slow: a one-byte character takes
        // its escape from a table made by the same rules, and text of only such characters
        // that need none is its own escape.
        if text.utf8.allSatisfy({ asciiKept[byte: $0] == true }) { return text }
        var out = ""
        for character in text {
            out += asciiEscapes[character] ?? escaped(character)
        }
        return out
    }

    /// One character of plain text, escaped.
    private static func escaped(_ character: Character) -> String {
        switch character {
        case "\\", "`", "*", "_", "[", "]", "#", "$", "~": return "\\\(character)"
        case "\n", "\r", "\r\n": return " "  // a line break could start a fence or a heading
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "&": return "&amp;"
        default: return String(character)
        }
    }

    /// ``escaped(_:)`` of each one-byte character, by its byte.
    private static let asciiEscapes = ASCIICharacterTable(escaped)
    /// Whether each one-byte character is its own escape.
    private static let asciiKept = ASCIICharacterTable { escaped($0) == String($0) }
}
