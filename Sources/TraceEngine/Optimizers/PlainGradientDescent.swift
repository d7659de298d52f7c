/// `w ← w − η·g`, the same in every convention: gradient descent (the full batch),
/// stochastic gradient descent (one sample) and mini-batch SGD (B samples per update).
enum PlainGradientDescent {
    static func definition(_ displayName: String, fixedBatchSize: BatchSize?, defaultBatchSize: BatchSize) -> OptimizerDefinition {
        OptimizerDefinition(
            displayName: displayName,
            hyperparameters: [.init(.eta, default: 0.1)],
            fixedBatchSize: fixedBatchSize, defaultBatchSize: defaultBatchSize,
            frameworkCall: { call in
                switch call.framework {
                case .pytorch: return "torch.optim.SGD(params, lr=\(call.learningRate))"
                case .keras: return "keras.optimizers.SGD(learning_rate=\(call.learningRate))"
                case .optax: return "optax.sgd(\(call.learningRate))"
                }
            }
        ) { _ in
            .init([Equation(.wNew, .symbol(.w) - .symbol(.eta) * .symbol(.g))])
        }
    }

    static let gd = definition("Gradient descent", fixedBatchSize: .full, defaultBatchSize: .full)
    static let sgd = definition("Stochastic gradient descent", fixedBatchSize: .samples(1), defaultBatchSize: .samples(1))
    static let minibatch = definition("Mini-batch SGD", fixedBatchSize: nil, defaultBatchSize: .samples(2))
}
