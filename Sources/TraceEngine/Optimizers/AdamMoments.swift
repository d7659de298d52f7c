private let g = Expression.symbol(.g), m = Expression.symbol(.m), v = Expression.symbol(.v)
private let η = Expression.symbol(.eta), β1 = Expression.symbol(.beta1), β2 = Expression.symbol(.beta2)
private let t = Expression.symbol(.t)

/// The moments Adam and AdamW share, in each convention's form.
enum AdamMoments {
    /// `m ← β₁·m + (1 − β₁)·g`, `v ← β₂·v + (1 − β₂)·g²`, `m̂ ← m/(1 − β₁ᵗ)`, `v̂ ← v/(1 − β₂ᵗ)`:
    /// the lecture's and PyTorch's.
    static let lecture = [
        Equation(.m, β1 * m + (1 - β1) * g),
        Equation(.v, β2 * v + (1 - β2) * .pow(g, 2)),
        Equation(.mHat, m / (1 - .pow(β1, t))),
        Equation(.vHat, v / (1 - .pow(β2, t))),
    ]

    /// Keras moves each moment toward its target, `m ← m + (g − m)·(1 − β₁)`, and keeps no m̂
    /// or v̂: it folds both bias corrections into ``kerasRate``.
    static let keras = [
        Equation(.m, m + (g - m) * (1 - β1)),
        Equation(.v, v + (.pow(g, 2) - v) * (1 - β2)),
    ]

    /// Keras's step size, `η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)`.
    static let kerasRate = η * .sqrt(1 - .pow(β2, t)) / (1 - .pow(β1, t))

    static let kerasNotes = [
        "Keras keeps no m̂ or v̂: it scales η by √(1 − β₂ᵗ)/(1 − β₁ᵗ) and adds ε to √v, so its ε acts as ε/√(1 − β₂ᵗ) would in m̂/(√v̂ + ε).",
    ]

    /// Optax's Adam takes ε outside the root (`eps`) or inside it (`eps_root`, the lecture's).
    static func optaxEpsilon(_ call: FrameworkCall) -> String {
        call.convention == .lecture && call.hasEpsilon ? "eps=0.0, eps_root=\(call.value(.epsilon))" : "eps=\(call.value(.epsilon))"
    }

    /// Where each framework's Adam adds ε: Keras to √v before the bias correction, PyTorch
    /// outside √v̂ (no option for inside), Optax either side (``optaxEpsilon(_:)``).
    static func epsilonLimit(_ call: FrameworkCall) -> String? {
        guard call.hasEpsilon else { return nil }
        switch call.framework {
        case .keras:
            return call.convention == .keras ? nil
                : "Keras adds ε to √v, before the bias correction: in m̂/(√v̂ + ε) its ε acts as ε/√(1 − β₂ᵗ), which changes with t"
        case .pytorch, .optax:
            if call.convention == .keras {
                return "\(call.framework.displayName) adds ε to √v̂, Keras (this run) to √v, which is ε/√(1 − β₂ᵗ) in terms of v̂ and changes with t"
            }
            if call.convention == .lecture, call.framework == .pytorch {
                return "PyTorch adds ε outside the square root (m̂/(√v̂ + ε)); the lecture inside (m̂/√(v̂ + ε)), and torch.optim has no option for that"
            }
            return nil
        }
    }

    /// Optax's order of terms: `m ← (1 − β₁)·g + β₁·m`, then m̂ and v̂ as the lecture.
    static let optax = [
        Equation(.m, (1 - β1) * g + β1 * m),
        Equation(.v, (1 - β2) * .pow(g, 2) + β2 * v),
        Equation(.mHat, m / (1 - .pow(β1, t))),
        Equation(.vHat, v / (1 - .pow(β2, t))),
    ]
}
