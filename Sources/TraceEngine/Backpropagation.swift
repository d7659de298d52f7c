/// The forward pass and the chain rule for one sample, over a flat parameter vector.
///
/// ```
/// z_l[j] = Σ_i W_l[j,i]·a_(l−1)[i] + b_l[j]          a_l[j] = f_l(z_l[j])
/// δ_L[k] = ∂L/∂ŷ_k · f′_L(z_L[k])                    (output layer)
/// δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k]) · f′_l(z_l[j])   (hidden layers)
/// g(W_l[j,i]) = δ_l[j]·a_(l−1)[i]                    g(b_l[j]) = δ_l[j]
/// ```
struct Backpropagation: Sendable {
    let network: Network
    let layout: ParameterLayout

    init(network: Network) {
        self.network = network
        self.layout = network.layout
    }

    /// Runs one sample forward and backward at `parameters`, adding its gradient to `gradientSum`.
    func trace(
        sampleIndex: Int, x: [Double], y: [Double],
        parameters: [Double], gradientSum: inout [Double]
    ) -> SampleTrace {
        let layers = network.layers
        var traces: [LayerTrace] = []
        traces.reserveCapacity(layers.count)

        var input = x
        for (l, layer) in layers.enumerated() {
            var z = [Double](repeating: 0, count: layer.unitCount)
            var a = z
            for j in 0..<layer.unitCount {
                var sum = 0.0
                for i in 0..<layer.inputCount {
                    sum += parameters[layout.weightIndex(layer: l, unit: j, input: i)] * input[i]
                }
                z[j] = sum + parameters[layout.biasIndex(layer: l, unit: j)]
                a[j] = layer.activation.value(z[j])
            }
            traces.append(LayerTrace(z: z, a: a, delta: []))
            input = a
        }

        let prediction = input
        let loss = network.loss.value(prediction: prediction, target: y)

        for l in layers.indices.reversed() {
            let layer = layers[l]
            var delta = [Double](repeating: 0, count: layer.unitCount)
            for j in 0..<layer.unitCount {
                let upstream: Double
                if l == layers.count - 1, network.loss == .bce, layer.activation == .sigmoid {
                    // ∂L/∂ŷ·σ′(z) = (ŷ − y)/(ŷ(1 − ŷ))·ŷ(1 − ŷ) = ŷ − y, finite even when ŷ rounds to 0 or 1.
                    delta[j] = prediction[j] - y[j]
                    continue
                } else if l == layers.count - 1 {
                    upstream = network.loss.derivative(
                        prediction: prediction[j], target: y[j], outputCount: prediction.count)
                } else {
                    let above = layers[l + 1]
                    var sum = 0.0
                    for k in 0..<above.unitCount {
                        sum += parameters[layout.weightIndex(layer: l + 1, unit: k, input: j)]
                            * traces[l + 1].delta[k]
                    }
                    upstream = sum
                }
                delta[j] = upstream * layer.activation.derivative(z: traces[l].z[j], a: traces[l].a[j])
            }
            traces[l].delta = delta

            let below = l == 0 ? x : traces[l - 1].a
            for j in 0..<layer.unitCount {
                for i in 0..<layer.inputCount {
                    gradientSum[layout.weightIndex(layer: l, unit: j, input: i)] += delta[j] * below[i]
                }
                gradientSum[layout.biasIndex(layer: l, unit: j)] += delta[j]
            }
        }

        return SampleTrace(index: sampleIndex, x: x, y: y, loss: loss, layers: traces)
    }
}
