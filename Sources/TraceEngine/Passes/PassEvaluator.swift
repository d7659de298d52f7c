import Foundation

/// Runs one sample's passes by evaluating the ``ChainRule``'s equations, unit by unit, with
/// the network's ``Loss/equation`` and each layer's ``Activation/equation``: the definition,
/// plain and slow, of what ``Backpropagation`` computes by hand. A test runs both on the
/// bundled lessons' networks and checks that they agree.
public struct PassEvaluator: Sendable {
    public let network: Network

    public init(network: Network) {
        self.network = network
    }

    /// One sample and its values: `z`, `a`, `δ` per layer, the loss, and the gradient in
    /// the order of ``Network/layout`` (each unit's weights, then its bias).
    public struct Passes: Sendable {
        public var x: [Double]
        public var y: [Double]
        public var layers: [LayerTrace]
        public var loss: Double = .nan
        public var gradient: [Double] = []

        public init(x: [Double], y: [Double], layers: [LayerTrace]) {
            self.x = x
            self.y = y
            self.layers = layers
        }
    }

    /// The passes of the sample `x` with target `y`.
    public func run(x: [Double], y: [Double]) -> Passes {
        var passes = Passes(x: x, y: y, layers: network.layers.map { layer in
            let zeros = [Double](repeating: 0, count: layer.unitCount)
            return LayerTrace(z: zeros, a: zeros, delta: zeros)
        })
        let last = network.layers.count
        func each(_ equation: PassEquation, layer l: Int, into path: WritableKeyPath<LayerTrace, [Double]>) {
            for j in 1...network.layers[l - 1].unitCount {
                passes.layers[l - 1][keyPath: path][j - 1] = value(of: equation.expression, at: [.l: l, .j: j], in: passes)
            }
        }
        for l in 1...last {
            each(ChainRule.weightedInput, layer: l, into: \.z)
            each(ChainRule.activation, layer: l, into: \.a)
        }
        passes.loss = value(of: network.loss.equation.expression, in: passes)
        each(ChainRule.outputDelta(loss: network.loss, activation: network.layers[last - 1].activation), layer: last, into: \.delta)
        for l in stride(from: last - 1, through: 1, by: -1) { each(ChainRule.hiddenDelta, layer: l, into: \.delta) }

        for (index, layer) in network.layers.enumerated() {
            for j in 1...layer.unitCount {
                for i in 1...layer.inputCount {
                    passes.gradient.append(value(of: ChainRule.weightGradient.expression, at: [.l: index + 1, .j: j, .i: i], in: passes))
                }
                passes.gradient.append(value(of: ChainRule.biasGradient.expression, at: [.l: index + 1, .j: j], in: passes))
            }
        }
        return passes
    }

    /// The value of `expression` with the letters numbered by `numbers` (`L` is the last
    /// layer), reading the sample and the values in `passes`.
    public func value(of expression: IndexedExpression, at numbers: [PassIndex.Letter: Int] = [:], in passes: Passes) -> Double {
        var numbers = numbers
        numbers[.L] = network.layers.count
        return evaluate(expression, Scope(numbers: numbers), passes)
    }

    /// The letters' numbers; inside an activation, the activation and its layer's `z` (the
    /// values its own `z_k` and `a_k` read).
    private struct Scope {
        var numbers: [PassIndex.Letter: Int]
        var activation: Activation?
        var argument: [Double] = []
    }

    private func number(_ index: PassIndex, _ scope: Scope) -> Int {
        guard let letter = index.letter else { return index.offset }
        guard let value = scope.numbers[letter] else { preconditionFailure("unbound index \(letter.rawValue)") }
        return value + index.offset
    }

    /// The units of layer `l`; layer 0's are the inputs.
    private func units(ofLayer l: Int) -> Int {
        l == 0 ? network.inputCount : network.layers[l - 1].unitCount
    }

    /// How many values the unit at `position` of `element` takes.
    private func extent(_ element: PassElement, position: Int, _ scope: Scope) -> Int {
        switch element.quantity {
        case .input: return network.inputCount
        case .target, .prediction, .lossSlope: return network.outputCount
        case .weight, .weightGradient:
            let l = number(element.layer ?? .l, scope)
            return units(ofLayer: position == 0 ? l : l - 1)
        case .z, .a, .delta, .bias, .biasGradient:
            guard let layer = element.layer else { return scope.argument.count }
            return units(ofLayer: number(layer, scope))
        case .outputCount, .loss: return 0
        }
    }

