/// Fits text to a terminal's width: a line longer than `width` display columns is broken at
/// the best place that fits, and what follows goes on continuation lines with a hanging indent.
///
/// Where a line may break, best first:
/// ```
/// 0  after a gap of two or more spaces, or after "; "     (side-by-side items: indent + 2)
/// 1  after ", ", ": " or ". ", or before " · "          (list items: indent + 2)
/// 2  before " = " or " ← "                               (under the line's first "=", else indent + 4)
/// 3  before " + ", " − " or " → "                         (as 2, two columns further in)
/// 4  after any space                                     (indent + 2)
/// 5  before "·" or "/"
/// ```
/// A number never contains one of these, so a number is never split. Widths count display
/// columns: a grapheme cluster (`m̂`) is one, an ANSI escape sequence none.
public struct TextLayout: Sendable, Equatable {
    /// The narrowest width a table and a formula still make sense in.
    public static let minimumWidth = 40
    /// The width when the output is not a terminal, so that piped output is the same everywhere.
    public static let defaultWidth = 80

    public var width: Int

    public init(width: Int = TextLayout.defaultWidth) {
        self.width = max(width, Self.minimumWidth)
    }

    /// Display columns of `text`: characters, not counting combining marks (`m̂` is one
    /// column) or ANSI escape sequences.
    public static func displayWidth<S: StringProtocol>(_ text: S) -> Int {
        // Plain ASCII (every number, most names) is one column a byte.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x1B }) { return text.utf8.count }
        var columns = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value), scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark: continue
            default: columns += 1
            }
        }
        return columns
    }

    /// Display columns of a run of characters, as ``displayWidth(_:)``.
    static func displayWidth<C: Collection<Character>>(characters: C) -> Int {
        var columns = 0
        var inEscape = false
        for character in characters {
            if inEscape {
                if let ascii = character.asciiValue, (64...126).contains(ascii), character != "[" { inEscape = false }
            } else if character == "\u{1B}" {
                inEscape = true
            } else {
                columns += 1
            }
        }
        return columns
    }

    /// Every line of `text` fitted to the width; a line that fits is left as it is.
    public func fit(_ text: String) -> String {
        // Most text fits: no line has more bytes than columns allowed, so nothing to measure.
        var bytes = 0
        var anyLong = false
        for byte in text.utf8 {
            if byte == 10 { bytes = 0 } else { bytes += 1 }
            if bytes > width { anyLong = true; break }
        }
        guard anyLong else { return text }

        var result = ""
        result.reserveCapacity(text.utf8.count + 64)
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while true {
            let atEnd = index == utf8.endIndex
            if atEnd || utf8[index] == 10 {
                let line = text[start..<index]
                if line.utf8.count <= width || Self.displayWidth(line) <= width {
                    result += line
                } else {
                    result += wrap(String(line)).joined(separator: "\n")
                }
                if atEnd { break }
                result += "\n"
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        return result
    }

    /// One line broken into lines that each fit.
    func wrap(_ line: String) -> [String] {
        let characters = Array(line)
        let base = characters.prefix { $0 == " " }.count
        var state = LineBuilder(width: width, base: base, alignColumn: Self.alignColumn(characters, width: width))
        state.current = Array(characters[..<base])
        state.place(Array(characters[base...]), level: -1)
        state.flush()
        return Self.closeStyles(state.lines)
    }

    /// The column of the line's first " = " or " ← ", when it is in the first half of the line.
    static func alignColumn(_ characters: [Character], width: Int) -> Int? {
        var column = 0
        var inEscape = false
        for (i, character) in characters.enumerated() {
            if inEscape {
                if let ascii = character.asciiValue, (64...126).contains(ascii), character != "[" { inEscape = false }
                continue
            }
            if character == "\u{1B}" { inEscape = true; continue }
            if (character == "=" || character == "←"), i > 0, characters[i - 1] == " ", i + 1 < characters.count, characters[i + 1] == " " {
                return column < width / 2 ? column : nil
            }
            column += 1
        }
        return nil
    }

    /// A style left open at the end of a line is closed there and opened again after the next
    /// line's indent, so that a continuation's indent is never underlined or coloured.
    static func closeStyles(_ lines: [String]) -> [String] {
        var open: String?
        return lines.map { line in
            var text = line
            if let open {
                let indent = text.prefix { $0 == " " }
                text = String(indent) + open + text.dropFirst(indent.count)
            }
            open = lastOpenStyle(in: text)
            if open != nil { text += TextStyle.reset }
            return text
        }
    }

    /// The last escape sequence of `text`, unless it is the reset.
    static func lastOpenStyle(in text: String) -> String? {
        guard let start = text.range(of: "\u{1B}[", options: .backwards) else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: "m") else { return nil }
        let sequence = String(text[start.lowerBound...end])
        return sequence == TextStyle.reset ? nil : sequence
    }
}

