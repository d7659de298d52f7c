import TraceEngine

/// Writes a ``MathNode`` as presentation MathML, which browsers render natively.
public enum MathMLWriter {
    /// `<math display="block">…</math>` (or inline).
    public static func math(_ node: MathNode, display: Bool = true) -> String {
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(display ? " display=\"block\"" : "")>\(render(node))</math>"
    }

    public static func render(_ node: MathNode) -> String {
        switch node {
        case let .symbol(symbol): return symbol.mathML
        case let .name(name) where name.count > 1 && name.hasSuffix("′"):
            // f′ as the lecture writes it: an italic f and a prime, not an upright word.
            return "<mrow><mi>\(HTMLText.escape(String(name.dropLast())))</mi><mo lspace=\"0\" rspace=\"0\">′</mo></mrow>"
        case let .name(name): return "<mi>\(HTMLText.escape(name))</mi>"
        case let .number(text): return number(text)
        case .op(","): return "<mo separator=\"true\">,</mo><mspace width=\"1em\"/>"
        case let .op(op): return "<mo>\(HTMLText.escape(op))</mo>"
        case let .row(nodes): return "<mrow>" + nodes.map(render).joined() + "</mrow>"
        case let .fraction(a, b): return "<mfrac>\(row(a))\(row(b))</mfrac>"
        case let .squareRoot(a): return "<msqrt>\(render(a))</msqrt>"
        case let .power(base, exponent):
            // β₁ᵗ: the exponent sits beside the subscript, not above it.
            if case let .symbol(symbol) = base, let raised = symbol.glyph.mathMLPower(row(exponent)) { return raised }
            return "<msup>\(row(base))\(row(exponent))</msup>"
        case let .fenced(a):
            // Parentheses grow only around fractions and roots; around β₁ they would look too big.
            let stretchy = isTall(a) ? "" : " stretchy=\"false\""
            return "<mrow><mo\(stretchy)>(</mo>\(render(a))<mo\(stretchy)>)</mo></mrow>"
        case let .subscripted(base, sub): return "<msub>\(row(base))\(row(sub))</msub>"
        case let .indexed(base, index):
            return "<mrow>\(render(base))<mo stretchy=\"false\">(</mo>\(render(index))<mo stretchy=\"false\">)</mo></mrow>"
        case let .floor(a): return "<mrow><mo>⌊</mo>\(render(a))<mo>⌋</mo></mrow>"
        case let .function(name, arguments):
            let list = arguments.map(render).joined(separator: "<mo separator=\"true\">,</mo>")
            return "<mrow><mi>\(name)</mi><mo>&#x2061;</mo><mrow><mo>(</mo>\(list)<mo>)</mo></mrow></mrow>"
        case let .summation(index, body):
            // The n-ary ∑ (U+2211) as an operator, upright, with its index beside it: as the
            // LaTeX writer's `{\sum}_k`, large in a display and small in a sentence.
            return "<mrow><msub><mo>∑</mo>\(row(index))</msub>\(render(body))</mrow>"
        case let .text(text):
            // MathML drops plain spaces at the ends of <mtext>; no-break spaces survive.
            let kept = text.utf8.contains(UInt8(ascii: " ")) ? text.replacingOccurrences(of: " ", with: "\u{00A0}") : text
            return text.allSatisfy(\.isWhitespace) ? "<mspace width=\"2em\"/>" : "<mtext>\(HTMLText.escape(kept))</mtext>"
        }
    }

    private static func isTall(_ node: MathNode) -> Bool {
        switch node {
        case .fraction, .squareRoot: return true
        case let .row(nodes): return nodes.contains(where: isTall)
        case let .fenced(a), let .indexed(a, _), let .subscripted(a, _), let .floor(a): return isTall(a)
        case let .function(_, arguments): return arguments.contains(where: isTall)
        case let .summation(_, body): return isTall(body)
        case let .power(a, b): return isTall(a) || isTall(b)
        default: return false
        }
    }

    /// MathML children of `msup`, `mfrac` and `msub` must be single elements.
    private static func row(_ node: MathNode) -> String {
        "<mrow>\(render(node))</mrow>"
    }

    /// `1e-08` → 1 × 10⁻⁸; `-0.05` → − 0.05.
    static func number(_ text: String) -> String {
        let number = ScientificNumber(text)
        let sign = number.negative ? "<mo>−</mo>" : ""
        guard let exponent = number.exponent else {
            return sign.isEmpty ? "<mn>\(number.mantissa)</mn>" : "<mrow>\(sign)<mn>\(number.mantissa)</mn></mrow>"
        }
        let power = exponent.hasPrefix("-")
            ? "<msup><mn>10</mn><mrow><mo>−</mo><mn>\(exponent.dropFirst())</mn></mrow></msup>"
            : "<msup><mn>10</mn><mrow><mn>\(exponent)</mn></mrow></msup>"
        let scaled = number.mantissa == "1" ? power : "<mn>\(number.mantissa)</mn><mo>×</mo>\(power)"
        return "<mrow>\(sign)\(scaled)</mrow>"
    }
}
