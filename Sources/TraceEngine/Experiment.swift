/// Everything a run needs: the lesson's network and data, the optimizer, and how to batch.
///
/// Built by `TraceLessons` from a lesson file and the command line's flags, which have
/// already been checked there with their locations; ``problems()`` re-checks what the
/// engine relies on, for callers that build experiments in code.
public struct Experiment: Sendable {
    public var title: String
    public var summary: String?
    public var network: Network
    public var data: Dataset
    public var optimizer: Optimizer
    public var convention: Convention
    public var hyperparameters: Hyperparameters
    /// The number of updates.
    public var steps: Int
    public var batchSize: BatchSize
    /// Shuffle each epoch from this seed; `nil` keeps the data order.
    public var shuffleSeed: UInt64?
    /// How η changes with `t`.
    public var schedule: LearningRateSchedule = .constant
    /// Coupled weight decay: `g ← g + λ₂·w` before the update; `nil` for none.
    public var l2: Double?
    /// A two-weight objective to minimise instead of the network's loss on the data.
    public var objective: Objective?
    /// The objective's starting point `(w₁, w₂)`.
    public var start: [Double] = []
    /// How the gradient is taken: the lecture's way unless grading asks what a mistake gives.
    public var chainRule: ChainRuleVariant = .standard

    /// The parameters: the network's, or the objective's `w1`, `w2`.
    public var layout: ParameterLayout {
        objective == nil ? network.layout : ParameterLayout(coordinates: 2)
    }

    /// The parameters before the first update.
    public var initialParameters: [Double] {
        objective == nil ? network.parameterVector : start
    }

    public init(
        title: String, summary: String? = nil, network: Network, data: Dataset,
        optimizer: Optimizer, convention: Convention = .lecture, hyperparameters: Hyperparameters? = nil,
        steps: Int, batchSize: BatchSize? = nil, shuffleSeed: UInt64? = nil
    ) {
        self.title = title
        self.summary = summary
        self.network = network
        self.data = data
        self.optimizer = optimizer
        self.convention = convention
        self.hyperparameters = hyperparameters ?? Hyperparameters(defaultsFor: optimizer, convention: convention)
        self.steps = steps
        self.batchSize = batchSize ?? optimizer.fixedBatchSize ?? optimizer.defaultBatchSize
        self.shuffleSeed = shuffleSeed
    }

    /// The update rule this experiment runs: the optimizer's, after `g ← g + λ₂·w` with L2.
    public var rule: UpdateRule {
        let base = UpdateRule.rule(for: optimizer, convention: convention)
        guard l2 != nil else { return base }
        let coupled = Equation(.g, .symbol(.g) + .symbol(.l2) * .symbol(.w))
        return UpdateRule(
            optimizer: optimizer, convention: convention, equations: [coupled] + base.equations,
            notes: base.notes + ["With L2, the penalty ½·λ₂·w² adds λ₂·w to g before the update, so it enters the optimizer's state."],
            initialState: base.initialState)
    }

    /// The optimizer's hyperparameters, then λ₂ when L2 is on: what a run reports it used.
    public var updateHyperparameters: [(symbol: Symbol, value: Double)] {
        hyperparameters.entries + (l2.map { [(Symbol.l2, $0)] } ?? [])
    }

    /// Every scalar the equations read, by symbol: the hyperparameters, λ₂ and the schedule's.
    public var scalars: SymbolMap<Double> {
        var scalars = SymbolMap<Double>()
        for (symbol, value) in hyperparameters.entries { scalars[symbol] = value }
        for (symbol, value) in schedule.parameters { scalars[symbol] = value }
        for (symbol, value) in objective?.constants ?? [] { scalars[symbol] = value }
        if let l2 { scalars[.l2] = l2 }
        return scalars
    }

    /// What is wrong with the experiment, if anything, as sentences; empty when it can run.
    public func problems() -> [String] {
        objective == nil ? networkProblems() + runProblems() : objectiveProblems() + runProblems()
    }

    private func objectiveProblems() -> [String] {
        var problems: [String] = []
        if start.count != 2 || start.contains(where: { !$0.isFinite }) { problems.append("the start must be two finite numbers") }
        for (symbol, value) in objective?.constants ?? [] where !value.isFinite {
            problems.append("\(symbol.rawValue) must be a finite number")
        }
        return problems
    }

    private func networkProblems() -> [String] {
        var problems: [String] = []
        if network.layers.isEmpty { problems.append("the network has no layers") }
        var below = network.inputCount
        for (l, layer) in network.layers.enumerated() {
            if layer.unitCount == 0 || layer.weights.contains(where: { $0.count != below }) {
                problems.append("layer \(l + 1)'s weights must be \(layer.unitCount) rows of \(below)")
            }
            if layer.biases.count != layer.unitCount {
                problems.append("layer \(l + 1) needs \(layer.unitCount) biases")
            }
            below = layer.unitCount
        }
        if data.count == 0 { problems.append("there are no samples") }
        if data.inputs.count != data.targets.count { problems.append("inputs and targets differ in count") }
        if data.inputs.contains(where: { $0.count != network.inputCount }) {
            problems.append("every input needs \(network.inputCount) values")
        }
        if data.targets.contains(where: { $0.count != network.outputCount }) {
            problems.append("every target needs \(network.outputCount) values")
        }
        if network.fixed.contains(where: { !(0..<network.layout.count).contains($0) }) {
            problems.append("a fixed parameter's index is outside the network's \(network.layout.count) parameters")
        }
        if network.layers.dropLast().contains(where: { $0.activation == .softmax }) {
            problems.append("softmax is for the last layer only")
        }
        if (network.loss == .crossEntropy) != (network.layers.last?.activation == .softmax) {
            problems.append("a softmax output layer and the cross_entropy loss go together")
        }
        let batch = batchSize.resolved(sampleCount: data.count)
        if batch < 1 || batch > data.count {
            problems.append("the batch size must be between 1 and the \(data.count) samples")
        }
        if let fixed = optimizer.fixedBatchSize, fixed.resolved(sampleCount: data.count) != batch {
            problems.append("\(optimizer.rawValue) always uses batch size \(fixed)")
        }
        return problems
    }

    private func runProblems() -> [String] {
        var problems: [String] = []
        if steps < 1 { problems.append("steps must be at least 1") }
        if hyperparameters.entries.map(\.symbol) != optimizer.hyperparameters {
            problems.append("\(optimizer.rawValue) takes \(optimizer.hyperparameters.map(\.rawValue).joined(separator: ", "))")
        }
        if let (symbol, problem) = hyperparameters.firstProblem() {
            problems.append("\(symbol.rawValue) \(problem)")
        }
        for (symbol, value) in schedule.parameters + (l2.map { [(Symbol.l2, $0)] } ?? []) {
            if let problem = symbol.validRange?.problem(with: value) { problems.append("\(symbol.rawValue) \(problem)") }
        }
        return problems
    }
}
