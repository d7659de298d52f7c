import CCmark
import Foundation

/// Lesson prose (CommonMark) through libcmark: to HTML, to LaTeX, and back to Markdown.
///
/// The only file that talks to the C library; no C type leaves it. Raw HTML never survives:
/// HTML uses cmark's safe mode, and the LaTeX and Markdown paths drop HTML nodes from the
/// parsed tree. The LaTeX path writes every literal through ``LaTeXText`` rather than
/// cmark's own LaTeX renderer, whose `verbatim` code blocks a lesson could close early.
public enum MarkdownProse {
    /// The HTML for `markdown`, safe mode (raw HTML and `javascript:` links removed). Images
    /// become their description: a handout page fetches nothing.
    public static func html(_ markdown: String) -> String {
        withDocument(markdown) { document in
            var images: [OpaquePointer] = []
            walk(document) { node, entering in
                if entering, cmark_node_get_type(node) == CMARK_NODE_IMAGE { images.append(node) }
            }
            for image in images {
                while let child = cmark_node_first_child(image) { cmark_node_insert_before(image, child) }
                cmark_node_unlink(image)
                cmark_node_free(image)
            }
            guard let rendered = cmark_render_html(document, CMARK_OPT_SAFE) else { return "" }
            defer { free(rendered) }
            return XMLText.dropIllegal(String(cString: rendered))
        }
    }

    /// `markdown` as Markdown again, with raw HTML removed and every block closed.
    public static func sanitizedMarkdown(_ markdown: String) -> String {
        withDocument(markdown) { document in
            var html: [OpaquePointer] = []
            walk(document) { node, entering in
                let type = cmark_node_get_type(node)
                if entering, type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE { html.append(node) }
            }
            for node in html {
                cmark_node_unlink(node)
                cmark_node_free(node)
            }
            guard let rendered = cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The LaTeX for `markdown`: paragraphs, emphasis, lists, quotes, headings and code, every
    /// literal escaped; links as their text and address, images as their description.
    public static func latex(_ markdown: String) -> String {
        withDocument(markdown) { document in
            var out = ""
            walk(document) { node, entering in
                let literal = { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH: if !entering { out += "\n\n" }
                case CMARK_NODE_HEADING: out += entering ? "\\paragraph*{" : "}\n\n"
                case CMARK_NODE_BLOCK_QUOTE: out += entering ? "\\begin{quote}\n" : "\\end{quote}\n"
                case CMARK_NODE_LIST:
                    let environment = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "enumerate" : "itemize"
                    out += entering ? "\\begin{\(environment)}\n" : "\\end{\(environment)}\n"
                case CMARK_NODE_ITEM: if entering { out += "\\item " }
                case CMARK_NODE_CODE_BLOCK:
                    let lines = literal().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
                    out += "\\begin{quote}\\ttfamily\n" + lines.map { LaTeXText.escape(String($0)) }.joined(separator: "\\\\\n")
                        + "\n\\end{quote}\n"
                case CMARK_NODE_THEMATIC_BREAK: out += "\\par\\noindent\\rule{\\linewidth}{0.4pt}\n\n"
                case CMARK_NODE_TEXT: out += LaTeXText.escape(literal())
                case CMARK_NODE_SOFTBREAK: out += "\n"
                case CMARK_NODE_LINEBREAK: out += "\\\\\n"
                case CMARK_NODE_CODE: out += "\\texttt{\(LaTeXText.escape(literal()))}"
                case CMARK_NODE_EMPH: out += entering ? "\\emph{" : "}"
                case CMARK_NODE_STRONG: out += entering ? "\\textbf{" : "}"
                case CMARK_NODE_LINK:
                    if !entering {
                        let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                        if !url.isEmpty { out += " (\\texttt{\(LaTeXText.escape(url))})" }
                    }
                case CMARK_NODE_IMAGE: out += entering ? "[image: " : "]"
                default: break  // raw HTML and anything else is left out
                }
            }
            return out
        }
    }

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
        return body(document)
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
