/// Where each update's loss and gradient come from: the network on a batch of samples (the
/// chain rule, averaged over the batch), or a two-weight objective's own equations.
struct GradientSource {
    /// The chain rule over the network, its batches and its data; `nil` for an objective.
    private let backpropagation: Backpropagation?
    private var schedule: BatchSchedule?
    private let data: Dataset
    private let objective: Objective?
    private let parameterCount: Int
    /// The passes' buffers, used in place (empty for an objective).
    private var workspace = Backpropagation.Workspace(z: [], a: [], delta: [], offsets: [], units: [])
    private let sumsTheBatch: Bool
    /// The last batch's sample numbers (from 1), kept while the batch repeats (the full batch).
    private var lastBatch: (indices: [Int], numbers: [Int]) = ([], [])

    /// The gradient source of `experiment`, whose chain rule over the network is
    /// `backpropagation` (``Backpropagation/init(network:variant:)`` of its network and chain
    /// rule; `nil` for an objective) and which has `parameterCount` parameters.
    init(_ experiment: Experiment, backpropagation: Backpropagation?, parameterCount: Int) {
        data = experiment.data
        self.parameterCount = parameterCount
        sumsTheBatch = experiment.chainRule == .batchSum
        if let objective = experiment.objective {
            self.objective = objective
            self.backpropagation = nil
            schedule = nil
        } else {
            objective = nil
            guard let backpropagation else { preconditionFailure("a network's gradient source needs its chain rule") }
            self.backpropagation = backpropagation
            workspace = backpropagation.workspace()
            schedule = BatchSchedule(
                sampleCount: experiment.data.count,
                batchSize: experiment.batchSize.resolved(sampleCount: experiment.data.count),
                shuffleSeed: experiment.shuffleSeed)
        }
    }

    /// One update's batch and what the chain rule gave on it.
    struct Step {
        var epoch: Int
        /// Sample numbers, from 1.
        var batch: [Int]
        /// Each sample's forward pass and chain rule; empty unless asked for (and for an objective).
        var samples: [SampleTrace]
        var loss: Double
        /// The first value of the forward and backward passes that is not finite, with its place.
        var divergence: Divergence?
    }

    /// Update `t`'s epoch, batch (sample numbers from 1) and loss at `parameters`, and each
    /// sample's values when `keepingSamples`; the gradient goes into `gradient` (one value per
    /// parameter, written over: a buffer the caller reuses from step to step).
    ///
    /// ```
    /// network    L = (1/B)·Σ_n L_n      g = (1/B)·Σ_n g_n      (the batch's samples)
    /// objective  L = L(w₁, w₂)          g = (∂L/∂w₁, ∂L/∂w₂)
    /// ```
    /// `replacements` puts a student's `z`, `a`, `δ` and losses in place of the computed ones.
    mutating func next(
        at parameters: [Double], t: Int, keepingSamples: Bool, gradient: inout [Double],
        replacing replacements: Replacements = Replacements()
    ) -> Step {
        guard let backpropagation, let batch = schedule?.next() else {
            return objectiveStep(at: parameters, t: t, gradient: &gradient)
        }
        if gradient.count != parameterCount { gradient = [Double](repeating: 0, count: parameterCount) }
        gradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        var samples: [SampleTrace] = []
        if keepingSamples { samples.reserveCapacity(batch.sampleIndices.count) }
        var lossSum = 0.0
        var divergence: Divergence?
        for n in batch.sampleIndices {
            let x = data.inputs[n], y = data.targets[n]
            var computed = Backpropagation.ComputedValues()
            let loss = backpropagation.run(
                x: x, y: y, parameters: parameters, workspace: &self.workspace, gradientSum: &gradient,
                replacing: replacements.sample(n + 1, at: t), computed: &computed)
            lossSum += loss
            if keepingSamples { samples.append(workspace.trace(sampleIndex: n + 1, x: x, y: y, loss: loss, computed: computed)) }
            if divergence == nil {
                if let (name, layer, value) = workspace.firstNonFinite() {
                    divergence = Divergence(t: t, quantity: "\(name) of layer \(layer) for sample \(n + 1)", value: value, inForwardPass: true)
                } else if !loss.isFinite {
                    divergence = Divergence(t: t, quantity: "the loss of sample \(n + 1)", value: loss, inForwardPass: true)
                }
            }
        }
        let batchCount = Double(batch.sampleIndices.count)
        if !sumsTheBatch { for i in gradient.indices { gradient[i] /= batchCount } }
        let loss = lossSum / batchCount
        if divergence == nil, !loss.isFinite {
            divergence = Divergence(t: t, quantity: "the batch loss", value: loss, inForwardPass: true)
        }
        if batch.sampleIndices != lastBatch.indices { lastBatch = (batch.sampleIndices, batch.sampleIndices.map { $0 + 1 }) }
        return Step(epoch: batch.epoch, batch: lastBatch.numbers, samples: samples, loss: loss, divergence: divergence)
    }

    private func objectiveStep(at parameters: [Double], t: Int, gradient: inout [Double]) -> Step {
        guard let objective else { preconditionFailure("a gradient source has a network or an objective") }
        var evaluator = Evaluator(parameterCount: 1)
        for (symbol, value) in objective.constants { evaluator.scalars[symbol] = value }
        evaluator.scalars[.w1] = parameters[0]
        evaluator.scalars[.w2] = parameters[1]
        func scalar(_ expression: Expression) -> Double {
            if case let .scalar(value) = evaluator.evaluate(expression) { return value }
            return .nan
        }
        let loss = scalar(objective.loss)
        let divergence = loss.isFinite ? nil : Divergence(t: t, quantity: "the batch loss", value: loss, inForwardPass: true)
        gradient = objective.gradient.map(scalar)
        return Step(epoch: t, batch: [], samples: [], loss: loss, divergence: divergence)
    }
}
