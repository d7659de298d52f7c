/// Writes a handout as a standalone LaTeX document (amsmath, booktabs) that compiles with
/// pdflatex: display equations for every formula, booktabs tables, lesson prose through
/// libcmark's LaTeX renderer.
public struct LaTeXWriter: DocumentWriter {
    let output: TraceOutput
    let paper: Paper

    public init(output: TraceOutput, paper: Paper = .a4) {
        self.output = output
        self.paper = paper
    }

    public mutating func begin(title: String) throws {
        try output.write("""
            \\documentclass[11pt]{article}
            \\usepackage[T1]{fontenc}
            \\usepackage[utf8]{inputenc}
            \\usepackage{lmodern}
            \\usepackage{amsmath}
            \\usepackage{booktabs}
            \\usepackage{graphicx}
            \\usepackage[\(paper.latexOption),margin=18mm]{geometry}
            \\usepackage{microtype}
            \(PGFStyle.preamble)
            % Commands stay copyable: -- in typewriter type is two hyphens, not an en dash.
            \\DisableLigatures[-]{encoding = T1, family = tt*}
            % In verbatim, ' and ` are the straight quote and the backtick (as upquote.sty does).
            \\makeatletter
            \\begingroup\\catcode`'=\\active\\catcode``=\\active
            \\gdef\\straightquotes{\\def'{\\textquotesingle}\\def`{\\textasciigrave}}
            \\endgroup
            \\g@addto@macro\\@noligs{\\straightquotes}
            \\makeatother
            \\setlength{\\emergencystretch}{3em}
            \\setlength{\\parindent}{0pt}
            \\setlength{\\parskip}{0.5\\baselineskip}
            \\allowdisplaybreaks
            % \(LaTeXText.escape(title).replacingOccurrences(of: "\n", with: " "))
            \\begin{document}

            """)
    }

    public mutating func write(_ block: Block) throws {
        switch block {
        case let .heading(level, text):
            let command = ["section", "subsection", "subsubsection"][min(max(level, 1), 3) - 1]
            try output.write("\\\(command)*{\(LaTeXText.escape(text))}\n\n")
        case let .prose(markdown):
            try output.write(MarkdownProse.latex(markdown) + "\n")
        case let .paragraph(text):
            try output.write(LaTeXText.escape(text) + "\n\n")
        case let .mathParagraph(parts):
            try output.write(Self.line(ParagraphPart.line(parts)) + "\n\n")
        case let .code(_, text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { CodeLineWrapper.wrap(String($0)) }
            try output.write("{\\footnotesize\n\\begin{verbatim}\n\(lines.joined(separator: "\n"))\n\\end{verbatim}\n}\n\n")
        case let .equations(lines):
            try output.write("\\begin{gather*}\n" + lines.map(LaTeXEquationLayout.render).joined(separator: " \\\\\n") + "\n\\end{gather*}\n\n")
        case let .lines(lines):
            try output.write(lines.map(Self.line).joined(separator: " \\\\\n") + "\n\n")
        case let .table(table):
            try output.write(Self.table(table))
        case let .network(network):
            let sizes = [network.inputCount] + network.layers.map(\.unitCount)
            try output.write("Units per layer, from the input: \(sizes.map(String.init).joined(separator: " $\\to$ ")).\n\n")
            try output.write(Self.figure(.network(network)))
        case .plot, .trajectories, .passes:
            if let figure = block.figure { try output.write(Self.figure(figure)) }
        case let .links(links):
            // Ragged right: a file name in typewriter type cannot hyphenate.
            try output.write("{\\raggedright\n\\begin{itemize}\n")
            for link in links {
                try output.write("\\item \(LaTeXText.escape(link.text)) (\\texttt{\(LaTeXText.escapeCode(link.file))}): \(LaTeXText.escape(link.note))\n")
            }
            try output.write("\\end{itemize}\n}\n\n")
        case let .section(_, title):
            // \section numbers itself, in the order the sections come.
            try output.write("\\clearpage\n\\section{\(LaTeXText.escape(title))}\n\n")
        case .contents:
            try output.write("\\tableofcontents\n\n")
        case .beginGroup, .endGroup:
            // LaTeX pages break where TeX chooses.
            break
        }
    }

    public mutating func end() throws {
        try output.write("\\end{document}\n")
        try output.flush()
    }

    /// Rows per printed piece of a long table: a scaled-down tabular cannot break across
    /// pages, so a table longer than a page (in \small type, on A4 or Letter) is set as pieces of at
    /// most this many rows, each with the header.
    static let rowsPerPiece = 40
    /// The figure centred where it comes (never floated away from its table), its caption
    /// beneath, kept on one page.
    static func figure(_ figure: Figure) -> String {
        "\\par\\begin{minipage}{\\linewidth}\n\\centering\n\(figure.latex)\n\\par\\smallskip{\\small\\textit{\(LaTeXText.escape(figure.caption))}}\n\\end{minipage}\n\\par\\medskip\n\n"
    }

    /// An indented line: 1em a level, formulas as inline math, the followed parameter in bold.
    static func line(_ line: IndentedLine) -> String {
        (line.depth > 0 ? "\\hspace*{\(line.depth)em}" : "") + line.parts.map { part in
            switch part {
            case let .text(words): return LaTeXText.escape(words)
            case let .math(formula), let .equation(formula): return "$\(LaTeXMath.render(formula))$"
            case let .focus(name): return "\\textbf{\(LaTeXText.escape(name))}"
            }
        }.joined()
    }

    static func table(_ table: Table) -> String {
        let columns = table.header.indices.map { table.isNumeric(column: $0) ? "r" : "l" }.joined()
        // The caption stays on the page of its table.
        var tex = table.caption.map { "\\textit{\(LaTeXText.escape($0))}\\par\\nopagebreak\n" } ?? ""
        for (index, piece) in pieces(table.rows).enumerated() {
            if index > 0 { tex += "\\textit{(continued)}\\par\\nopagebreak\n" }
            // A table wider than the text is scaled down to fit, never left sticking out.
            tex += "{\\small\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{\\begin{tabular}{\(columns)}\n\\toprule\n"
            tex += table.header.map(LaTeXText.escape).joined(separator: " & ") + " \\\\\n\\midrule\n"
            for row in piece { tex += row.map(LaTeXText.escape).joined(separator: " & ") + " \\\\\n" }
            tex += "\\bottomrule\n\\end{tabular}}}\n\n"
        }
        return tex
    }

    /// `rows` in pieces of at most ``rowsPerPiece``, each piece ending, where it can within
    /// its last quarter, before a row that starts a group (a non-empty first cell), so that a
    /// parameter's rows stay together.
    static func pieces(_ rows: [[String]]) -> [ArraySlice<[String]>] {
        var result: [ArraySlice<[String]>] = []
        var start = rows.startIndex
        while rows.endIndex - start > rowsPerPiece {
            var end = start + rowsPerPiece
            let earliest = start + rowsPerPiece * 3 / 4
            if let groupStart = (earliest...end).reversed().first(where: { !(rows[$0].first ?? "").isEmpty }) {
                end = groupStart
            }
            result.append(rows[start..<end])
            start = end
        }
        result.append(rows[start...])
        return result
    }
}
