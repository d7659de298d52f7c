private let w = Expression.symbol(.w), g = Expression.symbol(.g), ss = Expression.symbol(.ss)
private let η = Expression.symbol(.eta), ρ = Expression.symbol(.rho), ε = Expression.symbol(.epsilon)

/// RMSProp: AdaGrad with a moving average `ss` of squared gradients in place of the sum.
///
/// ```
/// lecture   ss ← ρ·ss + (1 − ρ)·g²    w ← w − η/√(ss + ε)·g
/// pytorch   ss ← ρ·ss + (1 − ρ)·g²    w ← w − η·g/(√ss + ε)
/// keras     ss ← ρ·ss + (1 − ρ)·g²    w ← w − η·g/√(ss + ε)
/// optax     ss ← (1 − ρ)·g² + ρ·ss    w ← w − η·(g·(1/√(ss + ε)))
/// ```
enum RMSProp {
    static let definition = OptimizerDefinition(
        displayName: "RMSProp",
        hyperparameters: [.init(.eta, default: 0.01), .init(.rho, default: 0.9), .init(.epsilon, default: 1e-8)],
        frameworkCall: { call in
            let lr = call.learningRate, ρ = call.value(.rho), ε = call.value(.epsilon)
            switch call.framework {
            case .pytorch: return "torch.optim.RMSprop(params, lr=\(lr), alpha=\(ρ), eps=\(ε))"
            case .keras: return "keras.optimizers.RMSprop(learning_rate=\(lr), rho=\(ρ), epsilon=\(ε))"
            case .optax:
                let outside = call.convention == .pytorch && call.hasEpsilon ? ", eps_in_sqrt=False" : ""
                return "optax.rmsprop(\(lr), decay=\(ρ), eps=\(ε)\(outside))"
            }
        },
        frameworkLimit: { call in
            // Optax's eps_in_sqrt puts ε on either side.
            guard call.hasEpsilon else { return nil }
            switch call.framework {
            case .pytorch:
                return call.convention == .pytorch ? nil : "PyTorch adds ε outside the square root (g/(√ss + ε)); this run adds it inside"
            case .keras:
                return call.convention != .pytorch ? nil : "Keras adds ε inside the square root (g/√(ss + ε)); this run, like PyTorch, outside"
            case .optax:
                return nil
            }
        }
    ) { convention in
        switch convention {
        case .lecture:
            return .init([Equation(.ss, ρ * ss + (1 - ρ) * .pow(g, 2)), Equation(.wNew, w - η / .sqrt(ss + ε) * g)])
        case .pytorch:
            return .init(
                [Equation(.ss, ρ * ss + (1 - ρ) * .pow(g, 2)), Equation(.wNew, w - η * g / (.sqrt(ss) + ε))],
                notes: ["ε is added outside the square root; PyTorch calls ρ alpha (its default 0.99)."])
        case .keras:
            return .init(
                [Equation(.ss, ρ * ss + (1 - ρ) * .pow(g, 2)), Equation(.wNew, w - η * g / .sqrt(ss + ε))],
                notes: ["The lecture's formula; Keras's defaults differ (η 0.001, ε 1e-07)."])
        case .optax:
            return .init(
                [Equation(.ss, (1 - ρ) * .pow(g, 2) + ρ * ss), Equation(.wNew, w - η * (g * (1 / .sqrt(ss + ε))))],
                notes: ["The lecture's formula; Optax calls ρ decay."])
        }
    }
}
