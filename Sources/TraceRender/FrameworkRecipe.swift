import TraceEngine

/// How to get a run's numbers from PyTorch, Keras or Optax: the exact optimizer call (and
/// schedule), or why that framework cannot compute them.
///
/// Each optimizer's definition writes its framework calls, the factor on the learning rate
/// (the lecture's momentum: η·(1 − β)) and where a framework cannot follow (`conventions.md`);
/// this adds the learning-rate schedules. Each call is checked against the framework itself
/// (Tests/Fixtures/frameworks).
public struct FrameworkRecipe: Sendable, Equatable {
    public typealias Framework = TraceEngine.Framework

    public enum Outcome: Sendable, Equatable {
        /// The optimizer expression, and for PyTorch a scheduler expression (`nil` without one).
        case reproduces(optimizer: String, scheduler: String?)
        /// Why the framework cannot compute these numbers.
        case cannot(String)
    }

    public let framework: Framework
    public let outcome: Outcome

    /// The recipe for `framework` to reproduce `experiment` (its optimizer, convention,
    /// hyperparameters and schedule).
    public init(_ framework: Framework, for experiment: Experiment) {
        self.framework = framework
        self.outcome = Self.outcome(framework, experiment)
    }

    /// A number as Python writes a float: the shortest round-trip text, `0.0` and `1.0` included.
    static func python(_ x: Double) -> String { NumberFormat.full(x) }

    /// `x` times `factor` as a Python expression that evaluates to ``RateFactor/scaling(_:in:)``'s
    /// double: `0.05 * (1 - 0.7)` (two operations in the same order), or `x` alone. Written out
    /// rather than as the product's shortest text (`0.014999999999999996`), which is the same
    /// float but hides the lecture's η and β.
    static func python(_ x: Double, times factor: RateFactor, in hyperparameters: Hyperparameters) -> String {
        switch factor {
        case .one: return python(x)
        case let .oneMinus(symbol):
            guard let value = hyperparameters[symbol] else { return python(x) }
            return "\(python(x)) * (1 - \(python(value)))"
        }
    }

    private static func outcome(_ framework: Framework, _ experiment: Experiment) -> Outcome {
        let definition = experiment.optimizer.definition
        let factor = definition.frameworkRateFactor(experiment.convention, experiment.hyperparameters)
        let call = FrameworkCall(
            framework: framework,
            learningRate: learningRate(framework, factor: factor, experiment: experiment),
            isScheduled: experiment.schedule != .constant, convention: experiment.convention,
            hyperparameters: experiment.hyperparameters, python: python)
        if let reason = definition.frameworkLimit(call) {
            return .cannot(reason)
        }
        if case .cosine(_, let period) = experiment.schedule {
            if framework == .pytorch, experiment.steps - 1 > period {
                return .cannot("torch.optim.lr_scheduler.CosineAnnealingLR rises again after T_max = \(period) updates; this schedule stays at η_min")
            }
            if framework == .keras {
                return .cannot("keras.optimizers.schedules.CosineDecay computes ηₜ in float32 (on every backend but TensorFlow), about 10⁻⁸ away from this run's ηₜ, even with float64 weights")
            }
        }
        return .reproduces(
            optimizer: definition.frameworkCall(call),
            scheduler: framework == .pytorch ? torchScheduler(experiment, factor: factor) : nil)
    }

    /// The learning-rate argument: η times `factor`, or Keras's and Optax's schedule expression
    /// starting there.
    private static func learningRate(_ framework: Framework, factor: RateFactor, experiment: Experiment) -> String {
        let η = experiment.hyperparameters[.eta] ?? 0
        let rate = python(η, times: factor, in: experiment.hyperparameters)
        switch (experiment.schedule, framework) {
        case (.constant, _), (_, .pytorch):
            return rate
        case let (.step(gamma, every), .keras):
            return "keras.optimizers.schedules.ExponentialDecay(\(rate), decay_steps=\(every), decay_rate=\(python(gamma)), staircase=True)"
        case let (.step(gamma, every), .optax):
            // A whole-number transition_steps makes Optax compute the schedule in float32.
            return "optax.exponential_decay(\(rate), transition_steps=\(python(Double(every))), decay_rate=\(python(gamma)), staircase=True)"
        case let (.cosine(etaMin, period), .keras):
            return "keras.optimizers.schedules.CosineDecay(\(rate), decay_steps=\(period), alpha=\(python(η == 0 ? 0 : etaMin / η)))"
        case let (.cosine(etaMin, period), .optax):
            return "optax.cosine_decay_schedule(\(rate), decay_steps=\(period), alpha=\(python(η == 0 ? 0 : etaMin / η)))"
        }
    }

    private static func torchScheduler(_ experiment: Experiment, factor: RateFactor) -> String? {
        switch experiment.schedule {
        case .constant:
            return nil
        case let .step(gamma, every):
            return "torch.optim.lr_scheduler.StepLR(optimizer, step_size=\(every), gamma=\(python(gamma)))"
        case let .cosine(etaMin, period):
            return "torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=\(period), eta_min=\(python(etaMin, times: factor, in: experiment.hyperparameters)))"
        }
    }
}