/// The greedy line filling behind ``TextLayout/wrap(_:)``.
private struct LineBuilder {
    let width: Int
    let base: Int
    let alignColumn: Int?
    var lines: [String] = []
    var current: [Character] = []
    var hasContent = false

    static let deepestLevel = 5

    init(width: Int, base: Int, alignColumn: Int?) {
        self.width = width
        self.base = base
        self.alignColumn = alignColumn
    }

    /// Where a line that starts at a break of `level` begins.
    func continuationIndent(level: Int) -> Int {
        switch level {
        case ...1: return base + 2
        case 2: return alignColumn ?? base + 4
        case 3, 5: return alignColumn.map { $0 + 2 } ?? base + 4
        default: return base + 2
        }
    }

    mutating func flush() {
        while current.last == " " { current.removeLast() }
        lines.append(String(current))
        current = []
        hasContent = false
    }

    /// Puts `piece` on the current line if it fits, else on a new one, else its parts one by one.
    mutating func place(_ piece: [Character], level: Int) {
        let trimmedEnd = piece.count - piece.reversed().prefix { $0 == " " }.count
        let pieceWidth = TextLayout.displayWidth(characters: piece[..<trimmedEnd])
        let currentWidth = TextLayout.displayWidth(characters: current)
        if currentWidth + pieceWidth <= width || (!hasContent && pieceWidth == 0) {
            current += piece
            hasContent = hasContent || pieceWidth > 0
            return
        }
        let body = Array(piece.drop { $0 == " " })
        let bodyEnd = body.count - body.reversed().prefix { $0 == " " }.count
        let indent = continuationIndent(level: max(level, 0))
        // A new line for the piece, unless that would leave the current line less than a third
        // full while the piece could still be broken: then its parts fill the line first.
        let worthANewLine = currentWidth > width / 3 || level >= Self.deepestLevel
        if hasContent, worthANewLine, indent + TextLayout.displayWidth(characters: body[..<bodyEnd]) <= width {
            flush()
            current = Array(repeating: " ", count: indent) + body
            hasContent = true
            return
        }
        if level < Self.deepestLevel {
            for part in Self.pieces(piece, level: level + 1) { place(part, level: level + 1) }
            return
        }
        // No place to break at this width: a character at a time (never reached at 40 columns or more).
        for character in piece {
            if TextLayout.displayWidth(characters: current) + 1 > width, hasContent {
                flush()
                current = Array(repeating: " ", count: indent)
            }
            current.append(character)
            hasContent = true
        }
    }

    static let semicolon: [Character] = [";", " "], comma: [Character] = [",", " "], colon: [Character] = [":", " "]
    static let stop: [Character] = [".", " "], dot: [Character] = [" ", "·", " "], equals: [Character] = [" ", "=", " "]
    static let arrow: [Character] = [" ", "←", " "], plus: [Character] = [" ", "+", " "], minus: [Character] = [" ", "−", " "]
    static let to: [Character] = [" ", "→", " "]

    /// `text` cut at the breaks of `level`; the pieces joined give `text` back.
    static func pieces(_ text: [Character], level: Int) -> [[Character]] {
        var cuts: [Int] = []
        var i = 0
        func matches(_ pattern: [Character], at index: Int) -> Bool {
            guard index + pattern.count <= text.count else { return false }
            for (offset, character) in pattern.enumerated() where text[index + offset] != character { return false }
            return true
        }
        while i < text.count {
            switch level {
            case 0:
                if text[i] == " ", i + 1 < text.count, text[i + 1] == " " {
                    var j = i
                    while j < text.count, text[j] == " " { j += 1 }
                    cuts.append(j)
                    i = j
                    continue
                }
                if matches(Self.semicolon, at: i) { cuts.append(i + 2) }
            case 1:
                if matches(Self.comma, at: i) || matches(Self.colon, at: i) || matches(Self.stop, at: i) { cuts.append(i + 2) }
                if matches(Self.dot, at: i) { cuts.append(i) }
            case 2:
                if matches(Self.equals, at: i) || matches(Self.arrow, at: i) { cuts.append(i) }
            case 3:
                if matches(Self.plus, at: i) || matches(Self.minus, at: i) || matches(Self.to, at: i) { cuts.append(i) }
            case 4:
                if text[i] == " ", i > 0 { cuts.append(i + 1) }
            default:
                if (text[i] == "·" || text[i] == "/"), i > 0 { cuts.append(i) }
            }
            i += 1
        }
        var result: [[Character]] = []
        var start = 0
        for cut in cuts where cut > start && cut < text.count {
            result.append(Array(text[start..<cut]))
            start = cut
        }
        result.append(Array(text[start...]))
        return result
    }
}
