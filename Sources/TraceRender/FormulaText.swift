import TraceEngine

/// Writes an ``Expression`` as plain Unicode, as the lecture writes it (`η/√(s + ε)·g`), either
/// with its symbols or with numbers put in their place.
///
/// Parentheses appear only where precedence needs them; a negative number put into a
/// formula is parenthesised (`0.9·(-0.05)`).
public struct FormulaText {
    /// The text for each symbol: its Unicode name, or a number.
    public var text: (Symbol) -> String
    /// How a numeric constant of the formula itself (the `1` of `1 − β`) is written.
    public var constant: (Double) -> String = { value in
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : NumberFormat.full(value)
    }

    public init(text: @escaping (Symbol) -> String) {
        self.text = text
    }

    /// Symbols by their lecture names.
    public static var symbolic: FormulaText { FormulaText { $0.unicode } }

    /// `expression` as text.
    public func render(_ expression: Expression) -> String {
        render(expression, level: 0)
    }

    /// Binding strength: 1 for + and −, 2 for · and /, 3 for powers, 4 for atoms.
    private func level(of expression: Expression) -> Int {
        switch expression {
        case .sum, .difference: return 1
        case .product, .quotient: return 2
        case .power: return 3
        case .symbol, .constant, .squareRoot: return 4
        }
    }

    private func render(_ e: Expression, level minimum: Int) -> String {
        let body: String
        switch e {
        case let .symbol(symbol):
            body = text(symbol)
        case let .constant(value):
            body = constant(value)
        case let .sum(a, b):
            body = "\(render(a, level: 1)) + \(render(b, level: 1))"
        case let .difference(a, b):
            body = "\(render(a, level: 1)) − \(render(b, level: 2))"
        case let .product(a, b):
            let right = if case .product = b { render(b, level: 2) } else { render(b, level: 3) }
            body = "\(render(a, level: 2))·\(right)"
        case let .quotient(a, b):
            body = "\(render(a, level: 2))/\(render(b, level: 3))"
        case let .power(base, exponent):
            body = "\(render(base, level: 4))\(superscript(exponent))"
        case let .squareRoot(a):
            body = "√\(render(a, level: 4))"
        }
        return level(of: e) < minimum ? "(\(body))" : parenthesisedIfNegative(body, e)
    }

    /// A substituted negative number reads badly after an operator: `0.9·-0.05`.
    private func parenthesisedIfNegative(_ body: String, _ e: Expression) -> String {
        guard case .symbol = e, body.hasPrefix("-") else { return body }
        return "(\(body))"
    }

    private func superscript(_ exponent: Expression) -> String {
        let raw = render(exponent, level: 4)
        let digits: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
            "t": "ᵗ",
        ]
        let mapped = raw.compactMap { digits[$0] }
        return mapped.count == raw.count ? String(mapped) : "^\(raw)"
    }
}
