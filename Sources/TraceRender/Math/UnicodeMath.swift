import TraceEngine

/// Writes a ``MathNode`` as one line of plain Unicode, for terminals and help text:
/// fractions inline (`m/(1 − β₁ᵗ)`), roots as `√(…)`, small exponents raised (`g²`, `β₁ᵗ`).
public enum UnicodeMath {
    public static func render(_ node: MathNode) -> String {
        switch node {
        case let .symbol(symbol): return symbol.unicode
        case let .name(name): return name
        case let .number(text): return text
        case let .op(op): return spaced(op)
        case let .row(nodes):
            // A leading `−` is a sign (`−2·x`), written against what it negates.
            if case .op("−") = nodes.first { return "−" + nodes.dropFirst().map(render).joined() }
            return nodes.map(render).joined()
        case let .fraction(a, b):
            return "\(hasTopLevel(a, ["+", "−"]) ? "(\(render(a)))" : render(a))/"
                + (isAtom(b) ? render(b) : "(\(render(b)))")
        case let .squareRoot(a): return "√" + (isAtom(a) ? render(a) : "(\(render(a)))")
        case let .power(base, exponent):
            return (isAtom(base) ? render(base) : "(\(render(base)))") + superscript(render(exponent))
        case let .fenced(a): return "(\(render(a)))"
        case let .subscripted(base, sub): return render(base) + lowered(sub)
        case let .indexed(base, index): return "\(render(base))(\(render(index)))"
        case let .floor(a): return "⌊\(render(a))⌋"
        case let .function(name, arguments): return "\(name)(\(arguments.map(render).joined(separator: ", ")))"
        case let .text(text): return text.allSatisfy(\.isWhitespace) ? "    " : text
        case let .summation(index, body): return "Σ" + lowered(index) + " " + render(body)
        }
    }

    private static func spaced(_ op: String) -> String {
        switch op {
        case "·", "[", "]", "(", ")": return op
        case ",": return ", "
        default: return " \(op) "
        }
    }

    private static func isAtom(_ node: MathNode) -> Bool {
        switch node {
        case .symbol, .name, .number, .fenced, .indexed, .squareRoot, .floor, .function: return true
        case let .subscripted(base, _): return isAtom(base)
        case let .row(nodes):
            // `∂w₁` (names side by side, no operator) reads as one unit.
            return nodes.allSatisfy { if case .op = $0 { false } else { isAtom($0) } }
        default: return false
        }
    }

    private static func hasTopLevel(_ node: MathNode, _ operators: Set<String>) -> Bool {
        guard case let .row(nodes) = node else { return false }
        return nodes.contains { if case let .op(op) = $0 { operators.contains(op) } else { false } }
    }

    /// A subscript: a layer's number as it is (`δ2[1]`, as parameters are named `W2[1,1]`),
    /// a letter after `_`, in parentheses when it is more than one term (`a_(l − 1)`, `δ_L`,
    /// `w_ji`), so that `a_(l−1)` never reads as `al − 1`.
    private static func lowered(_ sub: MathNode) -> String {
        let raw = render(sub)
        if !raw.isEmpty, raw.allSatisfy(\.isASCII), raw.allSatisfy(\.isNumber) { return raw }
        // Already written in subscript letters (`ₖ`, as prose writes `yₖ`).
        if !raw.isEmpty, raw.unicodeScalars.allSatisfy(isSubscriptLetter) { return raw }
        return raw.contains(" ") ? "_(\(raw))" : "_" + raw
    }

    /// `ᵢ`, `ⱼ`, `ₖ`, `ₗ` and the other letters Unicode has as subscripts.
    private static func isSubscriptLetter(_ scalar: Unicode.Scalar) -> Bool {
        (0x2090...0x209C).contains(scalar.value) || (0x1D62...0x1D6A).contains(scalar.value) || scalar.value == 0x2C7C
    }

    private static func superscript(_ raw: String) -> String {
        let raised: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
            "t": "ᵗ",
        ]
        let mapped = raw.compactMap { raised[$0] }
        return mapped.count == raw.count ? String(mapped) : "^(\(raw))"
    }
}
