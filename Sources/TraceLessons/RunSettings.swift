import TraceEngine

/// What the command line asks of a run: the optimizer and any flags given.
public struct RunSettings: Sendable {
    public var optimizer: Optimizer
    public var convention: Convention?
    /// Hyperparameter flags, by symbol (`--beta1 0.8` is `.beta1: 0.8`).
    public var hyperparameters: [Symbol: Double] = [:]
    public var steps: Int?
    public var batchSize: BatchSize?
    /// `--shuffle`: shuffle each epoch (seed 0 unless a seed is given).
    public var shuffle = false
    /// `--seed S`: shuffle each epoch from `S`.
    public var seed: UInt64?
    /// `--schedule NAME`.
    public var schedule: String?
    /// `--gamma`, `--every`, `--eta-min`, `--period`, by symbol.
    public var scheduleParameters: [Symbol: Double] = [:]
    /// `--l2 X`.
    public var l2: Double?

    public init(optimizer: Optimizer) {
        self.optimizer = optimizer
    }
}

extension RunSettings {
    /// The experiment for `lesson` with these settings.
    ///
    /// Precedence, for each value: a flag, then the lesson (its `optimizer:` section only
    /// when it names the same optimizer), then the documented default.
    public func experiment(for lesson: Lesson) throws(UsageError) -> Experiment {
        let lessonOptimizer = lesson.optimizer?.name == optimizer ? lesson.optimizer : nil

        let convention = self.convention ?? lessonOptimizer?.convention ?? .lecture
        var values = Hyperparameters(defaultsFor: optimizer, convention: convention)
        for (symbol, value) in lessonOptimizer?.hyperparameters ?? [] { values[symbol] = value }
        for (symbol, value) in hyperparameters.sorted(by: { $0.key < $1.key }) {
            guard optimizer.hyperparameters.contains(symbol) else {
                let flags = optimizer.hyperparameters.map(\.flag)
                throw UsageError(
                    "\(optimizer.rawValue) does not use \(symbol.flag)\(Suggestion.clause(for: symbol.flag, in: flags)) (it takes \(flags.joined(separator: ", ")))")
            }
            values[symbol] = try Self.checked(value, symbol, flag: symbol.flag)
        }

        let steps = self.steps ?? lesson.training.steps ?? 1
        guard (1...StepLimit.maximum).contains(steps) else {
            throw UsageError("--steps must be between 1 and \(StepLimit.maximum), not \(steps)")
        }
        if let limit = StepLimit.maximum(forSamples: lesson.data.count), steps > limit {
            throw UsageError("--steps: " + StepLimit.tooMany(steps, samples: lesson.data.count))
        }

        let sampleCount = lesson.data.count
        let batchSize: BatchSize
        if lesson.objective != nil {
            // An objective has no samples: every update sees the whole loss.
            if self.batchSize != nil { throw UsageError("--batch-size does not apply: this lesson's objective has no samples") }
            if shuffle || seed != nil { throw UsageError("--shuffle and --seed do not apply: this lesson's objective has no samples") }
            batchSize = .full
        } else if let fixed = optimizer.fixedBatchSize {
            if let asked = self.batchSize, asked.resolved(sampleCount: sampleCount) != fixed.resolved(sampleCount: sampleCount) {
                let what = optimizer == .gd ? "the full batch" : "one sample per update"
                throw UsageError(
                    "\(optimizer.rawValue) always uses \(what), so --batch-size \(asked) contradicts it; drop --batch-size or use minibatch")
            }
            batchSize = fixed
        } else if let asked = self.batchSize {
            guard asked.resolved(sampleCount: sampleCount) <= sampleCount else {
                throw UsageError("--batch-size \(asked) is more than the lesson's \(sampleCount) samples; use full or at most \(sampleCount)")
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
        experiment.l2 = try l2.map { value throws(UsageError) in try Self.checked(value, .l2, flag: "--l2") } ?? lessonOptimizer?.l2
        experiment.objective = lesson.objective?.function
        experiment.start = lesson.objective?.start ?? []
        if let problem = experiment.problems().first {
            throw UsageError("cannot run this lesson: \(problem)")
        }
        return experiment
    }

    /// The schedule: `--schedule` (with its flags over the lesson's values when the lesson names
    /// the same schedule), else the lesson's, else constant.
    func resolvedSchedule(lesson: Lesson, steps: Int) throws(UsageError) -> LearningRateSchedule {
        let name = schedule ?? lesson.schedule?.name ?? "constant"
        guard LearningRateSchedule.names.contains(name) else {
            throw UsageError(
                "--schedule \(name) is not a schedule\(Suggestion.clause(for: name, in: LearningRateSchedule.names)) (choose one of \(LearningRateSchedule.names.joined(separator: ", ")))")
        }
        let accepted = ScheduleParameters.symbols(for: name)
        var values = lesson.schedule?.name == name ? lesson.schedule?.parameters ?? [:] : [:]
        for (symbol, value) in scheduleParameters.sorted(by: { $0.key < $1.key }) {
            let flag = symbol.flag
            guard accepted.contains(symbol) else {
                throw UsageError("\(flag) belongs to \(symbol == .gamma || symbol == .every ? "--schedule step" : "--schedule cosine"), not to the \(name) schedule")
            }
            values[symbol] = try Self.checked(value, symbol, flag: flag)
        }
        return ScheduleParameters.schedule(named: name, values: values, steps: steps)
    }

    /// `value`, if it lies in `symbol`'s range; else a usage error naming `flag`.
    static func checked(_ value: Double, _ symbol: Symbol, flag: String) throws(UsageError) -> Double {
        if let problem = MessageText.rangeProblem(symbol, value, named: flag) { throw UsageError(problem) }
        return value
    }
}
