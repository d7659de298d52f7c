import Foundation
import FoundationXML
import Testing
import TraceEngine
import TraceLessons
@testable import TraceRender

/// The blocks the terminal trace is made of, in every writer: a `.lines` block (indented
/// lines of text, formulas and the followed name), a level-4 heading, a table's focused rows.
@Suite struct LinesBlockTests {
    /// `m ← 0.9·m` and the worked `m(1) = 0.5`, built as the trace builds its lines.
    static let assignment = MathNode.row([.symbol(.m), .op("←"), .number("0.9"), .op("·"), .symbol(.m)])
    static let worked = MathNode.row([.indexed(.symbol(.m), .number("1")), .op("="), .number("0.5")])
    static let block = Block.lines([
        IndentedLine([.text("Worked example for "), .focus("W1[1,1]"), .text(":")]),
        IndentedLine(depth: 1, [.equation(assignment)]),
        IndentedLine(depth: 2, [.text("with "), .math(worked)]),
    ])

    static func written(_ writer: some DocumentWriter, _ blocks: [Block], output: StringOutput) throws -> String {
        var writer = writer
        try writer.begin(title: "t")
        for block in blocks { try writer.write(block) }
        try writer.end()
        return output.text
    }

    @Test("text: two spaces a level, the equation and the name styled, a blank line only before a next block")
    func text() throws {
        let plain = StringOutput()
        let text = try Self.written(TextDocumentWriter(output: plain), [Self.block, .paragraph("Next."), Self.block], output: plain)
        let lines = "Worked example for W1[1,1]:\n  m ← 0.9·m\n    with m(1) = 0.5\n"
        #expect(text == lines + "\nNext.\n\n" + lines)

        let ansi = StringOutput()
        let styled = try Self.written(TextDocumentWriter(output: ansi, style: .ansi), [Self.block], output: ansi)
        #expect(styled.hasPrefix("Worked example for \u{1B}[1;4mW1[1,1]\u{1B}[0m:\n  \u{1B}[1;35mm\u{1B}[0m ← 0.9·m\n"))
        // A formula among words (`.math`) is not set apart.
        #expect(styled.hasSuffix("    with m(1) = 0.5\n"))
    }

    @Test("text: a level-4 heading is a banner with nothing between it and what follows")
    func banner() throws {
        let output = StringOutput()
        let text = try Self.written(
            TextDocumentWriter(output: output, style: .ansi),
            [.lines([IndentedLine("Before")]), .heading(level: 4, text: "Step t = 1"), .lines([IndentedLine("After")])], output: output)
        #expect(text == "Before\n\n\u{1B}[1;36m━━ Step t = 1 ━━\u{1B}[0m\nAfter\n")
    }

    @Test("text: a single focused row has its first cell set apart")
    func focusedRow() throws {
        let output = StringOutput()
        let table = Table(header: ["parameter", "w"], rows: [["a", "1"], ["b", "2"]], focusedRows: [1])
        let text = try Self.written(TextDocumentWriter(output: output, style: .ansi), [.table(table)], output: output)
        // The padding after the name stays outside the style.
        #expect(text == "parameter  \u{1B}[1;35mw\u{1B}[0m\na          1\n\u{1B}[1;4mb\u{1B}[0m          2\n\n")
    }

    @Test("text: a table in a banner's part leaves its blank line to the next block, one outside writes it")
    func tableInBanner() throws {
        let table = Block.table(Table(header: ["parameter", "w"], rows: [["a", "1"]]))
        let rows = "parameter  w\na          1\n"
        let banner = StringOutput()
        let inBanner = try Self.written(
            TextDocumentWriter(output: banner),
            [.heading(level: 4, text: "t = 1"), table, .heading(level: 4, text: "t = 2"), table], output: banner)
        #expect(inBanner == "━━ t = 1 ━━\n" + rows + "\n━━ t = 2 ━━\n" + rows)

        let plain = StringOutput()
        let outside = try Self.written(TextDocumentWriter(output: plain), [.heading(level: 2, text: "T"), table], output: plain)
        #expect(outside == "T\n-\n\n" + rows + "\n")
    }

