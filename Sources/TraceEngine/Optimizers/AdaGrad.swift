private let w = Expression.symbol(.w), g = Expression.symbol(.g), s = Expression.symbol(.s)
private let η = Expression.symbol(.eta), ε = Expression.symbol(.epsilon)

/// AdaGrad: each parameter's step shrinks as its sum of squared gradients `s` grows.
///
/// ```
/// lecture   s ← s + g²    w ← w − η/√(s + ε)·g
/// pytorch   s ← s + g²    w ← w − η·g/(√s + ε)
/// keras     s ← s + g²    w ← w − η·g/√(s + ε)        s starts at s₀ = 0.1
/// optax     s ← g² + s    w ← w − η·(1/√(s + ε)·g)    s starts at s₀ = 0.1
/// ```
enum AdaGrad {
    static let definition = OptimizerDefinition(
        displayName: "AdaGrad",
        hyperparameters: [
            .init(.eta, default: 0.1), .init(.epsilon, default: 1e-8),
            .init(.initialAccumulator, default: 0, frameworkDefaults: [.keras: 0.1, .optax: 0.1]),
        ],
        frameworkCall: { call in
            let lr = call.learningRate, ε = call.value(.epsilon), s0 = call.value(.initialAccumulator)
            switch call.framework {
            case .pytorch: return "torch.optim.Adagrad(params, lr=\(lr), eps=\(ε), initial_accumulator_value=\(s0))"
            case .keras: return "keras.optimizers.Adagrad(learning_rate=\(lr), initial_accumulator_value=\(s0), epsilon=\(ε))"
            case .optax: return "optax.adagrad(\(lr), initial_accumulator_value=\(s0), eps=\(ε))"
            }
        },
        frameworkLimit: { call in
            guard call.hasEpsilon else { return nil }
            switch call.framework {
            case .pytorch:
                return call.convention == .pytorch ? nil : "PyTorch adds ε outside the square root (g/(√s + ε)); this run adds it inside"
            case .keras, .optax:
                return call.convention != .pytorch ? nil
                    : "\(call.framework.displayName) adds ε inside the square root (g/√(s + ε)); this run, like PyTorch, outside"
            }
        }
    ) { convention in
        let start: [Symbol: Symbol] = [.s: .initialAccumulator]
        switch convention {
        case .lecture:
            return .init([Equation(.s, s + .pow(g, 2)), Equation(.wNew, w - η / .sqrt(s + ε) * g)], initialState: start)
        case .pytorch:
            return .init(
                [Equation(.s, s + .pow(g, 2)), Equation(.wNew, w - η * g / (.sqrt(s) + ε))],
                notes: ["ε is added outside the square root."], initialState: start)
        case .keras:
            return .init(
                [Equation(.s, s + .pow(g, 2)), Equation(.wNew, w - η * g / .sqrt(s + ε))],
                notes: ["ε inside the square root, as in the lecture; the accumulator s starts at s₀ (Keras: 0.1)."],
                initialState: start)
        case .optax:
            return .init(
                [Equation(.s, .pow(g, 2) + s), Equation(.wNew, w - η * (1 / .sqrt(s + ε) * g))],
                notes: [
                    "ε inside the square root, as in the lecture; the accumulator s starts at s₀ (Optax: 0.1).",
                    "Optax gives a parameter whose s is 0 no update at all, where the formula would divide 0 by 0 (ε = 0).",
                ],
                initialState: start)
        }
    }
}
