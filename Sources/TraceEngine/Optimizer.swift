/// The lecture's optimizers, by the names the command line and the trace use. Each is
/// defined once, in its own file under `Optimizers/`; this enum names them.
public enum Optimizer: String, CaseIterable, Sendable {
    case gd, sgd, minibatch, momentum, nesterov, adagrad, rmsprop, adam, adamw, amsgrad

    /// The optimizer's definition: everything else about it is read from there.
    public var definition: OptimizerDefinition {
        switch self {
        case .gd: return PlainGradientDescent.gd
        case .sgd: return PlainGradientDescent.sgd
        case .minibatch: return PlainGradientDescent.minibatch
        case .momentum: return Momentum.definition
        case .nesterov: return Nesterov.definition
        case .adagrad: return AdaGrad.definition
        case .rmsprop: return RMSProp.definition
        case .adam: return Adam.definition
        case .adamw: return AdamW.definition
        case .amsgrad: return AMSGrad.definition
        }
    }

    /// The lecture's name for it.
    public var displayName: String { definition.displayName }

    /// The hyperparameters the optimizer reads, in the order they are shown.
    public var hyperparameters: [Symbol] { definition.hyperparameters.map(\.symbol) }

    /// The documented default of `symbol` in `convention`, or `nil` if the optimizer does not
    /// read it. The same in every convention, so that changing the convention changes only the
    /// formulas; except a framework's own hyperparameter, which takes that framework's default
    /// (AdaGrad's `s₀`: 0, but 0.1 in Keras and Optax).
    public func defaultValue(of symbol: Symbol, convention: Convention = .lecture) -> Double? {
        definition.hyperparameters.first { $0.symbol == symbol }?.defaultValue(in: convention)
    }

    /// The batch size the optimizer itself fixes: gd the full batch, sgd one sample.
    public var fixedBatchSize: BatchSize? { definition.fixedBatchSize }

    /// The batch size used when neither the command line nor the lesson gives one.
    public var defaultBatchSize: BatchSize { definition.defaultBatchSize }
}
