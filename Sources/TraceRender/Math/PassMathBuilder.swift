import TraceEngine

/// Lays out a formula of the passes (an ``IndexedExpression``) as a ``MathNode``, in a
/// ``PassNotation``: what ``MathBuilder`` is for an optimizer's rule. Parentheses go where
/// precedence needs them, and around a sum that multiplies (`Σ` reaches to the right).
public struct PassMathBuilder {
    public var notation: PassNotation

    public init(_ notation: PassNotation) {
        self.notation = notation
    }

    /// `target = expression`.
    public func equation(_ equation: PassEquation) -> MathNode {
        .row([element(equation.target), .op("="), build(equation.expression)])
    }

    public func build(_ expression: IndexedExpression) -> MathNode {
        build(expression, level: 0)
    }

    /// 1 for + and −, 2 for · and Σ, 3 for powers, 4 for atoms (fractions, functions).
    private func level(of expression: IndexedExpression) -> Int {
        switch expression {
        case .sum, .difference: return 1
        case .product, .summation: return 2
        case .power: return 3
        case .element, .constant, .quotient, .apply: return 4
        }
    }

    private func build(_ e: IndexedExpression, level minimum: Int) -> MathNode {
        let node: MathNode
        switch e {
        case let .element(element):
            node = self.element(element)
        case let .constant(value): node = MathBuilder.layout(.constant(value), build)
        case let .sum(a, b): node = MathBuilder.layout(.sum(a, b), build)
        case let .difference(.constant(0), b): node = MathBuilder.layout(.negation(b), build)
        case let .difference(a, b): node = MathBuilder.layout(.difference(a, b), build)
        case let .product(a, b):
            node = .row([factor(a, first: true), spacesSlope(b) ? .text(" · ") : .op("·"), factor(b, first: false)])
        case .quotient(.constant(1), .constant(2)) where notation.prose:
            node = .name("½")
        case let .quotient(a, b):
            node = .fraction(build(a, level: 0), build(b, level: 0))
        case let .power(base, exponent):
            node = .power(build(base, level: 4), build(exponent, level: 0))
        case let .summation(letter, body):
            node = summation(letter, body)
        case let .apply(function, argument):
            node = apply(function, argument)
        }
        return level(of: e) < minimum ? .fenced(node) : node
    }

    /// A factor of a product: a sum in front fenced (`(Σ_k W·δ)·f′`), and in prose a fraction
    /// too (`(1/K)·Σₖ`), where an inline `1/K·Σₖ` would read as `1/(K·Σₖ)`.
    private func factor(_ e: IndexedExpression, first: Bool) -> MathNode {
        let node = build(e, level: 2)
        if first, case .summation = e { return .fenced(node) }
        if notation.prose, case .fraction = node { return .fenced(node) }
        return node
    }

    private func spacesSlope(_ e: IndexedExpression) -> Bool {
        guard notation.spacesSlope, case .apply(.slope, _) = e else { return false }
        return true
    }

    // MARK: Sums and functions

    /// `Σ_k terms`; with vectors, `Σ_i W[j,i]·v[i]` is `W·v` and `Σ_k W[k,j]·v[k]` is `Wᵀ·v`.
    private func summation(_ letter: PassIndex.Letter, _ body: IndexedExpression) -> MathNode {
        if notation.units == .vectors, case let .product(.element(matrix), .element(vector)) = body,
            matrix.units.count == 2, vector.units.map(\.letter) == [letter] {
            if matrix.units[1].letter == letter { return .row([element(matrix), .op("·"), element(vector)]) }
            if matrix.units[0].letter == letter { return .row([.power(element(matrix), .name("T")), .op("·"), element(vector)]) }
        }
        // A sum of terms in brackets, as the lecture writes bce's: `Σ_k [y_k·ln ŷ_k + …]` (and
        // inline LaTeX can break inside brackets, not inside \left( \right)).
        let terms = level(of: body) < 2
            ? .row([.op("["), build(body, level: 0), .op("]")])
            : build(body, level: 2)
        return .summation(unitNode([PassIndex(letter)]), terms)
    }

    private func apply(_ function: PassFunction, _ argument: IndexedExpression) -> MathNode {
        switch function {
        case .exp:
            return .power(.name("e"), build(argument, level: 0))
        case .ln:
            if notation.prose, case .element = argument { return .row([.text("ln "), build(argument, level: 4)]) }
            return .function("ln", [build(argument, level: 0)])
        case .tanh:
            return .function("tanh", [build(argument, level: 0)])
        case .rectifier:
            return .function("max", [.number("0"), build(argument, level: 0)])
        case .step:
            return .row([.op("["), build(argument, level: 0), .op(">"), .number("0"), .op("]")])
        case let .activation(layer):
            if layer.letter == nil, notation.activations.indices.contains(layer.offset - 1) {
                let activation = notation.activations[layer.offset - 1]
                if activation.isElementwise { return .row([.name(activation.functionName), .fenced(build(argument, level: 0))]) }
                if case let .element(z) = argument, let unit = z.units.first, unit.letter == nil {
                    // A softmax unit depends on its whole layer: its definition, written out.
                    return build(activation.equation.expression.placed(inLayer: layer).numbered([.k: unit.offset]), level: 0)
                }
            }
            return .row([functionName("f", layer: layer), .fenced(build(argument, level: 0))])
        case let .slope(layer):
            if notation.namesSlopes, layer.letter == nil, notation.activations.indices.contains(layer.offset - 1) {
                return .row([.name(notation.activations[layer.offset - 1].functionName + "′"), .fenced(build(argument, level: 0))])
            }
            return .row([functionName("f′", layer: layer), .fenced(build(argument, level: 0))])
        }
    }

