private let w = Expression.symbol(.w), m = Expression.symbol(.m), v = Expression.symbol(.v)
private let mHat = Expression.symbol(.mHat), vHat = Expression.symbol(.vHat)
private let η = Expression.symbol(.eta), ε = Expression.symbol(.epsilon), λ = Expression.symbol(.lambda)

/// AdamW: Adam with the weight decay taken from the weight, not added to g.
///
/// ```
/// lecture   w ← w − η/√(v̂ + ε)·m̂ − η·λ·w
/// pytorch   w ← w·(1 − η·λ) − η·m̂/(√v̂ + ε)
/// keras     w ← w − w·λ·η − m·η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)/(√v + ε)
/// optax     w ← w − η·(m̂/(√v̂ + ε) + λ·w)
/// ```
/// with Adam's moments in each convention's form.
enum AdamW {
    static let definition = OptimizerDefinition(
        displayName: "AdamW", hyperparameters: Adam.hyperparameters + [.init(.lambda, default: 0.01)],
        frameworkCall: { call in
            let lr = call.learningRate, β1 = call.value(.beta1), β2 = call.value(.beta2), ε = call.value(.epsilon)
            let λ = call.value(.lambda)
            switch call.framework {
            case .pytorch: return "torch.optim.AdamW(params, lr=\(lr), betas=(\(β1), \(β2)), eps=\(ε), weight_decay=\(λ))"
            case .keras:
                return "keras.optimizers.AdamW(learning_rate=\(lr), weight_decay=\(λ), beta_1=\(β1), beta_2=\(β2), epsilon=\(ε))"
            case .optax: return "optax.adamw(\(lr), b1=\(β1), b2=\(β2), \(AdamMoments.optaxEpsilon(call)), weight_decay=\(λ))"
            }
        },
        frameworkLimit: AdamMoments.epsilonLimit
    ) { convention in
        switch convention {
        case .lecture:
            return .init(AdamMoments.lecture + [Equation(.wNew, w - η / .sqrt(vHat + ε) * mHat - η * λ * w)])
        case .pytorch:
            return .init(
                AdamMoments.lecture + [Equation(.wNew, w * (1 - η * λ) - η * mHat / (.sqrt(vHat) + ε))],
                notes: ["PyTorch multiplies w by (1 − η·λ) before the Adam step; ε is outside the square root."])
        case .keras:
            return .init(
                AdamMoments.keras + [Equation(.wNew, w - w * λ * η - m * AdamMoments.kerasRate / (.sqrt(v) + ε))],
                notes: AdamMoments.kerasNotes + ["Keras first decays w by w·λ·η, then takes the Adam step."])
        case .optax:
            return .init(
                AdamMoments.optax + [Equation(.wNew, w - η * (mHat / (.sqrt(vHat) + ε) + λ * w))],
                notes: ["Optax adds λ·w to the Adam direction, then scales by η; ε is outside the square root."])
        }
    }
}
