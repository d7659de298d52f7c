import Foundation

/// The forward pass and the chain rule for one sample, over a flat parameter vector: the
/// ``ChainRule``'s equations written out by hand for speed (``PassEvaluator`` runs the
/// equations themselves; a test checks that both give the same numbers).
///
/// ```
/// z_l[j] = Σ_i W_l[j,i]·a_(l−1)[i] + b_l[j]          a_l[j] = f_l(z_l[j])
/// δ_L[k] = ∂L/∂ŷ_k · f′_L(z_L[k])                    (output layer)
/// δ_L[k] = ŷ_k − y_k        (sigmoid with bce, softmax with cross-entropy: see ``Loss``)
/// δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k]) · f′_l(z_l[j])   (hidden layers)
/// g(W_l[j,i]) = δ_l[j]·a_(l−1)[i]                    g(b_l[j]) = δ_l[j]
/// ```
struct Backpropagation: Sendable {
    /// What the passes need of a layer, without its weights (those come from the parameters).
    private struct Shape: Sendable {
        var inputCount: Int
        var unitCount: Int
        var activation: Activation
        /// Flat index of `W[1,1]`; unit `j`'s row starts `j·stride` later, its bias at the row's end.
        var offset: Int
        var stride: Int
    }

    private let shapes: [Shape]
    private let loss: Loss
    /// A softmax output layer with cross-entropy: `δ = ŷ − y`, and the loss from `z`.
    private let softmaxCrossEntropy: Bool
    /// The output layer's `δ = ŷ − y` (``Loss/takesOutputDeltaDirectly(from:)``).
    private let outputDeltaIsDirect: Bool
    /// The lecture's chain rule, or a student's mistake in it (see ``ChainRuleVariant``; the
    /// batch's sum is ``GradientSource``'s).
    private let variant: ChainRuleVariant

    init(network: Network, variant: ChainRuleVariant = .standard) {
        self.variant = variant
        let layout = network.layout
        shapes = network.layers.enumerated().map { l, layer in
            Shape(inputCount: layer.inputCount, unitCount: layer.unitCount, activation: layer.activation,
                  offset: layout.weightIndex(layer: l, unit: 0, input: 0), stride: layer.inputCount + 1)
        }
        loss = network.loss
        softmaxCrossEntropy = network.loss == .crossEntropy && network.layers.last?.activation == .softmax
        outputDeltaIsDirect = network.layers.last.map { network.loss.takesOutputDeltaDirectly(from: $0.activation) } ?? false
    }

    /// One sample's `z`, `a` and `δ` for every layer, in buffers that are reused from one
    /// sample to the next: the passes allocate nothing.
    struct Workspace {
        /// `z`, `a`, `δ` of layer `l` (0-based) at `offsets[l] ..< offsets[l] + units[l]`.
        var z: [Double]
        var a: [Double]
        var delta: [Double]
        let offsets: [Int]
        let units: [Int]
    }

    /// Buffers for this network's layers.
    func workspace() -> Workspace {
        var offsets: [Int] = [], total = 0
        for shape in shapes {
            offsets.append(total)
            total += shape.unitCount
        }
        let zeros = [Double](repeating: 0, count: total)
        return Workspace(z: zeros, a: zeros, delta: zeros, offsets: offsets, units: shapes.map(\.unitCount))
    }

    /// Runs one sample forward and backward at `parameters`, leaving its `z`, `a` and `δ` in
    /// `workspace` and adding its gradient to `gradientSum`; returns the sample's loss.
    ///
    /// With `replacing`, each replaced `z`, `a` and `δ` takes the place of the computed one as
    /// soon as its layer's values are computed, so that everything after it reads it; the
    /// computed values are left in `computed` (unit by unit, in the workspace's flat order).
    func run(
        x: [Double], y: [Double], parameters: [Double],
        workspace: inout Workspace, gradientSum: inout [Double],
        replacing: SampleReplacements? = nil, computed: inout ComputedValues
    ) -> Double {
        let last = shapes.count - 1
        let outputStart = workspace.offsets[last]
        let outputCount = shapes[last].unitCount
        parameters.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { x in
                workspace.z.withUnsafeMutableBufferPointer { z in
                    workspace.a.withUnsafeMutableBufferPointer { a in
                        for (l, shape) in shapes.enumerated() {
                            let out = workspace.offsets[l], below = l == 0 ? 0 : workspace.offsets[l - 1]
                            for j in 0..<shape.unitCount {
                                let row = shape.offset + j * shape.stride
                                var sum = 0.0
                                for i in 0..<shape.inputCount { sum += w[row + i] * (l == 0 ? x[i] : a[below + i]) }
                                z[out + j] = sum + w[row + shape.inputCount]
                            }
                            if let replacing { Self.apply(replacing.z, layer: l, to: z, at: out, keeping: &computed.z) }
                            if shape.activation.isElementwise {
                                for j in 0..<shape.unitCount { a[out + j] = shape.activation.value(z[out + j]) }
                            } else {
                                let range = out..<out + shape.unitCount
                                Activation.softmax(UnsafeBufferPointer(rebasing: z[range]), into: UnsafeMutableBufferPointer(rebasing: a[range]))
                            }
                            if let replacing { Self.apply(replacing.a, layer: l, to: a, at: out, keeping: &computed.a) }
                        }
                    }
                }
            }
        }
        // ŷ is the last layer's a, read where it is; a softmax's cross-entropy from its z.
        let outputRange = outputStart..<outputStart + outputCount
        var sampleLoss: Double
        if softmaxCrossEntropy, replacing?.replacesA(ofLayer: last) == true {
            // The student's ŷ, not softmax(z): L = −Σ_k y_k·log ŷ_k.
            var sum = 0.0
            for k in 0..<outputCount where y[k] != 0 { sum -= y[k] * Foundation.log(workspace.a[outputStart + k]) }
            sampleLoss = sum
        } else if softmaxCrossEntropy {
            sampleLoss = workspace.z.withUnsafeBufferPointer { z in
                let logSum = Activation.logSumExp(UnsafeBufferPointer(rebasing: z[outputRange]))
                var sum = 0.0
                for k in 0..<outputCount where y[k] != 0 { sum += y[k] * (logSum - z[outputStart + k]) }
                return sum
            }
        } else {
            sampleLoss = workspace.a.withUnsafeBufferPointer { a in
                loss.value(prediction: UnsafeBufferPointer(rebasing: a[outputRange]), target: y)
            }
        }
        if let replaced = replacing?.loss {
            computed.loss = sampleLoss
            sampleLoss = replaced
        }

