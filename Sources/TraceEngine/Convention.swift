/// Whose arithmetic an optimizer follows.
public enum Convention: String, CaseIterable, Sendable {
    /// The lecture's formulas exactly: ε inside the square root, momentum with (1 − β),
    /// AdamW's decay `− η·λ·w(t)` on the old weight.
    case lecture
    /// What `torch.optim` computes: ε outside the square root, momentum `v ← β·v + g`,
    /// AdamW as `w·(1 − η·λ)` before the Adam step.
    case pytorch

    /// A name for headings.
    public var displayName: String {
        switch self {
        case .lecture: return "lecture"
        case .pytorch: return "PyTorch"
        }
    }
}