    @Test("text: a table too wide for the layout repeats its key columns in every stacked block")
    func keyColumns() throws {
        // 49 columns even one space apart: two blocks of 34, each naming the row again.
        let table = Table(header: ["parameter", "value", "first", "second"],
                          rows: [["W1[1,1]", "g", "0.12345678901234", "0.98765432109876"]], keyColumns: 2)
        let output = StringOutput()
        let text = try Self.written(TextDocumentWriter(output: output, layout: TextLayout(width: 40)), [.table(table)], output: output)
        let first = "parameter  value             first\nW1[1,1]        g  0.12345678901234\n"
        let second = "parameter  value            second\nW1[1,1]        g  0.98765432109876\n"
        #expect(text == first + "\n" + second + "\n")
    }

    @Test("markdown, HTML and LaTeX write every part of the lines, each line on its own, indented")
    func pages() throws {
        let md = StringOutput()
        let markdown = try Self.written(MarkdownWriter(output: md), [Self.block], output: md)
        #expect(markdown == "Worked example for **W1\\[1,1\\]**:\\\n&nbsp;&nbsp;$\(LaTeXMath.render(Self.assignment))$\\\n"
            + "&nbsp;&nbsp;&nbsp;&nbsp;with $\(LaTeXMath.render(Self.worked))$\n\n")

        let page = StringOutput()
        let html = try Self.written(HTMLWriter(output: page), [Self.block], output: page)
        #expect(html.contains("<p class=\"lines\">Worked example for <strong>W1[1,1]</strong>:<br/>\n&#160;&#160;"
            + MathMLWriter.math(Self.assignment, display: false) + "<br/>\n&#160;&#160;&#160;&#160;with "
            + MathMLWriter.math(Self.worked, display: false) + "</p>\n"))

        let tex = StringOutput()
        let latex = try Self.written(LaTeXWriter(output: tex), [Self.block], output: tex)
        #expect(latex.contains("Worked example for \\textbf{W1[1,1]}: \\\\\n\\hspace*{1em}$\(LaTeXMath.render(Self.assignment))$ \\\\\n"
            + "\\hspace*{2em}with $\(LaTeXMath.render(Self.worked))$\n\n"))
    }

    @Test("a page shows focused rows as the others", arguments: [OutputFormat.md, .html, .latex])
    func focusedRowsOnAPage(_ format: OutputFormat) throws {
        func page(_ focusedRows: Set<Int>) throws -> String {
            let output = StringOutput()
            let table = Table(header: ["parameter", "w"], rows: [["a", "1"], ["b", "2"]], focusedRows: focusedRows)
            return try Self.written(try format.writer(output), [.table(table)], output: output)
        }
        #expect(try page([1]) == page([]))
    }

    @Test("the terminal's trace written as a page: HTML well-formed, every format with each part of a step",
          arguments: [OutputFormat.md, .html, .latex])
    func traceAsAPage(_ format: OutputFormat) throws {
        let lesson = try #require(try BundledLessons.lesson(named: "default"))
        var settings = RunSettings(optimizer: .adam)
        settings.steps = 2
        let output = StringOutput()
        try Self.run(try settings.experiment(for: lesson), writer: try format.writer(output))
        let page = output.text
        for words in ["Chain rule, for each sample", "Step t = 2", "Forward pass and chain rule", "Worked example for", "2 updates done."] {
            #expect(page.contains(words), "\(format): \(words)")
        }
        if format == .html { _ = try XMLDocument(xmlString: page, options: []) }
    }

    /// The trace of `experiment`, every parameter worked, written by `writer`.
    static func run(_ experiment: Experiment, writer: some DocumentWriter) throws {
        var builder = TerminalTraceBuilder(writer: writer, focus: .all)
        _ = try Engine.run(experiment, into: &builder)
    }
}
