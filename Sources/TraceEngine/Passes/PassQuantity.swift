/// What a value of the passes is: the names of the chain rule's formulas.
///
/// ```
/// x  the sample's input (a_0)      y  its target          ŷ  the prediction, a_L
/// z  a unit's weighted input       a  its activation      δ  ∂L/∂z, its share of the error
/// W  a weight, W_l[j,i] into unit j of layer l from unit i below      b  a bias, b_l[j]
/// ∂L/∂ŷ  the loss's slope at an output      K  the number of outputs      L  the sample's loss
/// g(W), g(b)  a parameter's gradient
/// ```
public enum PassQuantity: String, Sendable, CaseIterable {
    case input = "x"
    case target = "y"
    case prediction = "ŷ"
    case z
    case a
    case delta = "δ"
    case weight = "W"
    case bias = "b"
    case lossSlope = "∂L/∂ŷ"
    case outputCount = "K"
    case loss = "L"
    case weightGradient = "g(W)"
    case biasGradient = "g(b)"
}

/// One value of the passes: a quantity at a layer and units, `W_(l+1)[k,j]`, `δ_L[j]`, `y_k`.
///
/// `z` and `a` without a layer are an activation function's own argument and value (`z_k`,
/// `a_k` in `σ′ = a_k·(1 − a_k)`), whatever layer it is applied in.
public struct PassElement: Sendable, Equatable {
    public var quantity: PassQuantity
    public var layer: PassIndex?
    public var units: [PassIndex]

    public init(_ quantity: PassQuantity, layer: PassIndex? = nil, units: [PassIndex] = []) {
        self.quantity = quantity
        self.layer = layer
        self.units = units
    }

    /// The element with the letters `numbers` gives replaced by numbers.
    public func numbered(_ numbers: [PassIndex.Letter: Int]) -> PassElement {
        PassElement(quantity, layer: layer?.numbered(numbers), units: units.map { $0.numbered(numbers) })
    }
}
