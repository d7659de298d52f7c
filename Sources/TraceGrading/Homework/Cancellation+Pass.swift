import TraceEngine

extension Cancellation {
    /// The ratio for a value of a sample's passes, from the sample's values and the weights
    /// the update starts from (`weights`, flat):
    ///
    /// ```
    /// z_l[j]            terms W_l[j,i]·a_(l−1)[i] and b_l[j]
    /// δ_l[j] (hidden)   terms W_(l+1)[k,j]·δ_(l+1)[k]   (f′ multiplies: it cancels nothing)
    /// a, the loss, the output δ: 1 (one function of values already rounded once)
    /// ```
    static func passRatio(of place: SamplePlace, sample: SampleTrace, weights: [Double], layout: ParameterLayout) -> Double {
        let l = place.layer - 1, j = place.unit - 1
        guard sample.layers.indices.contains(l) else { return 1 }
        var terms: [Double] = []
        switch place.quantity {
        case .z:
            let inputs = sample.activation(ofLayer: l)
            for (i, input) in inputs.enumerated() {
                let index = layout.weightIndex(layer: l, unit: j, input: i)
                guard weights.indices.contains(index) else { return 1 }
                terms.append(weights[index] * input)
            }
            let bias = layout.weightIndex(layer: l, unit: j, input: inputs.count)
            guard weights.indices.contains(bias) else { return 1 }
            terms.append(weights[bias])
        case .delta where l + 1 < sample.layers.count:
            for (k, delta) in sample.layers[l + 1].delta.enumerated() {
                let index = layout.weightIndex(layer: l + 1, unit: k, input: j)
                guard weights.indices.contains(index) else { return 1 }
                terms.append(weights[index] * delta)
            }
        case .a, .loss, .delta:
            return 1
        }
        let size = terms.reduce(0) { $0 + abs($1) }
        return size == 0 ? 1 : abs(terms.reduce(0, +)) / size
    }
}
