/// How the chain rule's gradient is taken: the lecture's way, or with one of two mistakes
/// students make, so that grading can compute what such a student would get.
public enum ChainRuleVariant: Sendable, Equatable {
    /// `g = (1/B)·Σ_n g_n` with `f′(z) = σ(z)·(1 − σ(z))` for a sigmoid: the lecture's.
    case standard
    /// `g = Σ_n g_n`: the batch's gradients added up, not averaged.
    case batchSum
    /// `f′(z) = σ(z)` for every sigmoid layer (the output layer of a bce loss keeps
    /// `δ = ŷ − y`, which takes no slope).
    case sigmoidSlopeIsActivation
}
