import TraceEngine

/// Lays out an ``Expression`` as a ``MathNode``.
///
/// `leaf` decides what each symbol becomes: itself (the formula) or a number (the worked
/// example). Parentheses are added only where precedence needs them, and around a
/// substituted negative number; quotients become fractions.
public struct MathBuilder {
    public var leaf: (Symbol) -> MathNode

    public init(leaf: @escaping (Symbol) -> MathNode) {
        self.leaf = leaf
    }

    /// Symbols as themselves.
    public static var symbolic: MathBuilder { MathBuilder { .symbol($0) } }

    public func build(_ expression: Expression) -> MathNode {
        build(expression, level: 0)
    }

    /// 1 for + and −, 2 for ·, 3 for powers, 4 for atoms (fractions and roots are atoms).
    private func level(of expression: Expression) -> Int {
        switch expression {
        case .sum, .difference: return 1
        case .product: return 2
        case .power: return 3
        case .symbol, .constant, .squareRoot, .quotient, .floor, .cosine, .minimum, .maximum, .pi: return 4
        }
    }

    private func build(_ e: Expression, level minimum: Int) -> MathNode {
        let node: MathNode
        switch e {
        case let .symbol(symbol):
            // A negative number needs parentheses after an operator, not alone in a numerator.
            let value = leaf(symbol)
            if minimum > 0, case let .number(text) = value, text.hasPrefix("-") { return .fenced(value) }
            return value
        case let .constant(value): node = Self.layout(.constant(value), build)
        case let .sum(a, b): node = Self.layout(.sum(a, b), build)
        case let .difference(.constant(0), b): node = Self.layout(.negation(b), build)
        case let .difference(a, b): node = Self.layout(.difference(a, b), build)
        case let .product(a, b):
            node = .row([build(a, level: 2), .op("·"), build(b, level: 2)])
        case let .quotient(a, b):
            node = .fraction(build(a, level: 0), build(b, level: 0))
        case let .power(base, exponent):
            // 2.1e-05² would read as 2.1·10^(−5²): parenthesise a number that has an exponent.
            var raised = build(base, level: 4)
            if case let .number(text) = raised, text.contains("e") { raised = .fenced(raised) }
            node = .power(raised, build(exponent, level: 0))
        case let .squareRoot(a):
            node = .squareRoot(build(a, level: 0))
        case let .floor(a):
            node = .floor(build(a, level: 0))
        case let .cosine(a):
            node = .function("cos", [build(a, level: 0)])
        case let .minimum(a, b):
            node = .function("min", [build(a, level: 0), build(b, level: 0)])
        case let .maximum(a, b):
            node = .function("max", [build(a, level: 0), build(b, level: 0)])
        case .pi:
            node = .name("π")
        }
        return level(of: e) < minimum ? .fenced(node) : node
    }
}

extension MathBuilder {
    /// What an optimizer's rule and the passes' formulas (``PassMathBuilder``) lay out alike.
    enum Additive<Operand> {
        case constant(Double)
        case sum(Operand, Operand)
        /// `0 − x`, how an equation writes a negation; the lecture writes `−x`.
        case negation(Operand)
        case difference(Operand, Operand)
    }

    /// `2` (not `2.0`), `a + b`, `−b`, `a − b`, with `operand(x, level)` building each operand
    /// at the level it needs: a difference's right side is parenthesised unless a product.
    static func layout<Operand>(_ additive: Additive<Operand>, _ operand: (Operand, Int) -> MathNode) -> MathNode {
        switch additive {
        case let .constant(value): return .number(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
        case let .sum(a, b): return .row([operand(a, 1), .op("+"), operand(b, 1)])
        case let .negation(b): return .row([.op("−"), operand(b, 2)])
        case let .difference(a, b): return .row([operand(a, 1), .op("−"), operand(b, 2)])
        }
    }
}
