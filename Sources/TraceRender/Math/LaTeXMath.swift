import TraceEngine

/// Writes a ``MathNode`` as LaTeX math (for Markdown's `$…$` and for LaTeX documents).
public enum LaTeXMath {
    public static func render(_ node: MathNode) -> String {
        switch node {
        case let .symbol(symbol): return symbol.latex
        case let .name(name): return latexName(name)
        case let .number(text): return number(text)
        case let .op(op): return operatorText(op)
        case let .row(nodes): return nodes.map(render).joined(separator: " ")
        case let .fraction(a, b): return "\\frac{\(render(a))}{\(render(b))}"
        case let .squareRoot(a): return "\\sqrt{\(render(a))}"
        case let .power(base, exponent): return "{\(render(base))}^{\(render(exponent))}"
        case let .fenced(a): return "\\left(\(render(a))\\right)"
        case let .subscripted(base, sub): return "{\(render(base))}_{\(render(sub))}"
        case let .indexed(base, index): return "\(render(base))(\(render(index)))"
        case let .floor(a): return "\\left\\lfloor \(render(a)) \\right\\rfloor"
        case let .function(name, arguments):
            return "\\\(name)\\left(\(arguments.map(render).joined(separator: ", "))\\right)"
        case let .text(text):
            return text.allSatisfy(\.isWhitespace) ? "\\quad" : "\\text{\(LaTeXText.escape(text))}"
        case let .summation(index, body): return "{\\sum}_{\(render(index))} \(render(body))"
        }
    }

    /// `1e-08` → `10^{-8}`, `4.873e-05` → `4.873 \times 10^{-5}`; `-0.05` stays.
    static func number(_ text: String) -> String {
        let number = ScientificNumber(text)
        guard let exponent = number.exponent else { return text }
        let power = "10^{\(exponent)}"
        return (number.negative ? "-" : "") + (number.mantissa == "1" ? power : "\(number.mantissa) \\times \(power)")
    }

    static func operatorText(_ op: String) -> String {
        switch op {
        case "−": return "-"
        case "·": return "\\cdot"
        case "←": return "\\leftarrow"
        case "≈": return "\\approx"
        case "≠": return "\\neq"
        case ",": return ",\\quad"
        default: return op
        }
    }

    static func latexName(_ name: String) -> String {
        latexNames[name] ?? name
    }

    private static let latexNames: [String: String] = [
        "δ": "\\delta", "η": "\\eta", "Σ": "\\sum", "∂": "\\partial", "ŷ": "\\hat{y}", "f′": "f'", "π": "\\pi",
    ]
}
