/// How the chain rule's gradient is taken: the lecture's way, or with one of the mistakes
/// students make, so that grading can compute what such a student would get.
///
/// ```
/// standard                   δ_L = ∂L/∂ŷ·f′(z_L)    δ_l = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k])·f′(z_l)
///                            g(W_l[j,i]) = mean of δ_l[j]·a_(l−1)[i]    g(b_l[j]) = mean of δ_l[j]
/// batchSum                   g = Σ_n g_n: the batch's gradients added up, not averaged
/// sigmoidSlopeIsActivation   f′(z) = σ(z) for a sigmoid
/// slopeOmitted               f′ = 1: δ_L = ∂L/∂ŷ, δ_l = Σ_k W_(l+1)[k,j]·δ_(l+1)[k]
/// slopeAtActivation          f′ taken at a: σ′(a) = σ(a)·(1 − σ(a)), tanh′(a) = 1 − tanh²(a)
/// outputDeltaSignFlipped     δ_L from y − ŷ: −∂L/∂ŷ·f′(z_L) (and y − ŷ for ŷ − y)
/// weightsUntransposed        δ_l[j] = (Σ_k W_(l+1)[j,k]·δ_(l+1)[k])·f′(z_l): W's row, not its column
/// deltaFromOwnLayerWeights   δ_l[j] = (Σ_k W_l[k,j]·δ_(l+1)[k])·f′(z_l): the layer's own weights
/// biasGradientTimesActivation g(b_l[j]) = mean of δ_l[j]·a_l[j]: the unit's a for the bias's 1
/// ```
///
/// An output layer whose `δ = ŷ − y` takes no slope (a sigmoid with bce, softmax with
/// cross-entropy) keeps it under the slope mistakes. The two weight mistakes apply to a hidden
/// layer only where the weights they use have the shape of the right ones (a square
/// `W_(l+1)`; a `W_l` as large as `W_(l+1)`); elsewhere that layer's δ is the lecture's.
public enum ChainRuleVariant: Sendable, Equatable, CaseIterable {
    case standard
    case batchSum
    case sigmoidSlopeIsActivation
    case slopeOmitted
    case slopeAtActivation
    case outputDeltaSignFlipped
    case weightsUntransposed
    case deltaFromOwnLayerWeights
    case biasGradientTimesActivation
}
