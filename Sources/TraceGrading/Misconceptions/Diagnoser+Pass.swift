import TraceEngine
import TraceRender

extension Diagnoser {
    /// The δ at `place` as a student with `variant` computes it at update `t`, with the numbers
    /// of `replay` (the student's own where they gave them), e.g.
    /// `δ1[1] = (Σ_k W2[1,k]·δ2[k])·f′(z1[1]) = (0.4·0.7414 + 0.45·(-0.2171))·0.2413 = 0.0480`;
    /// `nil` where the replay has no such value.
    static func passWorking(
        of place: SamplePlace, at t: Int, in replay: RecordingSink, experiment: Experiment, variant: ChainRuleVariant
    ) -> String? {
        let network = experiment.network, layers = network.layers
        let l = place.layer - 1, j = place.unit - 1
        guard place.quantity == .delta, layers.indices.contains(l), replay.steps.indices.contains(t - 1),
            let sample = replay.steps[t - 1].samples.first(where: { $0.index == place.sample }),
            let result = place.value(in: replay, at: t, computed: true)
        else { return nil }
        let number = FeedbackText.number
        let factor = { (x: Double) in x < 0 ? "(\(number(x)))" : number(x) }
        let trace = sample.layers[l]
        let slope = variant.slope(layer: place.layer, unit: place.unit, in: network, z: trace.z[j], a: trace.a[j])
        let lhs = "δ\(place.layer)[\(place.unit)]"
        if l == layers.count - 1 {
            let y = sample.y[j], yhat = trace.a[j], unit = place.unit
            let flipped = variant == .outputDeltaSignFlipped
            if !MisconceptionCatalog.layersWithSlope(network).contains(l) {
                // δ = ŷ − y, with no slope: only its sign can be mistaken.
                let formula = variant.outputFactorText(unit: unit, in: network, slopeTaken: false)
                let numbers = flipped ? "\(number(y)) − \(factor(yhat))" : "\(number(yhat)) − \(factor(y))"
                return "\(lhs) = \(formula) = \(numbers) = \(number(result))"
            }
            let derivative = variant.outputFactorText(unit: unit, in: network, slopeTaken: true)
            let formula = slope.text.isEmpty ? derivative : "\(derivative)·\(slope.text)"
            let slopeValue = slope.text.isEmpty ? "" : ", \(slope.text) = \(number(slope.value))"
            return "\(lhs) = \(formula) with ŷ\(unit) = \(number(yhat)), y\(unit) = \(number(y))\(slopeValue): \(number(result))"
        }
        // A hidden layer: the sum over the layer above, with the weights as the student took them.
        let above = layers[l + 1]
        let weights = replay.steps[t - 1].values[.w].map(Array.init) ?? []
        let numbers: [PassIndex.Letter: Int] = [.l: place.layer, .j: place.unit]
        let index = { (k: Int) -> Int? in
            guard case let .element(weight) = variant.hiddenDeltaWeight.numbered(numbers.merging([.k: k + 1]) { $1 }),
                let layer = weight.layer?.offset, weight.units.count == 2
            else { return nil }
            return experiment.layout.weightIndex(layer: layer - 1, unit: weight.units[0].offset - 1, input: weight.units[1].offset - 1)
        }
        let deltas = sample.layers[l + 1].delta
        var terms: [String] = []
        for k in 0..<above.unitCount {
            guard let weight = index(k), weights.indices.contains(weight), deltas.indices.contains(k) else { return nil }
            terms.append("\(factor(weights[weight]))·\(factor(deltas[k]))")
        }
        let sum = UnicodeMath.render(PassMathBuilder(.feedback(network)).build(variant.hiddenDeltaSum.numbered(numbers)))
        if slope.text.isEmpty {
            return "\(lhs) = \(sum) = \(terms.joined(separator: " + ")) = \(number(result))"
        }
        return "\(lhs) = (\(sum))·\(slope.text) = (\(terms.joined(separator: " + ")))·\(number(slope.value)) = \(number(result))"
    }

    /// A bias's gradient as a student who multiplies δ by the unit's a takes it, e.g.
    /// `g = mean over the batch of δ2[1]·a2[1] = (0.1385·0.7514 + 0.0213·0.6902)/2 = 0.0594`.
    static func biasTimesActivationWorking(layer l: Int, unit j: Int, step: StepRecord, value: Double) -> String? {
        let number = FeedbackText.number
        let factor = { (x: Double) in x < 0 ? "(\(number(x)))" : number(x) }
        var terms: [String] = []
        for sample in step.samples {
            guard sample.layers.indices.contains(l - 1), sample.layers[l - 1].delta.indices.contains(j - 1) else { return nil }
            terms.append("\(factor(sample.layers[l - 1].delta[j - 1]))·\(factor(sample.layers[l - 1].a[j - 1]))")
        }
        let symbolic = UnicodeMath.render(
            PassMathBuilder(.brackets).build(ChainRuleVariant.biasGradientTimesActivation.biasGradient.numbered([.l: l, .j: j])))
        if terms.count == 1 { return "g = \(symbolic) = \(terms[0]) = \(number(value))" }
        return "g = mean over the batch of \(symbolic) = (\(terms.joined(separator: " + ")))/\(terms.count) = \(number(value))"
    }
}
