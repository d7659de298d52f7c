import Testing
@testable import TraceRender

/// The escapes every piece of text goes through, at the characters that decide them: the
/// expected texts are written out by hand from each format's rules (HTML's entities and XML's
/// forbidden characters, Markdown's markup characters, TeX's specials, JSON's escapes), and
/// cover the fast paths for text with nothing to escape as well as the slow ones beside them.
@Suite struct TextEscapeTests {
    @Test func htmlEscapesEntitiesAndDropsWhatXMLForbids() {
        #expect(HTMLText.escape("W2[1,1] = 0.5") == "W2[1,1] = 0.5")
        #expect(HTMLText.escape("η·m̂ → ŷ, ½ and U+FFFD \u{FFFD}") == "η·m̂ → ŷ, ½ and U+FFFD \u{FFFD}")
        #expect(HTMLText.escape("a < b & 'c' > \"d\"") == "a &lt; b &amp; &#39;c&#39; &gt; &quot;d&quot;")
        #expect(HTMLText.escape("tab\tline\nreturn\r") == "tab\tline\nreturn\r")
        // C0 controls, DEL, C1 controls (UTF-8 C2 80…C2 9F) and U+FFFE, U+FFFF are dropped,
        // each also where it is the only character to drop.
        for dropped in ["\u{1}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}", "\u{FFFE}", "\u{FFFF}"] {
            #expect(HTMLText.escape("η\(dropped)b") == "ηb", "U+\(String(dropped.unicodeScalars.first?.value ?? 0, radix: 16))")
        }
        // Neighbours of those that are legal: U+00A0, U+00B7, U+FFFD, U+EFBF.
        #expect(HTMLText.escape("\u{A0}\u{B7}\u{FFFD}\u{EFBF}") == "\u{A0}\u{B7}\u{FFFD}\u{EFBF}")
    }

    @Test func markdownEscapesMarkupCharacters() {
        #expect(MarkdownWriter.escape("plain text, 0.5 (ok)") == "plain text, 0.5 (ok)")
        #expect(MarkdownWriter.escape("W2[1,1] * x_1 # $5 ~ `c` \\") == "W2\\[1,1\\] \\* x\\_1 \\# \\$5 \\~ \\`c\\` \\\\")
        #expect(MarkdownWriter.escape("a<b>&c") == "a&lt;b&gt;&amp;c")
        // A line break of any kind is one space; \r\n is one character.
        #expect(MarkdownWriter.escape("a\nb\rc\r\nd") == "a b c d")
        #expect(MarkdownWriter.escape("η·m̂ [t]") == "η·m̂ \\[t\\]")
        // U+1FEF (Greek varia) is canonically the backtick, and escaped as it is.
        #expect(MarkdownWriter.escape("\u{1FEF}x") == "\\\u{1FEF}x")
        #expect(MarkdownWriter.cell("a|b\nc") == "a\\|b c")
        #expect(MarkdownWriter.cell("W2[1,1]") == "W2\\[1,1\\]")
    }

    @Test func latexEscapesSpecialsAndMapsSymbols() {
        #expect(LaTeXText.escape("plain 0.5") == "plain 0.5")
        #expect(LaTeXText.escape("50% of a_b & {c} #1 $") == "50\\% of a\\_b \\& \\{c\\} \\#1 \\$")
        #expect(LaTeXText.escape("\\ ^ ~ < > |") == "\\textbackslash{} \\^{} \\~{} \\textless{} \\textgreater{} \\textbar{}")
        #expect(LaTeXText.escape("a\tb\u{7}c\u{7F}d") == "a bcd")
        #expect(LaTeXText.escape("a\r\nb\nc") == "a b c")
        #expect(LaTeXText.escape("ŷ … é") == "$\\hat{y}$ \\dots{} é")
    }

    @Test func jsonEscapesQuotesControlsAndLineSeparators() {
        #expect(JSONText.string("W2[1,1] → η·m̂") == "\"W2[1,1] → η·m̂\"")
        #expect(JSONText.string("q\"\\\n\t\u{1}") == "\"q\\\"\\\\\\n\\t\\u0001\"")
        #expect(JSONText.string("a\u{2028}b") == "\"a\\u2028b\"")
        #expect(JSONText.string("a\u{2029}b") == "\"a\\u2029b\"")
        // Their neighbours U+2027 and U+202A (E2 80 A7, E2 80 AA) are plain text.
        #expect(JSONText.string("\u{2027}\u{202A}") == "\"\u{2027}\u{202A}\"")
    }

    /// DejaVu Sans's advance widths (in ems) summed by hand: W 0.989, 2 0.636, [ 0.39,
    /// 1 0.636, `,` 0.318, 1 0.636, ] 0.39, then η 0.634 and an unlisted ☺ at 0.65.
    @Test func textWidthsSumTheFontsAdvances() {
        #expect(abs(TextMeasure.width("W2[1,1]", size: 10) - 39.95) < 1e-9)
        #expect(abs(TextMeasure.width("η☺", size: 10) - 12.84) < 1e-9)
    }
}
