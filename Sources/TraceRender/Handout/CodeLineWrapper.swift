/// Breaks a line of Python wider than a printed page into lines Python reads the same way:
/// a trailing `  # comment` moves to its own line above the code, and the code breaks after
/// a `, ` inside brackets (where Python continues a line by itself), indented four more spaces.
enum CodeLineWrapper {
    /// Characters of `\footnotesize` typewriter type that fit the text width of A4 and Letter.
    static let limit = 84

    static func wrap(_ line: String) -> [String] {
        guard line.count > limit else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        if let comment = line.range(of: "  # ") {
            let code = String(line[..<comment.lowerBound])
            let text = line[comment.upperBound...]
            return [indent + "# " + text] + wrap(code)
        }
        let characters = Array(line)
        var depth = 0
        var inString: Character?
        var lastBreak: Int?
        for (index, character) in characters.enumerated() {
            if let quote = inString {
                if character == quote { inString = nil }
                continue
            }
            switch character {
            case "\"", "'": inString = character
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            case "," where depth > 0 && index + 1 < characters.count && characters[index + 1] == " ":
                if index + 1 <= limit { lastBreak = index }
            default: break
            }
        }
        guard let cut = lastBreak else { return [line] }
        let head = String(characters[...cut])
        let tail = indent + "    " + String(characters[(cut + 1)...]).drop { $0 == " " }
        return [head] + wrap(tail)
    }
}