        let flipsOutputSign = variant == .outputDeltaSignFlipped
        let biasTimesActivation = variant == .biasGradientTimesActivation
        parameters.withUnsafeBufferPointer { w in
            x.withUnsafeBufferPointer { x in
                gradientSum.withUnsafeMutableBufferPointer { gradient in
                    workspace.delta.withUnsafeMutableBufferPointer { delta in
                        let z = workspace.z, a = workspace.a
                        for l in shapes.indices.reversed() {
                            let shape = shapes[l], out = workspace.offsets[l]
                            // Where unit j's δ reads W[k,j]: the weights out of it (the lecture's),
                            // or a student's row of W_(l+1) or column of W_l (see ChainRuleVariant).
                            let backward = l == last ? BackwardWeights() : backwardWeights(below: l, deltaOut: workspace.offsets[l + 1])
                            for j in 0..<shape.unitCount {
                                let upstream: Double
                                if l == last, outputDeltaIsDirect {
                                    // bce: ∂L/∂ŷ·σ′(z) = (ŷ − y)/(ŷ(1 − ŷ))·ŷ(1 − ŷ) = ŷ − y, finite even when ŷ rounds to 0 or 1.
                                    // cross-entropy: Σ_k ∂L/∂ŷ_k·∂ŷ_k/∂z_j = ŷ_j·Σ_k y_k − y_j = ŷ_j − y_j (one-hot y).
                                    delta[out + j] = flipsOutputSign ? y[j] - a[outputStart + j] : a[outputStart + j] - y[j]
                                    continue
                                } else if l == last {
                                    let derivative = loss.derivative(prediction: a[outputStart + j], target: y[j], outputCount: outputCount)
                                    upstream = flipsOutputSign ? -derivative : derivative
                                } else {
                                    var sum = 0.0
                                    for k in 0..<backward.count {
                                        sum += w[backward.offset + k * backward.kStride + j * backward.jStride] * delta[backward.deltaOut + k]
                                    }
                                    upstream = sum
                                }
                                delta[out + j] = upstream * slope(shape.activation, z: z[out + j], a: a[out + j])
                            }
                            if let replacing { Self.apply(replacing.delta, layer: l, to: delta, at: out, keeping: &computed.delta) }
                            let below = l == 0 ? 0 : workspace.offsets[l - 1]
                            for j in 0..<shape.unitCount {
                                let row = shape.offset + j * shape.stride
                                for i in 0..<shape.inputCount {
                                    gradient[row + i] += delta[out + j] * (l == 0 ? x[i] : a[below + i])
                                }
                                gradient[row + shape.inputCount] += biasTimesActivation ? delta[out + j] * a[out + j] : delta[out + j]
                            }
                        }
                    }
                }
            }
        }
        return sampleLoss
    }
}

extension Backpropagation {
    /// Where hidden layer `l`'s δ reads its weights: flat index
    /// `offset + k·kStride + j·jStride` is the weight that multiplies `δ_(l+1)[k]` in unit j's
    /// sum, `k` over the `count` units of layer `l + 1` (whose δ start at `deltaOut` in the
    /// workspace's order). The lecture's is `W_(l+1)[k,j]`.
    private struct BackwardWeights {
        var offset = 0
        var kStride = 0
        var jStride = 0
        var count = 0
        var deltaOut = 0
    }