    /// `f_l` for a layer `l`; the last layer's and a numbered layer's `f` stand alone (each
    /// is one layer's own activation).
    private func functionName(_ name: String, layer: PassIndex) -> MathNode {
        layer.letter == .l ? .subscripted(.name(name), layerNode(layer) ?? .name("l")) : .name(name)
    }

    // MARK: Elements

    /// A value of the passes in this notation: `W_(l+1)[k,j]`, `W_(l+1)`, `δ_j`, `ŷ1`, `∂L/∂ŷ`.
    public func element(_ element: PassElement) -> MathNode {
        switch element.quantity {
        case .loss: return .name("L")
        case .outputCount: return .name("K")
        case .lossSlope:
            let prediction = self.element(PassElement(.prediction, units: element.units))
            return .fraction(.row([.name("∂"), .name("L")]), .row([.name("∂"), prediction]))
        case .weightGradient, .biasGradient:
            return gradient(of: element)
        case .input, .target, .prediction, .z, .a, .delta, .weight, .bias:
            break
        }
        var name = element.quantity.rawValue
        var layer = element.layer
        if notation.inputAsX, element.quantity == .a, layer == PassIndex(number: 0) {
            name = "x"
            layer = nil
        }
        let layered = layer != nil || name == "x"
        switch notation.units {
        case .vectors:
            return layer.flatMap(layerNode).map { .subscripted(.name(name), $0) } ?? .name(name)
        case .subscripts:
            return element.units.isEmpty ? .name(name) : .subscripted(.name(name), unitNode(element.units))
        case .brackets:
            guard layered else { return element.units.isEmpty ? .name(name) : .subscripted(.name(name), unitNode(element.units)) }
            let base = layer.flatMap(layerNode).map { MathNode.subscripted(.name(name), $0) } ?? .name(name)
            return .row([base, .op("["), unitNode(element.units), .op("]")])
        }
    }

    /// A parameter's gradient as the equation's left side: `g of W_l[j,i]` with every index,
    /// the lecture's `g_ji` for a weight (and `g` for a bias), else `g`.
    private func gradient(of element: PassElement) -> MathNode {
        switch notation.units {
        case .brackets:
            let parameter = PassElement(element.quantity == .weightGradient ? .weight : .bias, layer: element.layer, units: element.units)
            return .row([.name("g"), .text(" of "), self.element(parameter)])
        case .subscripts where element.quantity == .weightGradient:
            return .subscripted(.name("g"), unitNode(element.units))
        case .subscripts, .vectors:
            return .name("g")
        }
    }

    /// A layer's subscript: `2`, `l`, `L`, `l + 1` (`(l+1)` compact); `nil` for the last
    /// layer where it is not written.
    private func layerNode(_ layer: PassIndex) -> MathNode? {
        guard let letter = layer.letter else { return .number("\(layer.offset)") }
        if letter == .L, !notation.writesLastLayer { return nil }
        guard layer.offset != 0 else { return .name(letter.rawValue) }
        let sign = layer.offset > 0 ? "+" : "−"
        if notation.compactLayers { return .fenced(.name("\(letter.rawValue)\(sign)\(abs(layer.offset))")) }
        return .row([.name(letter.rawValue), .op(sign), .number("\(abs(layer.offset))")])
    }

    /// Units: `1`, `k`, `k,j` in brackets, `ji` as a subscript, `ₖ` in prose.
    private func unitNode(_ units: [PassIndex]) -> MathNode {
        if units.count == 1, units[0].letter == nil { return .number("\(units[0].offset)") }
        let texts = units.map { unit -> String in
            guard let letter = unit.letter else { return "\(unit.offset)" }
            let text = notation.prose ? Self.subscriptLetters[letter.rawValue] ?? letter.rawValue : letter.rawValue
            return unit.offset == 0 ? text : "\(text)\(unit.offset > 0 ? "+" : "−")\(abs(unit.offset))"
        }
        return .name(texts.joined(separator: notation.units == .brackets ? "," : ""))
    }

    private static let subscriptLetters = ["i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ"]
}

extension Activation {
    /// The activation as the lecture writes it in a formula: `σ`, `tanh`, `relu`, `identity`, `softmax`.
    public var functionName: String {
        self == .sigmoid ? "σ" : rawValue
    }
}
