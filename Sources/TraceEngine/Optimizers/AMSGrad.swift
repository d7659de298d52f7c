private let w = Expression.symbol(.w), m = Expression.symbol(.m), v = Expression.symbol(.v)
private let mHat = Expression.symbol(.mHat), vHat = Expression.symbol(.vHat), vMax = Expression.symbol(.vMax)
private let η = Expression.symbol(.eta), ε = Expression.symbol(.epsilon)
private let β2 = Expression.symbol(.beta2), t = Expression.symbol(.t)

/// AMSGrad: Adam whose step divides by the largest second moment so far, `v_max`, so that no
/// parameter's step grows again when its gradients shrink.
///
/// ```
/// lecture   Adam's m, v, m̂, v̂   v_max ← max(v_max, v̂)                        w ← w − η/√(v_max + ε)·m̂
/// pytorch   m, v, m̂             v_max ← max(v_max, v), v̂ ← v_max/(1 − β₂ᵗ)    w ← w − η·m̂/(√v̂ + ε)
/// keras     m, v (Keras's)       v_max ← max(v_max, v)                         w ← w − m·η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)/(√v_max + ε)
/// optax     m, v, m̂, v̂ (Optax's) v_max ← max(v_max, v̂)                        w ← w − η·(m̂/(√v_max + ε))
/// ```
/// PyTorch's `Adam(amsgrad=True)` and Keras's keep the maximum of `v`, before the bias
/// correction; Optax's `amsgrad` of `v̂`, after it. The lecture has no AMSGrad: its form is the
/// lecture's Adam, unchanged, with `v_max` taken of its `v̂` and put where the step had `v̂`
/// (ε inside the root), which `optax.amsgrad(η, eps=0, eps_root=ε)` computes.
enum AMSGrad {
    /// Which second moment the convention's maximum keeps: `v` (PyTorch, Keras) or `v̂`.
    static func keepsMaximumOfRawV(_ convention: Convention) -> Bool {
        switch convention {
        case .pytorch, .keras: return true
        case .lecture, .optax: return false
        }
    }

    /// Why a framework cannot compute a run: the maximum taken of the other moment (unless
    /// β₂ = 0, where v̂ = v), else ε's place, as for Adam.
    static func limit(_ call: FrameworkCall) -> String? {
        let frameworkKeepsRawV = call.framework != .optax
        if frameworkKeepsRawV != keepsMaximumOfRawV(call.convention), (call.hyperparameters[.beta2] ?? 0) != 0 {
            let adam = call.framework == .pytorch ? "torch.optim.Adam" : "keras.optimizers.Adam"
            return frameworkKeepsRawV
                ? "\(adam)(amsgrad=True) takes the maximum of v, before the bias correction (v_max = max(v_max, v)); this run takes it of v̂ = v/(1 − β₂ᵗ), after the correction, and \(adam) has no option for that"
                : "optax.amsgrad takes the maximum of v̂ = v/(1 − β₂ᵗ), after the bias correction; this run takes it of v, before the correction, and optax.amsgrad has no option for that (bias_correction_nu=False leaves the correction out altogether)"
        }
        return AdamMoments.epsilonLimit(call)
    }

    static let definition = OptimizerDefinition(
        displayName: "AMSGrad", hyperparameters: Adam.hyperparameters,
        frameworkCall: { call in
            let lr = call.learningRate, β1 = call.value(.beta1), β2 = call.value(.beta2), ε = call.value(.epsilon)
            switch call.framework {
            case .pytorch: return "torch.optim.Adam(params, lr=\(lr), betas=(\(β1), \(β2)), eps=\(ε), amsgrad=True)"
            case .keras: return "keras.optimizers.Adam(learning_rate=\(lr), beta_1=\(β1), beta_2=\(β2), epsilon=\(ε), amsgrad=True)"
            case .optax: return "optax.amsgrad(\(lr), b1=\(β1), b2=\(β2), \(AdamMoments.optaxEpsilon(call)))"
            }
        },
        frameworkLimit: limit
    ) { convention in
        switch convention {
        case .lecture:
            return .init(
                AdamMoments.lecture + [Equation(.vMax, .maximum(vMax, vHat)), Equation(.wNew, w - η / .sqrt(vMax + ε) * mHat)],
                notes: ["The lecture's Adam with v̂ replaced by its largest value so far, v_max: as optax.amsgrad(η, eps=0, eps_root=ε)."])
        case .pytorch:
            return .init(
                AdamMoments.lecture.filter { $0.target != .vHat } + [
                    Equation(.vMax, .maximum(vMax, v)), Equation(.vHat, vMax / (1 - .pow(β2, t))),
                    Equation(.wNew, w - η * mHat / (.sqrt(vHat) + ε)),
                ],
                notes: [
                    "PyTorch's amsgrad=True keeps the maximum of v, before the bias correction, and divides it by 1 − β₂ᵗ: its v̂ is v_max/(1 − β₂ᵗ).",
                    "ε is added outside the square root, as in PyTorch's Adam.",
                ])
        case .keras:
            return .init(
                AdamMoments.keras + [Equation(.vMax, .maximum(vMax, v)), Equation(.wNew, w - m * AdamMoments.kerasRate / (.sqrt(vMax) + ε))],
                notes: AdamMoments.kerasNotes + ["Keras's amsgrad=True keeps the maximum of v, before the bias correction, and takes its root where Adam takes √v."])
        case .optax:
            return .init(
                AdamMoments.optax + [Equation(.vMax, .maximum(vMax, vHat)), Equation(.wNew, w - η * (mHat / (.sqrt(vMax) + ε)))],
                notes: ["Optax's amsgrad keeps the maximum of v̂, after the bias correction; ε is added outside the square root, as in its Adam."])
        }
    }
}
