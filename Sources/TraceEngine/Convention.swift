/// Whose arithmetic an optimizer follows.
public enum Convention: String, CaseIterable, Sendable {
    /// The lecture's formulas exactly: ε inside the square root, momentum with (1 − β),
    /// AdamW's decay `− η·λ·w(t)` on the old weight.
    case lecture
    /// What `torch.optim` computes: ε outside the square root, momentum `v ← β·v + g`,
    /// AdamW as `w·(1 − η·λ)` before the Adam step.
    case pytorch
    /// What Keras 3 (`keras.optimizers`) computes: momentum as a velocity `v ← β·v − η·g`,
    /// `w ← w + v`; AdaGrad's accumulator from 0.1; Adam without m̂ and v̂, through
    /// `η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)` and ε outside the root ("epsilon hat").
    case keras
    /// What Optax computes: momentum `v ← g + β·v`; AdaGrad's accumulator from 0.1, ε inside
    /// the root; RMSProp as the lecture; Adam with ε outside the root; AdamW as
    /// `w − η·(m̂/(√v̂ + ε) + λ·w)`.
    case optax

    /// A name for headings.
    public var displayName: String {
        switch self {
        case .lecture: return "lecture"
        case .pytorch: return "PyTorch"
        case .keras: return "Keras"
        case .optax: return "Optax"
        }
    }
}
