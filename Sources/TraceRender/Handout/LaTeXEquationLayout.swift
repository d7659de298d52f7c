/// Breaks a display equation that would be wider than the page into aligned lines, as a
/// lecturer writes a long chain on the board: a new line before an `=` (or `←`, `≈`), and if
/// one side is still too long, before a `+` or `−` at the top level, indented.
///
/// Widths are estimated in glyphs of the body font (a fraction is as wide as its wider part,
/// sub- and superscripts count 0.7); a line of an 11 pt A4 or Letter page holds about
/// ``lineWidth`` of them.
enum LaTeXEquationLayout {
    static let lineWidth = 78.0

    /// The LaTeX for `node`: one line if it fits, else an `aligned` block.
    static func render(_ node: MathNode) -> String {
        let tokens = flatten(node)
        guard width(node) > lineWidth, let first = tokens.firstIndex(where: isRelation) else {
            return LaTeXMath.render(node)
        }
        var lines: [[MathNode]] = [Array(tokens[..<first])]
        var current: [MathNode] = []
        var currentWidth = 0.0
        func place(_ piece: [MathNode]) {
            let pieceWidth = piece.map(width).reduce(0, +)
            if !current.isEmpty, currentWidth + pieceWidth > lineWidth - 6 {
                lines.append(current)
                current = []
                currentWidth = 0
            }
            current += piece
            currentWidth += pieceWidth
        }
        for part in split(Array(tokens[first...]), where: { index, part in isRelation(part[index]) }) {
            if part.map(width).reduce(0, +) <= lineWidth - 6 {
                place(part)
            } else {
                // Too long for a line of its own: it breaks before its sums' terms.
                for piece in split(part, where: isSumBreak) { place(piece) }
            }
        }
        if !current.isEmpty { lines.append(current) }
        let lhs = lines[0].map(LaTeXMath.render).joined(separator: " ")
        let rest = lines.dropFirst().map { line -> String in
            let text = line.map(LaTeXMath.render).joined(separator: " ")
            return isRelation(line[0]) ? "&" + text : "&\\qquad " + text
        }
        return "\\begin{aligned}\n" + lhs + " " + rest.joined(separator: " \\\\\n") + "\n\\end{aligned}"
    }

    /// `tokens` cut before every index where `isBreak` holds (never before the first).
    static func split(_ tokens: [MathNode], where isBreak: (Int, [MathNode]) -> Bool) -> [[MathNode]] {
        var pieces: [[MathNode]] = []
        var start = 0
        for index in tokens.indices.dropFirst() where isBreak(index, tokens) {
            pieces.append(Array(tokens[start..<index]))
            start = index
        }
        if start < tokens.count { pieces.append(Array(tokens[start...])) }
        return pieces
    }

    /// A binary `+` or `−` (not a sign right after an operator).
    static func isSumBreak(at index: Int, in tokens: [MathNode]) -> Bool {
        guard isAddition(tokens[index]), index > 0 else { return false }
        if case .op = tokens[index - 1] { return false }
        return true
    }

    /// The formula's top-level items: nested rows are juxtaposition, so they are opened up.
    static func flatten(_ node: MathNode) -> [MathNode] {
        if case let .row(nodes) = node { return nodes.flatMap(flatten) }
        if case let .summation(index, body) = node { return [.subscripted(.name("Σ"), index)] + flatten(body) }
        return [node]
    }

    static func isRelation(_ node: MathNode) -> Bool {
        if case let .op(op) = node { return ["=", "←", "≈"].contains(op) }
        return false
    }

    static func isAddition(_ node: MathNode) -> Bool {
        if case let .op(op) = node { return op == "+" || op == "−" || op == "-" }
        return false
    }

    /// Estimated width in body-font glyphs.
    static func width(_ node: MathNode) -> Double {
        switch node {
        case .symbol: return 1.5
        case let .name(name): return Double(name.count)
        case let .number(text):
            let number = ScientificNumber(text)
            guard let exponent = number.exponent else { return Double(text.count) }
            return Double(number.mantissa.count) + 3 + 0.7 * Double("\(exponent)".count)
        case .op: return 2
        case let .row(nodes): return nodes.map(width).reduce(0, +)
        case let .fraction(a, b): return max(width(a), width(b)) + 0.6
        case let .squareRoot(a): return width(a) + 1.5
        case let .power(base, exponent): return width(base) + 0.7 * width(exponent)
        case let .fenced(a): return width(a) + 1.2
        case let .subscripted(base, sub): return width(base) + 0.7 * width(sub)
        case let .indexed(base, index): return width(base) + width(index) + 1
        case let .text(text): return Double(text.count)
        case let .floor(a): return width(a) + 1.2
        case let .function(name, arguments): return Double(name.count) + arguments.map(width).reduce(0, +) + 2
        case let .summation(index, body): return width(.subscripted(.name("Σ"), index)) + width(body)
        }
    }
}
