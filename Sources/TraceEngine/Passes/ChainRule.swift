/// The forward pass and the chain rule for one sample, as equations: the definition of what
/// ``Backpropagation`` computes (by hand, for speed) and what every writer draws.
///
/// ```
/// z_l[j] = Σ_i W_l[j,i]·a_(l−1)[i] + b_l[j]               a_l[j] = f_l(z_l[j])     (a_0 = x)
/// δ_L[j] = ∂L/∂ŷ_j·f′_L(z_L[j])                            (the last layer; ŷ = a_L)
/// δ_L[j] = ŷ_j − y_j      where the loss and the last activation simplify to it (``Loss/takesOutputDeltaDirectly(from:)``)
/// δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k])·f′_l(z_l[j])     (the layers below)
/// g(W_l[j,i]) = δ_l[j]·a_(l−1)[i]                          g(b_l[j]) = δ_l[j]
/// ```
/// The loss and its slope `∂L/∂ŷ` are the network's ``Loss/equation`` and ``Loss/slope``;
/// `f` and `f′` each layer's ``Activation/equation`` and ``Activation/slope``. A batch's
/// gradient is the mean of its samples'. ``PassEvaluator`` runs these equations; a test
/// checks that they give what the engine computes.
public enum ChainRule {
    /// `z_l[j] = Σ_i W_l[j,i]·a_(l−1)[i] + b_l[j]`.
    public static let weightedInput = PassEquation(
        PassElement(.z, layer: .l, units: [.j]),
        .sum(over: .i, .weight(.l, .j, .i) * .a(.l - 1, .i)) + .bias(.l, .j))

    /// `a_l[j] = f_l(z_l[j])`.
    public static let activation = PassEquation(PassElement(.a, layer: .l, units: [.j]), .apply(.activation(.l), .z(.l, .j)))

    /// `δ_L[j] = ∂L/∂ŷ_j·f′_L(z_L[j])`.
    public static let outputDelta = PassEquation(
        PassElement(.delta, layer: .L, units: [.j]), .lossSlope(.j) * .apply(.slope(.L), .z(.L, .j)))

    /// `δ_L[j] = ŷ_j − y_j`: ``outputDelta`` where `∂L/∂ŷ_j·f′_L` simplifies to it.
    public static let outputDeltaDirect = PassEquation(PassElement(.delta, layer: .L, units: [.j]), .prediction(.j) - .target(.j))

    /// `δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k])·f′_l(z_l[j])`.
    public static let hiddenDelta = PassEquation(
        PassElement(.delta, layer: .l, units: [.j]),
        .sum(over: .k, .weight(.l + 1, .k, .j) * .delta(.l + 1, .k)) * .apply(.slope(.l), .z(.l, .j)))

    /// `g(W_l[j,i]) = δ_l[j]·a_(l−1)[i]`.
    public static let weightGradient = PassEquation(PassElement(.weightGradient, layer: .l, units: [.j, .i]), .delta(.l, .j) * .a(.l - 1, .i))

    /// `g(b_l[j]) = δ_l[j]`.
    public static let biasGradient = PassEquation(PassElement(.biasGradient, layer: .l, units: [.j]), .delta(.l, .j))

    /// The last layer's δ under `loss` after `activation`: ``outputDeltaDirect`` where it
    /// simplifies, else ``outputDelta``.
    public static func outputDelta(loss: Loss, activation: Activation) -> PassEquation {
        loss.takesOutputDeltaDirectly(from: activation) ? outputDeltaDirect : outputDelta
    }
}
