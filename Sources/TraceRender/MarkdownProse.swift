import CCmark
import Foundation

/// Lesson prose (CommonMark) to HTML through libcmark, in its safe mode.
///
/// The only file that talks to the C library; no C type leaves it. Safe mode replaces raw
/// HTML and `javascript:` links with comments, so lesson text never injects markup.
public enum MarkdownProse {
    /// The HTML for `markdown`.
    public static func html(_ markdown: String) -> String {
        let options = CMARK_OPT_SAFE
        let bytes = Array(markdown.utf8)
        guard let rendered = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) {
                cmark_markdown_to_html($0, buffer.count, options)
            }
        }) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The LaTeX for `markdown` (cmark's LaTeX renderer escapes TeX's special characters;
    /// raw HTML is dropped). Non-ASCII symbols are left for ``LaTeXText`` to map.
    public static func latex(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let options = CMARK_OPT_SAFE
        guard let document = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, buffer.count)) {
                cmark_parse_document($0, buffer.count, options)
            }
        }) else { return "" }
        defer { cmark_node_free(document) }
        guard let rendered = cmark_render_latex(document, options, 0) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    /// The version of libcmark in use, e.g. `0.30.2`.
    public static var libraryVersion: String {
        String(cString: cmark_version_string())
    }
}
