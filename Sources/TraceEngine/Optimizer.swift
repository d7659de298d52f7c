/// The lecture's eight optimizers.
public enum Optimizer: String, CaseIterable, Sendable {
    case gd, sgd, minibatch, momentum, adagrad, rmsprop, adam, adamw

    /// The lecture's name for it.
    public var displayName: String {
        switch self {
        case .gd: return "Gradient descent"
        case .sgd: return "Stochastic gradient descent"
        case .minibatch: return "Mini-batch SGD"
        case .momentum: return "SGD with momentum"
        case .adagrad: return "AdaGrad"
        case .rmsprop: return "RMSProp"
        case .adam: return "Adam"
        case .adamw: return "AdamW"
        }
    }

    /// The hyperparameters the optimizer reads, in the order they are shown.
    public var hyperparameters: [Symbol] {
        switch self {
        case .gd, .sgd, .minibatch: return [.eta]
        case .momentum: return [.eta, .beta]
        case .adagrad: return [.eta, .epsilon, .initialAccumulator]
        case .rmsprop: return [.eta, .rho, .epsilon]
        case .adam: return [.eta, .beta1, .beta2, .epsilon]
        case .adamw: return [.eta, .beta1, .beta2, .epsilon, .lambda]
        }
    }

    /// The documented defaults, the same in every convention so that changing the
    /// convention changes only the formulas; except a framework's own hyperparameter, which
    /// takes that framework's default (AdaGrad's `s₀`: 0, but 0.1 in Keras and Optax).
    public func defaultValue(of symbol: Symbol, convention: Convention = .lecture) -> Double? {
        guard hyperparameters.contains(symbol) else { return nil }
        switch (self, symbol) {
        case (_, .initialAccumulator):
            switch convention {
            case .lecture, .pytorch: return 0
            case .keras, .optax: return 0.1
            }
        case (.gd, .eta), (.sgd, .eta), (.minibatch, .eta), (.momentum, .eta), (.adagrad, .eta):
            return 0.1
        case (.rmsprop, .eta): return 0.01
        case (.adam, .eta), (.adamw, .eta): return 0.001
        case (_, .beta): return 0.9
        case (_, .rho): return 0.9
        case (_, .beta1): return 0.9
        case (_, .beta2): return 0.999
        case (_, .epsilon): return 1e-8
        case (_, .lambda): return 0.01
        default: return nil
        }
    }

    /// The batch size the optimizer itself fixes: gd the full batch, sgd one sample.
    public var fixedBatchSize: BatchSize? {
        switch self {
        case .gd: return .full
        case .sgd: return .samples(1)
        default: return nil
        }
    }

    /// The batch size used when neither the command line nor the lesson gives one.
    public var defaultBatchSize: BatchSize {
        switch self {
        case .sgd: return .samples(1)
        case .minibatch: return .samples(2)
        default: return .full
        }
    }
}
