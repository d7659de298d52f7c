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
        case let .code(_, text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { CodeLineWrapper.wrap(String($0)) }
            try output.write("{\\footnotesize\n\\begin{verbatim}\n\(lines.joined(separator: "\n"))\n\\end{verbatim}\n}\n\n")
        case let .equations(lines):
            try output.write("\\begin{gather*}\n" + lines.map(LaTeXEquationLayout.render).joined(separator: " \\\\\n") + "\n\\end{gather*}\n\n")
        case let .table(table):
            try output.write(Self.table(table))
        case let .network(network):
            let sizes = [network.inputCount] + network.layers.map(\.unitCount)
            try output.write("Units per layer, from the input: \(sizes.map(String.init).joined(separator: " $\\to$ ")).\n\n")
            try output.write(Self.figure(.network(network)))
        case .plot, .trajectories:
            if let figure = block.figure { try output.write(Self.figure(figure)) }
        case let .links(links):
            // Ragged right: a file name in typewriter type cannot hyphenate.
            try output.write("{\\raggedright\n\\begin{itemize}\n")
            for link in links {
                try output.write("\\item \(LaTeXText.escape(link.text)) (\\texttt{\(LaTeXText.escape(link.file))}): \(LaTeXText.escape(link.note))\n")
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

    /// The figure centred where it comes (never floated away from its table), its caption
    /// beneath, kept on one page.
    static func figure(_ figure: Figure) -> String {
        "\\par\\begin{minipage}{\\linewidth}\n\\centering\n\(figure.latex)\n\\par\\smallskip{\\small\\textit{\(LaTeXText.escape(figure.caption))}}\n\\end{minipage}\n\\par\\medskip\n\n"
    }

    static func table(_ table: Table) -> String {
        let columns = table.header.indices.map { table.isNumeric(column: $0) ? "r" : "l" }.joined()
        var tex = table.caption.map { "\\textit{\(LaTeXText.escape($0))}\n\n" } ?? ""
        // A table wider than the text is scaled down to fit, never left sticking out.
        tex += "{\\small\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{\\begin{tabular}{\(columns)}\n\\toprule\n"
        tex += table.header.map(LaTeXText.escape).joined(separator: " & ") + " \\\\\n\\midrule\n"
        for row in table.rows { tex += row.map(LaTeXText.escape).joined(separator: " & ") + " \\\\\n" }
        return tex + "\\bottomrule\n\\end{tabular}}}\n\n"
    }
}
