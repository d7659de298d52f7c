/// Writes a document for a terminal: headings underlined, tables aligned, formulas in
/// plain Unicode. Plots are left out: their tables carry the same numbers.
public struct TextDocumentWriter: DocumentWriter {
    let output: TraceOutput

    public init(output: TraceOutput) {
        self.output = output
    }

    public mutating func begin(title: String) throws {}

    public mutating func write(_ block: Block) throws {
        switch block {
        case let .heading(level, text):
            let rule = level == 1 ? "=" : "-"
            try output.write("\(text)\n\(String(repeating: rule, count: text.count))\n\n")
        case let .prose(text), let .paragraph(text):
            try output.write(text.hasSuffix("\n") ? text + "\n" : text + "\n\n")
        case let .code(_, text):
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) { try output.write("    \(line)\n") }
            try output.write("\n")
        case let .equations(lines):
            for line in lines { try output.write("  \(UnicodeMath.render(line))\n") }
            try output.write("\n")
        case let .table(table):
            if let caption = table.caption { try output.write(caption + "\n") }
            try output.write(TextTable(header: table.header, rows: table.rows).render() + "\n")
        case let .links(links):
            for link in links { try output.write("  \(link.text) (\(link.file)): \(link.note)\n") }
            try output.write("\n")
        case let .network(network):
            let sizes = [network.inputCount] + network.layers.map(\.unitCount)
            try output.write("Units per layer, from the input: \(sizes.map(String.init).joined(separator: " → ")).\n\n")
        case let .section(number, title):
            let heading = "\(number). \(title)"
            try output.write("\(heading)\n\(String(repeating: "=", count: heading.count))\n\n")
        case let .contents(titles):
            for (index, title) in titles.enumerated() { try output.write("\(index + 1). \(title)\n") }
            try output.write("\n")
        case .plot, .trajectories, .beginGroup, .endGroup:
            break
        }
    }

    public mutating func end() throws {
        try output.flush()
    }
}
