/// Where each update's loss and gradient come from: the network on a batch of samples (the
/// chain rule, averaged over the batch), or a two-weight objective's own equations.
struct GradientSource {
    private enum Kind {
        case network(Backpropagation, BatchSchedule, Dataset, parameterCount: Int)
        case objective(Objective)
    }

    private var kind: Kind

    init(_ experiment: Experiment) {
        if let objective = experiment.objective {
            kind = .objective(objective)
        } else {
            let schedule = BatchSchedule(
                sampleCount: experiment.data.count,
                batchSize: experiment.batchSize.resolved(sampleCount: experiment.data.count),
                shuffleSeed: experiment.shuffleSeed)
            kind = .network(
                Backpropagation(network: experiment.network), schedule, experiment.data,
                parameterCount: experiment.network.layout.count)
        }
    }

    /// Update `t`'s epoch, batch (sample numbers from 1), sample traces, loss and gradient at `parameters`.
    ///
    /// ```
    /// network    L = (1/B)·Σ_n L_n      g = (1/B)·Σ_n g_n      (the batch's samples)
    /// objective  L = L(w₁, w₂)          g = (∂L/∂w₁, ∂L/∂w₂)
    /// ```
    mutating func next(at parameters: [Double], t: Int)
        -> (epoch: Int, batch: [Int], samples: [SampleTrace], loss: Double, gradient: [Double])
    {
        switch kind {
        case let .network(backpropagation, schedule, data, count):
            var schedule = schedule
            let batch = schedule.next()
            kind = .network(backpropagation, schedule, data, parameterCount: count)
            var gradientSum = [Double](repeating: 0, count: count)
            var samples: [SampleTrace] = []
            samples.reserveCapacity(batch.sampleIndices.count)
            var lossSum = 0.0
            for n in batch.sampleIndices {
                let sample = backpropagation.trace(
                    sampleIndex: n + 1, x: data.inputs[n], y: data.targets[n],
                    parameters: parameters, gradientSum: &gradientSum)
                lossSum += sample.loss
                samples.append(sample)
            }
            let batchCount = Double(batch.sampleIndices.count)
            return (batch.epoch, batch.sampleIndices.map { $0 + 1 }, samples, lossSum / batchCount,
                    gradientSum.map { $0 / batchCount })
        case let .objective(objective):
            var evaluator = Evaluator(parameterCount: 1)
            for (symbol, value) in objective.constants { evaluator.scalars[symbol] = value }
            evaluator.scalars[.w1] = parameters[0]
            evaluator.scalars[.w2] = parameters[1]
            func scalar(_ expression: Expression) -> Double {
                if case let .scalar(value) = evaluator.evaluate(expression) { return value }
                return .nan
            }
            return (t, [], [], scalar(objective.loss), objective.gradient.map(scalar))
        }
    }
}