    private func backwardWeights(below l: Int, deltaOut: Int) -> BackwardWeights {
        let shape = shapes[l], above = shapes[l + 1]
        switch variant {
        case .weightsUntransposed where above.unitCount == shape.unitCount:
            // W_(l+1)[j,k]: row j of a square W_(l+1).
            return BackwardWeights(offset: above.offset, kStride: 1, jStride: above.stride, count: above.unitCount, deltaOut: deltaOut)
        case .deltaFromOwnLayerWeights where above.unitCount == shape.unitCount && shape.unitCount == shape.inputCount:
            // W_l[k,j]: the layer's own weights, as large as W_(l+1).
            return BackwardWeights(offset: shape.offset, kStride: shape.stride, jStride: 1, count: above.unitCount, deltaOut: deltaOut)
        case .standard, .batchSum, .sigmoidSlopeIsActivation, .slopeOmitted, .slopeAtActivation, .outputDeltaSignFlipped,
            .weightsUntransposed, .deltaFromOwnLayerWeights, .biasGradientTimesActivation:
            return BackwardWeights(offset: above.offset, kStride: above.stride, jStride: 1, count: above.unitCount, deltaOut: deltaOut)
        }
    }

    /// The slope `f′` that multiplies a unit's δ: `f′(z)` written through `a`, or a student's.
    @inline(__always)
    private func slope(_ activation: Activation, z: Double, a: Double) -> Double {
        switch variant {
        case .sigmoidSlopeIsActivation where activation == .sigmoid:
            return a
        case .slopeOmitted:
            return 1
        case .slopeAtActivation where activation == .sigmoid || activation == .tanh:
            // f′ at a: f(a)·(1 − f(a)), 1 − f(a)².
            return activation.derivative(z: a, a: activation.value(a))
        case .standard, .batchSum, .sigmoidSlopeIsActivation, .slopeAtActivation, .outputDeltaSignFlipped,
            .weightsUntransposed, .deltaFromOwnLayerWeights, .biasGradientTimesActivation:
            return activation.derivative(z: z, a: a)
        }
    }

    /// A sample's values as computed before replacements took their place: flat workspace
    /// index → value, for the replaced values only.
    struct ComputedValues {
        var z: [Int: Double] = [:]
        var a: [Int: Double] = [:]
        var delta: [Int: Double] = [:]
        var loss: Double?

        var isEmpty: Bool { z.isEmpty && a.isEmpty && delta.isEmpty && loss == nil }
    }

    /// Puts the replaced values of layer `layer` into `values` (the layer's units start at
    /// `start`), keeping the computed ones in `kept`.
    private static func apply(
        _ replaced: [SampleReplacements.Unit: Double], layer: Int, to values: UnsafeMutableBufferPointer<Double>,
        at start: Int, keeping kept: inout [Int: Double]
    ) {
        for (place, value) in replaced where place.layer == layer {
            let index = start + place.unit
            guard values.indices.contains(index) else { continue }
            kept[index] = values[index]
            values[index] = value
        }
    }
}

extension Backpropagation.Workspace {
    /// The sample's values as a record keeps them.
    func trace(
        sampleIndex: Int, x: [Double], y: [Double], loss: Double,
        computed: Backpropagation.ComputedValues = .init()
    ) -> SampleTrace {
        let layers = offsets.indices.map { l in
            let range = offsets[l]..<offsets[l] + units[l]
            return LayerTrace(z: Array(z[range]), a: Array(a[range]), delta: Array(delta[range]))
        }
        var trace = SampleTrace(index: sampleIndex, x: x, y: y, loss: loss, layers: layers)
        if !computed.isEmpty {
            func restored(_ values: [Double], _ kept: [Int: Double], _ range: Range<Int>) -> [Double] {
                range.map { kept[$0] ?? values[$0] }
            }
            trace.computedLayers = offsets.indices.map { l in
                let range = offsets[l]..<offsets[l] + units[l]
                return LayerTrace(z: restored(z, computed.z, range), a: restored(a, computed.a, range), delta: restored(delta, computed.delta, range))
            }
            trace.computedLoss = computed.loss
        }
        return trace
    }

    /// The first value of the sample that is not finite, in the order a handout shows them:
    /// layer by layer, `z`, then `a`, then `δ`.
    func firstNonFinite() -> (quantity: String, layer: Int, value: Double)? {
        // Almost always: one pass shows every value is finite (x·0 is 0 for a finite x, else NaN).
        var probe = 0.0
        for x in z { probe += x * 0 }
        for x in a { probe += x * 0 }
        for x in delta { probe += x * 0 }
        if probe == 0 { return nil }
        for l in offsets.indices {
            let range = offsets[l]..<offsets[l] + units[l]
            if let bad = z[range].first(where: { !$0.isFinite }) { return ("z", l + 1, bad) }
            if let bad = a[range].first(where: { !$0.isFinite }) { return ("a", l + 1, bad) }
            if let bad = delta[range].first(where: { !$0.isFinite }) { return ("δ", l + 1, bad) }
        }
        return nil
    }
}