    private func value(of element: PassElement, _ scope: Scope, _ values: Passes) -> Double {
        let units = element.units.map { number($0, scope) - 1 }
        let l = element.layer.map { number($0, scope) }
        switch (element.quantity, l) {
        case (.input, _): return values.x[units[0]]
        case (.target, _): return values.y[units[0]]
        case (.prediction, _): return values.layers[network.layers.count - 1].a[units[0]]
        case (.outputCount, _): return Double(network.outputCount)
        case (.lossSlope, _):
            return evaluate(network.loss.slope.expression, Scope(numbers: [.k: units[0] + 1]), values)
        case (.z, nil): return scope.argument[units[0]]
        case (.a, nil):
            // An activation's own a_k: the activation at unit k of the same argument.
            var inner = scope
            inner.numbers = [.k: units[0] + 1]
            return evaluate(scope.activation?.equation.expression ?? .constant(.nan), inner, values)
        case let (.z, l?): return values.layers[l - 1].z[units[0]]
        case let (.a, l?): return l == 0 ? values.x[units[0]] : values.layers[l - 1].a[units[0]]
        case let (.delta, l?): return values.layers[l - 1].delta[units[0]]
        case let (.weight, l?): return network.layers[l - 1].weights[units[0]][units[1]]
        case let (.bias, l?): return network.layers[l - 1].biases[units[0]]
        case (.delta, nil), (.weight, nil), (.bias, nil), (.loss, _), (.weightGradient, _), (.biasGradient, _):
            preconditionFailure("\(element.quantity.rawValue) is not read by a formula")
        }
    }

    private func evaluate(_ expression: IndexedExpression, _ scope: Scope, _ values: Passes) -> Double {
        switch expression {
        case let .element(element): return value(of: element, scope, values)
        case let .constant(value): return value
        case let .sum(a, b): return evaluate(a, scope, values) + evaluate(b, scope, values)
        case let .difference(a, b): return evaluate(a, scope, values) - evaluate(b, scope, values)
        case let .product(a, b): return evaluate(a, scope, values) * evaluate(b, scope, values)
        case let .quotient(a, b): return evaluate(a, scope, values) / evaluate(b, scope, values)
        case let .power(base, .constant(2)):
            let x = evaluate(base, scope, values)
            return x * x
        case let .power(base, exponent): return Foundation.pow(evaluate(base, scope, values), evaluate(exponent, scope, values))
        case let .summation(letter, body):
            guard let (element, position) = body.firstUse(of: letter) else { preconditionFailure("Σ_\(letter.rawValue) over nothing") }
            var inner = scope
            var total = 0.0
            for unit in 0..<extent(element, position: position, scope) {
                inner.numbers[letter] = unit + 1
                total += evaluate(body, inner, values)
            }
            return total
        case let .apply(function, argument):
            return apply(function, to: argument, scope, values)
        }
    }

    private func apply(_ function: PassFunction, to argument: IndexedExpression, _ scope: Scope, _ values: Passes) -> Double {
        switch function {
        case .exp: return Foundation.exp(evaluate(argument, scope, values))
        case .ln: return Foundation.log(evaluate(argument, scope, values))
        case .tanh: return Foundation.tanh(evaluate(argument, scope, values))
        case .rectifier:
            let x = evaluate(argument, scope, values)
            return x < 0 ? 0 : x
        case .step: return evaluate(argument, scope, values) > 0 ? 1 : 0
        case let .activation(layer), let .slope(layer):
            let activation = network.layers[number(layer, scope) - 1].activation
            // f_l(z_l[j]) reads layer l's z (a softmax needs all of it) at unit j; f of
            // anything else, that one value.
            var inner = Scope(numbers: [.k: 1], activation: activation)
            if case let .element(element) = argument, element.quantity == .z, let l = element.layer {
                inner.argument = values.layers[number(l, scope) - 1].z
                inner.numbers[.k] = number(element.units[0], scope)
            } else {
                inner.argument = [evaluate(argument, scope, values)]
            }
            if case .slope = function { return evaluate(activation.slope, inner, values) }
            return evaluate(activation.equation.expression, inner, values)
        }
    }
}
