import Testing
@testable import TraceRender

/// Code in lesson prose stays copyable: in HTML each word of inline code is kept on one line
/// (`--eta` never breaks after its hyphens), in LaTeX a quote is the straight `'`.
@Suite struct CodeInProseTests {
    @Test func htmlKeepsEachWordOfInlineCodeWhole() {
        let html = MarkdownProse.html("Run `trace adam --eta 0.01` and see:\n\n```\nkeep --this as is\n```\n")
        #expect(html.contains(
            "<code><span class=\"word\">trace</span> <span class=\"word\">adam</span> <span class=\"word\">--eta</span> <span class=\"word\">0.01</span></code>"))
        #expect(html.contains("<pre><code>keep --this as is\n</code></pre>"), "\(html)")
        #expect(HTMLWriter.style.contains("code .word { white-space: nowrap; }"))
    }

    @Test func htmlCodeWithEntitiesAndDoubleSpacesStaysIntact() {
        let html = MarkdownProse.html("`a  <b> 'c'`")
        #expect(html.contains("<code><span class=\"word\">a</span>  <span class=\"word\">&lt;b&gt;</span> <span class=\"word\">'c'</span></code>"), "\(html)")
    }

    @Test func latexCodeWritesStraightQuotes() {
        #expect(LaTeXText.escapeCode("--focus 'W1[1,2]'") == "--focus \\textquotesingle{}W1[1,2]\\textquotesingle{}")
        #expect(LaTeXText.escapeCode("`x`_1") == "\\textasciigrave{}x\\textasciigrave{}\\_1")
        #expect(MarkdownProse.latex("`--focus 'b2[1]'`").contains("\\texttt{--focus \\textquotesingle{}b2[1]\\textquotesingle{}}"))
    }
}
