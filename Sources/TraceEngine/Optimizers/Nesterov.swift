private let w = Expression.symbol(.w), g = Expression.symbol(.g), v = Expression.symbol(.v)
private let η = Expression.symbol(.eta), β = Expression.symbol(.beta)

/// Nesterov momentum: momentum's velocity, with the step taken from where the velocity is
/// about to carry the weight (the new velocity once more, plus the gradient's own share).
///
/// ```
/// lecture   v ← β·v + (1 − β)·g        w ← w − η·(β·v + (1 − β)·g)
/// pytorch   v ← β·v + g                w ← w − η·(g + β·v)
/// keras     v ← β·v − η·g              w ← w + β·v − η·g
/// optax     v ← g + β·v                w ← w − η·(g + β·v)
/// ```
/// Each framework's `nesterov=True`; as for momentum, the lecture's form is any framework's
/// with its learning rate times (1 − β).
enum Nesterov {
    static let definition = OptimizerDefinition(
        displayName: "Nesterov momentum",
        // η = 1, as momentum's (see there).
        hyperparameters: [.init(.eta, default: 1), .init(.beta, default: 0.9)],
        frameworkCall: { call in
            switch call.framework {
            case .pytorch: return "torch.optim.SGD(params, lr=\(call.learningRate), momentum=\(call.value(.beta)), nesterov=True)"
            case .keras: return "keras.optimizers.SGD(learning_rate=\(call.learningRate), momentum=\(call.value(.beta)), nesterov=True)"
            case .optax: return "optax.sgd(\(call.learningRate), momentum=\(call.value(.beta)), nesterov=True)"
            }
        },
        frameworkLimit: Momentum.velocityLimit,
        frameworkRateFactor: Momentum.lectureRateFactor
    ) { convention in
        switch convention {
        case .lecture:
            return .init([Equation(.v, β * v + (1 - β) * g), Equation(.wNew, w - η * (β * v + (1 - β) * g))])
        case .pytorch:
            return .init(
                [Equation(.v, β * v + g), Equation(.wNew, w - η * (g + β * v))],
                notes: [
                    "PyTorch's nesterov=True: the step is g + β·v with the new v; no (1 − β) factor.",
                    "torch.optim.SGD(lr=η·(1−β), momentum=β, nesterov=True) reproduces the lecture's run.",
                ])
        case .keras:
            return .init(
                [Equation(.v, β * v - η * g), Equation(.wNew, w + β * v - η * g)],
                notes: [
                    "Keras keeps a velocity that already holds −η: v ← β·v − η·g, then w ← w + β·v − η·g.",
                    "While η is constant this is PyTorch's run: Keras's v is −η times PyTorch's.",
                ])
        case .optax:
            return .init(
                [Equation(.v, g + β * v), Equation(.wNew, w - η * (g + β * v))],
                notes: ["Optax's trace with nesterov=True: the step is g + β·v with the new v, as in PyTorch."])
        }
    }
}
