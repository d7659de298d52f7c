import TraceLessons
import TraceRender

/// `trace lessons`: one line per bundled lesson, its name, then its title; a title too long
/// for `width` goes on under itself.
package enum LessonList {
    package static func lines(width: Int = TextLayout.defaultWidth) throws -> [String] {
        let names = BundledLessons.names
        let nameWidth = names.map(\.count).max() ?? 0
        let indent = String(repeating: " ", count: nameWidth + 2)
        return try names.flatMap { name in
            let title = try BundledLessons.lesson(named: name)?.title ?? ""
            let titleLines = wrapped(title, width: max(width - indent.count, 20))
            return titleLines.enumerated().map { index, line in
                (index == 0 ? name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  " : indent) + line
            }
        }
    }

    /// `text` in lines of at most `width` columns, broken between words (a word longer than
    /// the width keeps a line of its own).
    static func wrapped(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, TextLayout.displayWidth(line) + 1 + TextLayout.displayWidth(word) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + [line]
    }
}
