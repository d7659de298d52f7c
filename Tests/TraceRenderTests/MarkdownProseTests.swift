import Testing
import TraceRender

/// libcmark renders lesson prose; its safe mode keeps raw HTML and script links out
/// (behaviour documented in cmark's `cmark.h` for `CMARK_OPT_SAFE`).
@Suite struct MarkdownProseTests {
    @Test func rendersCommonMark() {
        #expect(MarkdownProse.html("Adam is *adaptive*.") == "<p>Adam is <em>adaptive</em>.</p>\n")
        #expect(MarkdownProse.html("- one\n- two\n") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    }

    @Test func safeModeDropsRawHTMLAndScriptLinks() {
        let html = MarkdownProse.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("onerror"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func libraryIsPresent() {
        #expect(MarkdownProse.libraryVersion.hasPrefix("0."))
    }
}
