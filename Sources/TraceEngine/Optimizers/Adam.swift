private let w = Expression.symbol(.w), m = Expression.symbol(.m), v = Expression.symbol(.v)
private let mHat = Expression.symbol(.mHat), vHat = Expression.symbol(.vHat)
private let η = Expression.symbol(.eta), ε = Expression.symbol(.epsilon)

/// Adam: momentum's first moment and RMSProp's second, both bias-corrected.
///
/// ```
/// lecture   m, v, m̂, v̂ (AdamMoments.lecture)   w ← w − η/√(v̂ + ε)·m̂
/// pytorch   the same moments                     w ← w − η·m̂/(√v̂ + ε)
/// keras     AdamMoments.keras, no m̂ or v̂        w ← w − m·η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)/(√v + ε)
/// optax     AdamMoments.optax                    w ← w − η·(m̂/(√v̂ + ε))
/// ```
enum Adam {
    static let hyperparameters: [OptimizerDefinition.Hyperparameter] = [
        .init(.eta, default: 0.001), .init(.beta1, default: 0.9), .init(.beta2, default: 0.999), .init(.epsilon, default: 1e-8),
    ]

    /// The update of `w` in each convention, which AdamW's builds on.
    static func step(_ convention: Convention) -> Expression {
        switch convention {
        case .lecture: return w - η / .sqrt(vHat + ε) * mHat
        case .pytorch: return w - η * mHat / (.sqrt(vHat) + ε)
        case .keras: return w - m * AdamMoments.kerasRate / (.sqrt(v) + ε)
        case .optax: return w - η * (mHat / (.sqrt(vHat) + ε))
        }
    }

    static let definition = OptimizerDefinition(
        displayName: "Adam", hyperparameters: hyperparameters,
        frameworkCall: { call in
            let lr = call.learningRate, β1 = call.value(.beta1), β2 = call.value(.beta2), ε = call.value(.epsilon)
            switch call.framework {
            case .pytorch: return "torch.optim.Adam(params, lr=\(lr), betas=(\(β1), \(β2)), eps=\(ε))"
            case .keras: return "keras.optimizers.Adam(learning_rate=\(lr), beta_1=\(β1), beta_2=\(β2), epsilon=\(ε))"
            case .optax: return "optax.adam(\(lr), b1=\(β1), b2=\(β2), \(AdamMoments.optaxEpsilon(call)))"
            }
        },
        frameworkLimit: AdamMoments.epsilonLimit
    ) { convention in
        switch convention {
        case .lecture:
            return .init(AdamMoments.lecture + [Equation(.wNew, step(.lecture))])
        case .pytorch:
            return .init(
                AdamMoments.lecture + [Equation(.wNew, step(.pytorch))],
                notes: ["ε is added outside the square root (Algorithm 1 of the Adam paper)."])
        case .keras:
            return .init(AdamMoments.keras + [Equation(.wNew, step(.keras))], notes: AdamMoments.kerasNotes)
        case .optax:
            return .init(
                AdamMoments.optax + [Equation(.wNew, step(.optax))],
                notes: ["ε is added outside the square root, as in PyTorch; optax.adam(η, eps=0, eps_root=ε) is the lecture's."])
        }
    }
}
