/// Writes a document for a terminal: headings underlined, tables aligned, formulas in
/// plain Unicode. Plots are left out: their tables carry the same numbers.
///
/// With a `layout`, every line fits its width (tables stacked in blocks, long lines wrapped
/// with a hanging indent); `style` sets headings and formulas apart on a terminal.
public struct TextDocumentWriter: DocumentWriter {
    let output: TraceOutput
    let layout: TextLayout?
    let style: TextStyle

    public init(output: TraceOutput, layout: TextLayout? = nil, style: TextStyle = .plain) {
        self.output = output
        self.layout = layout
        self.style = style
    }

    private func write(_ text: String) throws {
        try output.write(layout?.fit(text) ?? text)
    }

    private func heading(_ text: String, rule: String) -> String {
        let length = min(TextLayout.displayWidth(text), layout?.width ?? .max)
        return "\(style.header(text))\n\(String(repeating: rule, count: length))\n\n"
    }

    public mutating func begin(title: String) throws {}

    public mutating func write(_ block: Block) throws {
        switch block {
        case let .heading(level, text):
            try write(heading(text, rule: level == 1 ? "=" : "-"))
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
        case let .table(table):
            if let caption = table.caption { try write(caption + "\n") }
            try write(TextTable(header: table.header, rows: table.rows).render(width: layout?.width ?? .max, style: style) + "\n")
        case let .links(links):
            for link in links { try write("  \(link.text) (\(link.file)): \(link.note)\n") }
            try write("\n")
        case let .network(network):
            let sizes = [network.inputCount] + network.layers.map(\.unitCount)
            try write("Units per layer, from the input: \(sizes.map(String.init).joined(separator: " → ")).\n\n")
        case let .section(number, title):
            try write(heading("\(number). \(title)", rule: "="))
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
}
