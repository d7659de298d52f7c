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
        #expect(!html.contains("<a "))
        #expect(!html.contains("raw HTML"), "raw HTML is removed from the tree, not replaced by a comment")
    }

    /// Addresses a browser would run or load as a document: each scheme as a browser reads it
    /// (case ignored, whitespace and control characters inside the scheme skipped; WHATWG URL
    /// standard, "scheme state").
    static let refused = [
        "javascript:alert(3)", "JaVaScRiPt:alert(3)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=",
        "file:///etc/passwd", " javascript:alert(1)", "ftp://example.org/x",
    ]
    static let kept = ["https://example.org/a", "http://example.org/", "mailto:teacher@example.org", "notes.html", "#step-2", "/course/week1", "a/b:c"]

    @Test("one link policy: a refused link is its text in Markdown, HTML and LaTeX", arguments: refused)
    func aRefusedLinkIsItsText(address: String) {
        let prose = "See [the notes](<\(address)>) here."
        #expect(!LinkPolicy.allows(address), "\(address)")
        for output in [MarkdownProse.sanitizedMarkdown(prose), MarkdownProse.html(prose), MarkdownProse.latex(prose)] {
            #expect(output.contains("the notes"))
            #expect(!output.lowercased().contains("script:") && !output.contains("data:") && !output.contains("file:") && !output.contains("ftp:"), "\(output)")
            #expect(!output.contains("<a ") && !output.contains("]("), "\(output)")
        }
    }

    @Test("http, https, mailto and relative links are kept in every format", arguments: kept)
    func anAllowedLinkIsKept(address: String) {
        #expect(LinkPolicy.allows(address))
        let prose = "See [the notes](\(address))."
        #expect(MarkdownProse.sanitizedMarkdown(prose).contains("[the notes](\(address))"))
        #expect(MarkdownProse.html(prose).contains("<a href=\""))
        #expect(MarkdownProse.latex(prose).contains("\\texttt{"))
    }

    @Test func scriptSchemesWithHiddenCharactersAreRefused() {
        #expect(!LinkPolicy.allows("java\tscript:alert(1)"))
        #expect(!LinkPolicy.allows("java\u{0}script:alert(1)"))
        #expect(!LinkPolicy.allows("\u{1}javascript:alert(1)"))
        #expect(LinkPolicy.allows("notes.html?x=javascript:alert(1)"), "a colon after the path is not a scheme")
    }

    @Test func imagesAreTheirDescriptionEverywhere() {
        let prose = "![a plot](http://tracker.example/pixel.png)"
        #expect(MarkdownProse.sanitizedMarkdown(prose) == "a plot\n")
        #expect(MarkdownProse.html(prose) == "<p>a plot</p>\n")
        #expect(!MarkdownProse.latex(prose).contains("tracker"))
    }

    @Test func libraryIsPresent() {
        #expect(MarkdownProse.libraryVersion.hasPrefix("0."))
    }
}
