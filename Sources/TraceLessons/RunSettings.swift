import TraceEngine

/// What a run is asked for beyond its lesson (on the command line, or by a lesson's `handout:`
/// section): the optimizer and the values that override the lesson's.
public struct RunSettings: Sendable {
    public var optimizer: Optimizer
    public var convention: Convention?
    /// Hyperparameters, by symbol (`--beta1 0.8` is `.beta1: 0.8`).
    public var hyperparameters: [Symbol: Double] = [:]
    public var steps: Int?
    public var batchSize: BatchSize?
    /// Shuffle each epoch (seed 0 unless a seed is given).
    public var shuffle = false
    /// Shuffle each epoch from this seed.
    public var seed: UInt64?
    /// The learning-rate schedule's name.
    public var schedule: String?
    /// The schedule's parameters (γ, every, η_min, period), by symbol.
    public var scheduleParameters: [Symbol: Double] = [:]
    /// The L2 coefficient λ₂.
    public var l2: Double?

    public init(optimizer: Optimizer) {
        self.optimizer = optimizer
    }
}

extension RunSettings {
    /// The experiment for `lesson` with these settings.
    ///
    /// Precedence, for each value: these settings, then the lesson (its `optimizer:` section
    /// only when it names the same optimizer), then the documented default.
    public func experiment(for lesson: Lesson) throws(RunSettingsProblem) -> Experiment {
        let lessonOptimizer = lesson.optimizer?.name == optimizer ? lesson.optimizer : nil

        let convention = self.convention ?? lessonOptimizer?.convention ?? .lecture
        var values = Hyperparameters(defaultsFor: optimizer, convention: convention)
        for (symbol, value) in lessonOptimizer?.hyperparameters ?? [] { values[symbol] = value }
        for (symbol, value) in hyperparameters.sorted(by: { $0.key < $1.key }) {
            guard optimizer.hyperparameters.contains(symbol) else { throw .notUsed(symbol, by: optimizer) }
            values[symbol] = try Self.checked(value, symbol)
        }

        let steps = self.steps ?? lesson.training.steps ?? 1
        guard (1...StepLimit.maximum).contains(steps) else { throw .stepsOutOfRange(steps) }
        if let limit = StepLimit.maximum(forSamples: lesson.data.count), steps > limit {
            throw .tooManySteps(steps, samples: lesson.data.count)
        }

        let sampleCount = lesson.data.count
        let batchSize: BatchSize
        if lesson.objective != nil {
            // An objective has no samples: every update sees the whole loss.
            if self.batchSize != nil { throw .batchSizeWithoutSamples }
            if shuffle || seed != nil { throw .shuffleWithoutSamples }
            batchSize = .full
        } else if let fixed = optimizer.fixedBatchSize {
            if let asked = self.batchSize, asked.resolved(sampleCount: sampleCount) != fixed.resolved(sampleCount: sampleCount) {
                throw .batchSizeContradicts(asked, optimizer: optimizer)
            }
            batchSize = fixed
        } else if let asked = self.batchSize {
            guard asked.resolved(sampleCount: sampleCount) <= sampleCount else {
                throw .batchSizeTooLarge(asked, samples: sampleCount)
            }
            batchSize = asked
        } else if let fromLesson = lesson.training.batchSize {
            batchSize = fromLesson
        } else if case let .samples(count) = optimizer.defaultBatchSize, count > sampleCount {
            batchSize = .full
        } else {
            batchSize = optimizer.defaultBatchSize
        }

        // A seed, on the command line or in the lesson, means shuffling unless the lesson says
        // `shuffle: false` and no flag asks for it.
        let lessonShuffles = lesson.training.shuffle ?? (lesson.training.seed != nil)
        let shuffles = lesson.objective == nil && (shuffle || seed != nil || lessonShuffles)
        let shuffleSeed = shuffles ? (seed ?? lesson.training.seed ?? 0) : nil

        var experiment = Experiment(
            title: lesson.title, summary: lesson.summary, network: lesson.network, data: lesson.data,
            optimizer: optimizer, convention: convention,
            hyperparameters: values, steps: steps, batchSize: batchSize, shuffleSeed: shuffleSeed)
        experiment.schedule = try resolvedSchedule(lesson: lesson, steps: steps)
        experiment.l2 = try l2.map { value throws(RunSettingsProblem) in try Self.checked(value, .l2) } ?? lessonOptimizer?.l2
        experiment.objective = lesson.objective?.function
        experiment.start = lesson.objective?.start ?? []
        if let problem = experiment.problems().first { throw .cannotRun(problem) }
        return experiment
    }

    /// The schedule: these settings' (with their parameters over the lesson's values when the
    /// lesson names the same schedule), else the lesson's, else constant.
    func resolvedSchedule(lesson: Lesson, steps: Int) throws(RunSettingsProblem) -> LearningRateSchedule {
        let name = schedule ?? lesson.schedule?.name ?? "constant"
        guard LearningRateSchedule.names.contains(name) else { throw .unknownSchedule(name) }
        let accepted = ScheduleParameters.symbols(for: name)
        var values = lesson.schedule?.name == name ? lesson.schedule?.parameters ?? [:] : [:]
        for (symbol, value) in scheduleParameters.sorted(by: { $0.key < $1.key }) {
            guard accepted.contains(symbol) else { throw .notThisSchedule(symbol, schedule: name) }
            values[symbol] = try Self.checked(value, symbol)
        }
        return ScheduleParameters.schedule(named: name, values: values, steps: steps)
    }

    /// `value`, if it lies in `symbol`'s range.
    static func checked(_ value: Double, _ symbol: Symbol) throws(RunSettingsProblem) -> Double {
        guard symbol.validRange?.problem(with: value) == nil else { throw .outOfRange(symbol, value) }
        return value
    }
}
