/// Writes a handout as one self-contained HTML page: inline CSS and SVG, formulas as
/// MathML, lesson prose through libcmark's safe mode, every piece of lesson text escaped,
/// nothing fetched from a network. Prints on A4 or Letter without splitting a step.
///
/// The page is also well-formed XML, so tests can parse it strictly.
public struct HTMLWriter: DocumentWriter {
    let output: TraceOutput
    let paper: Paper

    public init(output: TraceOutput, paper: Paper = .a4) {
        self.output = output
        self.paper = paper
    }

    public mutating func begin(title: String) throws {
        try output.write("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>\(HTMLText.escape(title))</title>
            <style>\(Self.style)@page { size: \(paper.cssSize); margin: 12mm 14mm; }
            </style>
            </head>
            <body>
            <main>

            """)
    }

    public mutating func write(_ block: Block) throws {
        switch block {
        case let .heading(level, text):
            try output.write("<h\(level)>\(HTMLText.escape(text))</h\(level)>\n")
        case let .prose(markdown):
            try output.write("<div class=\"prose\">\n\(MarkdownProse.html(markdown))</div>\n")
        case let .paragraph(text):
            try output.write("<p>\(HTMLText.escape(text))</p>\n")
        case let .mathParagraph(parts):
            try output.write("<p>\(Self.line(ParagraphPart.line(parts)))</p>\n")
        case let .code(language, text):
            try output.write("<pre><code class=\"language-\(HTMLText.escape(language))\">\(HTMLText.escape(text))</code></pre>\n")
        case let .equations(lines):
            try output.write("<div class=\"equations\">\n")
            // A line's parts wrap on a narrow screen; one part wider than the screen scrolls
            // sideways in the line's box.
            for line in lines { try output.write(Self.equationLine(line) + "\n") }
            try output.write("</div>\n")
        case let .lines(lines):
            try output.write("<p class=\"lines\">" + lines.map(Self.line).joined(separator: "<br/>\n") + "</p>\n")
        case let .table(table):
            try output.write(Self.table(table))
        case .network, .plot, .trajectories, .passes:
            if let (svg, caption) = block.figure?.svgAndCaption {
                try output.write("<figure>\n\(svg)\n<figcaption>\(HTMLText.escape(caption))</figcaption>\n</figure>\n")
            }
        case let .links(links):
            try output.write("<ul class=\"links\">\n")
            for link in links {
                try output.write("<li><a href=\"\(HTMLText.escape(link.file))\">\(HTMLText.escape(link.text))</a>: \(HTMLText.escape(link.note))</li>\n")
            }
            try output.write("</ul>\n")
        case let .beginGroup(id):
            try output.write("<section class=\"keep\" id=\"\(HTMLText.escape(id))\">\n")
        case .endGroup:
            try output.write("</section>\n")
        case let .section(number, title):
            try output.write("<h1 class=\"part\" id=\"lesson-\(number)\">\(number). \(HTMLText.escape(title))</h1>\n")
        case let .contents(titles):
            try output.write("<nav>\n<h2>Contents</h2>\n<ol>\n")
            for (index, title) in titles.enumerated() {
                try output.write("<li><a href=\"#lesson-\(index + 1)\">\(HTMLText.escape(title))</a></li>\n")
            }
            try output.write("</ol>\n</nav>\n")
        }
    }

    public mutating func end() throws {
        try output.write("</main>\n</body>\n</html>\n")
        try output.flush()
    }

    /// An indented line: two no-break spaces a level, formulas as inline MathML, the followed
    /// parameter in bold.
    static func line(_ line: IndentedLine) -> String {
        String(repeating: "&#160;&#160;", count: line.depth) + line.parts.map { part in
            switch part {
            case let .text(words): return HTMLText.escape(words)
            case let .math(formula), let .equation(formula): return MathMLWriter.math(formula, display: false)
            case let .focus(name): return "<strong>\(HTMLText.escape(name))</strong>"
            }
        }.joined()
    }

    /// A line of equations as a `<div class="equation">` of MathML: one block, or where the
    /// line sets equations apart with a gap (`z_l = …   a_l = …`, `… for a weight,   g = δ_j …`),
    /// one inline `<math class="part">` per equation, its gap at its end, so a narrow screen
    /// wraps the line between equations rather than cutting it; a wide one shows it as before.
    static func equationLine(_ line: MathNode) -> String {
        var parts: [[MathNode]] = [[]]
        if case let .row(children) = line {
            for child in children {
                if parts[parts.count - 1].isEmpty == false, let last = parts[parts.count - 1].last, isGap(last) { parts.append([]) }
                parts[parts.count - 1].append(child)
            }
        }
        guard parts.count > 1 else { return "<div class=\"equation\">" + MathMLWriter.math(line) + "</div>" }
        let math = parts.map { "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" class=\"part\">\(MathMLWriter.render(.row($0)))</math>" }
        return "<div class=\"equation parts\">" + math.joined() + "</div>"
    }

    /// Text that ends in a gap between equations (`   `, ` for a weight,   `).
    private static func isGap(_ node: MathNode) -> Bool {
        if case let .text(text) = node { return text.hasSuffix("  ") }
        return false
    }

    static func table(_ table: Table) -> String {
        // The wrapper scrolls a table sideways on a narrow screen instead of cutting it off.
        var html = "<div class=\"scroll\">\n<table>\n"
        if let caption = table.caption { html += "<caption>\(HTMLText.escape(caption))</caption>\n" }
        let numeric = table.header.indices.map(table.isNumeric(column:))
        html += "<thead><tr>" + table.header.enumerated().map { c, label in
            "<th scope=\"col\"\(numeric[c] ? " class=\"num\"" : "")>\(HTMLText.escape(label))</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.enumerated().map { c, cell in
                c == 0 ? "<th scope=\"row\">\(HTMLText.escape(cell))</th>"
                    : "<td\(c < numeric.count && numeric[c] ? " class=\"num\"" : "")>\(HTMLText.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n"
    }

    static let style = """

        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #1a1a1a; font: 16px/1.5 "DejaVu Serif", Georgia, serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
        main > p, .prose, ul, h1 { max-width: 46rem; }
        h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 1rem; }
        h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
        h3 { font-size: 1.05rem; margin: 1.6rem 0 0.5rem; }
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        h1.part { break-before: page; page-break-before: always; margin-top: 2.5rem; }
        .prose { margin-bottom: 1rem; }
        .equations { margin: 0.6rem 0 1rem; }
        .equation { max-width: 100%; overflow-x: auto; overflow-y: hidden; padding: 0.3rem 0; }
        .equations math { font-size: 1.05rem; }
        .equation.parts { text-align: center; line-height: 1; }
        .equation math.part { math-style: normal; }
        p > math { font-size: 1.05em; }
        .scroll { max-width: 100%; overflow-x: auto; }
        table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
        caption { max-width: calc(100vw - 2.5rem); text-align: left; font-style: italic; padding-bottom: 0.3rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; }
        thead th { border-bottom: 2px solid #888; text-align: left; }
        tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
        td { text-align: left; font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.85rem; white-space: nowrap; }
        th.num, td.num { text-align: right; }
        td:empty { min-width: 7rem; height: 1.8rem; }
        code .word { white-space: nowrap; }
        pre { background: #f5f5f5; padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; }
        figure { margin: 1rem 0 1.4rem; }
        figcaption { font-size: 0.85rem; color: #555; }
        svg { max-width: 100%; height: auto; }
        section.keep, figure, .scroll, table, pre, .equations, li { break-inside: avoid; page-break-inside: avoid; }
        caption, thead, figure svg { break-after: avoid; page-break-after: avoid; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        p { orphans: 3; widows: 3; }
        p:has(+ .scroll), p:has(+ .equations), p:has(+ figure) { break-after: avoid; page-break-after: avoid; }
        @media print {
          body { font-size: 10pt; line-height: 1.35; }
          figure svg { max-width: 70%; }
          h2 { margin-top: 1.4rem; }
          table { margin: 0.3rem 0 0.8rem; }
          table { line-height: 1.2; }
          th, td { padding: 0.08rem 0.5rem; }
          .equations { margin: 0.3rem 0 0.6rem; }
          .equation { padding: 0.1rem 0; }
          main { max-width: none; padding: 0; }
          h2 { break-before: auto; }
          .equation, .scroll, pre { overflow: visible; }
        }

        """
}
