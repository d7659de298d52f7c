import TraceEngine
import TraceRender

extension FeedbackFormulas {
    /// `(working with numbers, formula without)` for a value of a sample's passes at update
    /// `t`, with the values it reads as the replay has them (the student's own, under
    /// carry-forward), e.g. `z2[1] = W2[1,1]·a1[1] + W2[1,2]·a1[2] + b2[1] = 0.4·0.593270 + … = 1.10591`.
    func working(for place: SamplePlace, at t: Int) -> (working: String, formula: String) {
        let network = experiment.network
        let layers = network.layers
        let formula = Self.formula(of: place, network: network)
        guard layers.indices.contains(place.layer - 1) || place.quantity == .loss,
            replay.steps.indices.contains(t - 1),
            let sample = replay.steps[t - 1].samples.first(where: { $0.index == place.sample }),
            let result = place.value(in: replay, at: t, computed: true)
        else { return (formula, formula) }
        let number = { NumberFormat.significant($0, digits: FeedbackFormulas.digits) }
        let weights = replay.steps[t - 1].values[.w].map(Array.init) ?? []
        let l = place.layer - 1, j = place.unit - 1
        let below = { (layer: Int) -> [Double] in layer == 0 ? sample.x : sample.layers[layer - 1].a }

        switch place.quantity {
        case .z:
            let layer = layers[l]
            let inputs = below(l)
            let row = (0..<layer.inputCount).map { i in experiment.layout.weightIndex(layer: l, unit: j, input: i) }
            let bias = experiment.layout.weightIndex(layer: l, unit: j, input: layer.inputCount)
            guard row.allSatisfy(weights.indices.contains), weights.indices.contains(bias) else { return (formula, formula) }
            let terms = zip(row, inputs).map { "\(number(weights[$0]))·\(number($1))" }.joined(separator: " + ")
            return ("\(formula) = \(terms) + \(number(weights[bias])) = \(number(result))", formula)
        case .a:
            let z = sample.layers[l].z
            let activation = layers[l].activation
            if activation == .softmax {
                return ("\(formula) with z\(place.layer) = (\(z.map(number).joined(separator: ", "))): \(number(result))", formula)
            }
            return ("\(formula) = \(Self.function(activation))(\(number(z[j]))) = \(number(result))", formula)
        case .loss:
            let yhat = sample.layers.last?.a ?? []
            return ("\(formula) with ŷ = (\(yhat.map(number).joined(separator: ", "))) and y = (\(sample.y.map(number).joined(separator: ", "))): \(number(result))", formula)
        case .delta:
            let trace = sample.layers[l]
            let slope = layers[l].activation.derivative(z: trace.z[j], a: trace.a[j])
            if l == layers.count - 1 {
                return ("\(formula) with ŷ\(place.unit) = \(number(trace.a[j])), y\(place.unit) = \(number(sample.y[j])): \(number(result))", formula)
            }
            let above = layers[l + 1]
            let terms = (0..<above.unitCount).compactMap { k -> String? in
                let index = experiment.layout.weightIndex(layer: l + 1, unit: k, input: j)
                guard weights.indices.contains(index) else { return nil }
                return "\(number(weights[index]))·\(number(sample.layers[l + 1].delta[k]))"
            }.joined(separator: " + ")
            return ("\(formula) = (\(terms))·\(number(slope)) = \(number(result))", formula)
        }
    }

    /// The activation as the lecture writes it: `σ`, `tanh`, `relu`, `identity`.
    static func function(_ activation: Activation) -> String {
        activation.functionName
    }

    /// The formula of a value of the passes, the ``ChainRule``'s equation taken at its unit,
    /// e.g. `δ1[2] = (Σ_k W2[k,2]·δ2[k])·f′(z1[2])`.
    static func formula(of place: SamplePlace, network: Network) -> String {
        let last = network.layers.count
        let equation: PassEquation
        switch place.quantity {
        case .z: equation = ChainRule.weightedInput
        case .a: equation = ChainRule.activation
        case .loss: return network.loss.formula
        case .delta where place.layer == last:
            equation = ChainRule.outputDelta(loss: network.loss, activation: network.layers[last - 1].activation)
        case .delta: equation = ChainRule.hiddenDelta
        }
        let unit = equation.numbered([.l: place.layer, .L: last, .j: place.unit])
        return UnicodeMath.render(PassMathBuilder(.feedback(network)).equation(unit))
    }
}
