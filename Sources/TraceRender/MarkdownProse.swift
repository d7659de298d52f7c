import CCmark
import Foundation

/// Lesson prose (CommonMark) through libcmark: to HTML, to LaTeX, and back to Markdown.
///
/// The only file that talks to the C library; no C type leaves it. Every format is made from
/// cmark's tree after the same clean-up: raw HTML removed, images replaced by their
/// description (a handout fetches nothing), and links that ``LinkPolicy`` refuses replaced by
/// their text. HTML is then rendered in cmark's safe mode, Markdown by cmark's CommonMark
/// renderer, and LaTeX by this file's own walk, which writes every literal through
/// ``LaTeXText`` (cmark's LaTeX renderer writes `verbatim` code blocks a lesson could close).
public enum MarkdownProse {
    /// The HTML for `markdown`, in cmark's safe mode.
    public static func html(_ markdown: String) -> String {
        withDocument(markdown) { document in
            guard let rendered = cmark_render_html(document, CMARK_OPT_SAFE) else { return "" }
            defer { free(rendered) }
            return keepingCodeWordsWhole(XMLText.dropIllegal(String(cString: rendered)))
        }
    }

    /// cmark's HTML with each word of inline code in a `<span class="word">`, which the
    /// style keeps on one line: `--eta` never breaks after a hyphen, while a long command can
    /// still wrap at its spaces on a narrow screen. Code blocks (`<pre><code>`) are left as they are.
    static func keepingCodeWordsWhole(_ html: String) -> String {
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: "<code>") {
            let isBlock = rest[..<open.lowerBound].hasSuffix("<pre>")
            guard let close = rest[open.upperBound...].range(of: "</code>") else { break }
            out += rest[..<open.upperBound]
            let code = rest[open.upperBound..<close.lowerBound]
            out += isBlock ? String(code) : code.split(separator: " ", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "<span class=\"word\">\($0)</span>" }.joined(separator: " ")
            out += "</code>"
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// `markdown` as Markdown again, cleaned up, with every block closed.
    public static func sanitizedMarkdown(_ markdown: String) -> String {
        withDocument(markdown) { document in
            guard let rendered = cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The LaTeX for `markdown`: paragraphs, emphasis, lists, quotes, headings and code, every
    /// literal escaped; links as their text and address, images as their description.
    ///
    /// Every construct gives LaTeX that compiles whatever it holds: a code block's lines each
    /// start with `\mbox{}` (so a blank first line is not `\\` with no line to end) and keep
    /// their spaces; a hard line break is `\mbox{}\newline`, which has a line to end even first
    /// in a paragraph; lists and quotes nest as
    /// environments to ``maximumNesting`` levels (LaTeX stops at 6) and deeper as plain
    /// paragraphs with a dash for each item.
    public static func latex(_ markdown: String) -> String {
        withDocument(markdown) { document in
            var out = ""
            var depth = 0
            /// Whether each open list or quote is an environment (false past the limit).
            var environments: [Bool] = []
            func open(_ environment: String) {
                depth += 1
                let isEnvironment = depth <= maximumNesting
                environments.append(isEnvironment)
                out += isEnvironment ? "\\begin{\(environment)}\n" : "\\par\n"
            }
            func close(_ environment: String) {
                depth -= 1
                out += environments.popLast() == true ? "\\end{\(environment)}\n" : "\\par\n"
            }
            walk(document) { node, entering in
                let literal = { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH: if !entering { out += "\n\n" }
                case CMARK_NODE_HEADING: out += entering ? "\\paragraph*{" : "}\n\n"
                case CMARK_NODE_BLOCK_QUOTE: entering ? open("quote") : close("quote")
                case CMARK_NODE_LIST:
                    let environment = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "enumerate" : "itemize"
                    entering ? open(environment) : close(environment)
                case CMARK_NODE_ITEM: if entering { out += environments.last == true ? "\\item " : "-- " }
                case CMARK_NODE_CODE_BLOCK:
                    let lines = literal().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                    let body = lines.map { "\\mbox{}" + LaTeXText.escapeCode(String($0)).replacingOccurrences(of: " ", with: "~") }
                    out += (depth < maximumNesting ? "\\begin{quote}\\ttfamily\n" : "\\par{\\ttfamily\n")
                        + body.joined(separator: "\\\\\n") + (depth < maximumNesting ? "\n\\end{quote}\n" : "}\\par\n")
                case CMARK_NODE_THEMATIC_BREAK: out += "\\par\\noindent\\rule{\\linewidth}{0.4pt}\n\n"
                case CMARK_NODE_TEXT: out += LaTeXText.escape(literal())
                case CMARK_NODE_SOFTBREAK: out += "\n"
                case CMARK_NODE_LINEBREAK: out += "\\mbox{}\\newline\n"
                case CMARK_NODE_CODE: out += "\\texttt{\(LaTeXText.escapeCode(literal()))}"
                case CMARK_NODE_EMPH: out += entering ? "\\emph{" : "}"
                case CMARK_NODE_STRONG: out += entering ? "\\textbf{" : "}"
                case CMARK_NODE_LINK:
                    if !entering {
                        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                        if !url.isEmpty { out += " (\\texttt{\(LaTeXText.escape(url))})" }
                    }
                default: break  // raw HTML and images were removed by the clean-up
                }
            }
            return out
        }
    }

    /// The deepest nesting of lists and quotes written as LaTeX environments (itemize and
    /// enumerate allow 4 levels each, all lists together 6; a code block is a quote too).
    static let maximumNesting = 4

    /// The version of libcmark in use, e.g. `0.30.2`.
    public static var libraryVersion: String {
        String(cString: cmark_version_string())
    }

    private static func withDocument(_ markdown: String, _ body: (OpaquePointer) -> String) -> String {
        let bytes = Array(markdown.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) {
                cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT)
            }
        }) else { return "" }
        defer { cmark_node_free(document) }
        cleanUp(document)
        return body(document)
    }

    /// Removes raw HTML, replaces images by their description and refused links by their text.
    private static func cleanUp(_ document: OpaquePointer) {
        var removed: [OpaquePointer] = []
        var unwrapped: [OpaquePointer] = []
        walk(document) { node, entering in
            guard entering else { return }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: removed.append(node)
            case CMARK_NODE_IMAGE: unwrapped.append(node)
            case CMARK_NODE_LINK:
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if !LinkPolicy.allows(url) { unwrapped.append(node) }
            default: break
            }
        }
        for node in removed {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for node in unwrapped {
            while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// Visits every node in document order, entering and (for containers) exiting.
    private static func walk(_ document: OpaquePointer, _ visit: (OpaquePointer, Bool) -> Void) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }
}
