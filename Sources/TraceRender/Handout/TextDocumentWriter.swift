/// Writes a document for a terminal: headings underlined (a level-4 heading as a banner,
/// `━━ Step t = 1 · η = 0.1 ━━`), tables aligned, formulas in plain Unicode. Plots are left
/// out: their tables carry the same numbers.
///
/// With a `layout`, every line fits its width (tables stacked in blocks, long lines wrapped
/// with a hanging indent); `style` sets headings, formulas and the followed parameter apart
/// on a terminal.
///
/// Blocks are a blank line apart. Most blocks write that line after themselves; a
/// ``Block/lines(_:)`` block, and a table in a banner's part, leave it to the next block, so
/// a document that ends with one ends with its last line.
public struct TextDocumentWriter: DocumentWriter {
    let output: TraceOutput
    let layout: TextLayout?
    let style: TextStyle
    /// Whether a blank line is owed before the next text (after a ``Block/lines(_:)`` block or
    /// a table in a banner's part).
    private var blankLineOwed = false
    /// Whether the blocks written belong to a banner (a level-4 heading): its part is set as
    /// one piece, its blocks a blank line apart but none after the last.
    private var inBanner = false

    public init(output: TraceOutput, layout: TextLayout? = nil, style: TextStyle = .plain) {
        self.output = output
        self.layout = layout
        self.style = style
    }

    private mutating func write(_ text: String) throws {
        if blankLineOwed {
            blankLineOwed = false
            try output.write("\n")
        }
        try output.write(layout?.fit(text) ?? text)
    }

    private func heading(_ text: String, rule: String) -> String {
        let length = min(TextLayout.displayWidth(text), layout?.width ?? .max)
        return "\(style.header(text))\n\(String(repeating: rule, count: length))\n\n"
    }

    public mutating func begin(title: String) throws {}

    public mutating func write(_ block: Block) throws {
        switch block {
        case let .heading(level, text) where level >= 4:
            // What follows belongs to the banner: no blank line after it.
            try write(style.header("━━ \(text) ━━") + "\n")
            inBanner = true
        case let .heading(level, text):
            try write(heading(text, rule: level == 1 ? "=" : "-"))
            inBanner = false
        case let .prose(text), let .paragraph(text):
            try write(text.hasSuffix("\n") ? text + "\n" : text + "\n\n")
        case let .mathParagraph(parts):
            try write(ParagraphPart.plain(parts) + "\n\n")
        case let .code(_, text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { try write("    \(line)\n") }
            try write("\n")
        case let .equations(lines):
            for line in lines { try write("  \(style.equation(UnicodeMath.render(line)))\n") }
            try write("\n")
        case let .lines(lines):
            try write(lines.map(line).joined())
            blankLineOwed = true
        case let .table(table):
            if let caption = table.caption { try write(caption + "\n") }
            let text = TextTable(header: table.header, rows: table.rows, focusedRows: table.focusedRows, keyColumns: table.keyColumns)
            try write(text.render(width: layout?.width ?? .max, style: style))
            if inBanner { blankLineOwed = true } else { try write("\n") }
        case let .links(links):
            for link in links { try write("  \(link.text) (\(link.file)): \(link.note)\n") }
            try write("\n")
        case let .network(network):
            let sizes = [network.inputCount] + network.layers.map(\.unitCount)
            try write("Units per layer, from the input: \(sizes.map(String.init).joined(separator: " → ")).\n\n")
        case let .section(number, title):
            try write(heading("\(number). \(title)", rule: "="))
            inBanner = false
        case let .contents(titles):
            for (index, title) in titles.enumerated() { try write("\(index + 1). \(title)\n") }
            try write("\n")
        case .plot, .trajectories, .passes, .beginGroup, .endGroup:
            break
        }
    }

    public mutating func end() throws {
        try output.flush()
    }

    /// `line` indented two spaces a level, its equation and focus styled, with its newline.
    private func line(_ line: IndentedLine) -> String {
        var text = String(repeating: "  ", count: line.depth)
        for part in line.parts {
            switch part {
            case let .text(words): text += words
            case let .math(formula): text += UnicodeMath.render(formula)
            case let .equation(formula): text += style.equation(UnicodeMath.render(formula))
            case let .focus(name): text += style.focus(name)
            }
        }
        return text + "\n"
    }
}
