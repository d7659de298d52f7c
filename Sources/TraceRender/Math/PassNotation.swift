import TraceEngine

/// How the formulas of the passes are written: which indices show, and how. One definition
/// (``ChainRule``, ``Loss/equation``, ``Activation/equation``) is drawn in each writer's
/// notation by ``PassMathBuilder``.
public struct PassNotation: Sendable {
    public enum Units: Sendable {
        /// Every index: `z_l[j]`, `W_(l+1)[k,j]`, `δ2[1]` (the terminal, feedback, worked examples).
        case brackets
        /// Vectors and matrices: `z_l`, `ŷ`, a sum over a unit as a product, `W_(l+1)ᵀ·δ_(l+1)` (the handouts).
        case vectors
        /// The lecture's: units as subscripts and no layer, `g_ji = δ_j·a_i`, `y_k`.
        case subscripts
    }

    public var units: Units
    /// A layer `l ± 1` written `(l+1)`, as a terminal line does, rather than spaced, `l + 1`.
    public var compactLayers = false
    /// Whether the last layer shows as `L` (`δ_L`, `z_L`), or is left out where a label says
    /// which layer it is (the terminal's `δ (last layer) = ∂L/∂ŷ · f′(z)`).
    public var writesLastLayer = true
    /// Layer 0's `a` written `x`, the input (`x[i]`), rather than `a0`.
    public var inputAsX = false
    /// A product with a slope `f′` written ` · `, setting the chain rule's two factors apart.
    public var spacesSlope = false
    /// For a formula inside a sentence: subscript letters (`yₖ`), `½`, a fraction that
    /// multiplies in parentheses (`(1/K)`), a sum's terms in brackets, `ln ŷₖ`.
    public var prose = false
    /// Each layer's activation (from layer 1), to write a numbered layer's `f_2(z)` as `σ(z)`.
    public var activations: [Activation] = []
    /// A numbered layer's slope named by its activation, `σ′(a1[1])`, rather than `f′`
    /// (where ``activations`` has the layer's).
    public var namesSlopes = false

    public init(units: Units) {
        self.units = units
    }

    /// Typeset handouts: `z_l = W_l·a_(l−1) + b_l`.
    public static let vectors = PassNotation(units: .vectors)
    /// The lecture's `g_ji = δ_j·a_i`, `ŷ_k = e^(z_k)/Σ_j e^(z_j)`.
    public static let subscripts = PassNotation(units: .subscripts)
    /// A worked example's `δ2[1]·a1[1]`.
    public static let brackets = PassNotation(units: .brackets)

    /// The terminal's chain rule: `δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k]) · f′_l(z_l[j])`.
    public static func terminal(_ units: Units) -> PassNotation {
        var notation = PassNotation(units: units)
        notation.compactLayers = true
        notation.writesLastLayer = false
        notation.spacesSlope = true
        return notation
    }

    /// Feedback on one unit of `network`: `z1[1] = Σ_i W1[1,i]·x[i] + b1[1]`, `a2[1] = σ(z2[1])`.
    public static func feedback(_ network: Network) -> PassNotation {
        var notation = PassNotation(units: .brackets)
        notation.inputAsX = true
        notation.activations = network.layers.map(\.activation)
        return notation
    }

    /// A loss inside a sentence: `L = ½·Σₖ (yₖ − ŷₖ)²`.
    public static let prose: PassNotation = {
        var notation = PassNotation(units: .subscripts)
        notation.prose = true
        return notation
    }()
}
