/// A framework whose optimizers `trace` reproduces, in the form of its calls.
public enum Framework: String, CaseIterable, Sendable {
    case pytorch, keras, optax

    public var displayName: String {
        switch self {
        case .pytorch: return "PyTorch"
        case .keras: return "Keras"
        case .optax: return "Optax"
        }
    }
}

/// What an optimizer's definition needs to write a framework's call for a run: the framework,
/// the learning-rate argument as written (a number or a schedule), whether η changes, the run's
/// convention and its hyperparameters as Python floats.
public struct FrameworkCall: Sendable {
    public let framework: Framework
    /// `0.01`, or Keras's and Optax's schedule expression.
    public let learningRate: String
    /// Whether the run's η follows a schedule.
    public let isScheduled: Bool
    public let convention: Convention
    public let hyperparameters: Hyperparameters
    /// A number as Python writes a float.
    let python: @Sendable (Double) -> String

    public init(
        framework: Framework, learningRate: String, isScheduled: Bool, convention: Convention,
        hyperparameters: Hyperparameters, python: @escaping @Sendable (Double) -> String
    ) {
        self.framework = framework
        self.learningRate = learningRate
        self.isScheduled = isScheduled
        self.convention = convention
        self.hyperparameters = hyperparameters
        self.python = python
    }

    /// The hyperparameter's value as Python writes it (0.0 where the run has none).
    public func value(_ symbol: Symbol) -> String { python(hyperparameters[symbol] ?? 0) }

    /// Whether the run's ε is other than 0 (where ε goes matters only then).
    public var hasEpsilon: Bool { (hyperparameters[.epsilon] ?? 0) != 0 }
}
