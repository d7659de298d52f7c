/// A formula over the indexed values of the passes: the right-hand side of a
/// ``PassEquation``, such as `(Σ_k W_(l+1)[k,j]·δ_(l+1)[k])·f′_l(z_l[j])`.
///
/// ``Expression`` is the same for an optimizer's per-parameter values; this one has what the
/// chain rule needs besides: values at layers and units, a sum over a unit index, and
/// functions (the activations, their slopes, `e^x`, `ln x`). ``PassEvaluator`` computes it
/// and the renderers draw it, so what a handout shows is what the definition computes.
public indirect enum IndexedExpression: Sendable, Equatable {
    case element(PassElement)
    case constant(Double)
    case sum(IndexedExpression, IndexedExpression)
    case difference(IndexedExpression, IndexedExpression)
    case product(IndexedExpression, IndexedExpression)
    case quotient(IndexedExpression, IndexedExpression)
    case power(IndexedExpression, IndexedExpression)
    /// `Σ_k body`, over every unit the letter takes where the body first uses it (`k` in
    /// `δ_(l+1)[k]` runs over layer `l + 1`'s units, in `y_k` over the outputs).
    case summation(PassIndex.Letter, IndexedExpression)
    case apply(PassFunction, IndexedExpression)

    public static func + (lhs: IndexedExpression, rhs: IndexedExpression) -> IndexedExpression { .sum(lhs, rhs) }
    public static func - (lhs: IndexedExpression, rhs: IndexedExpression) -> IndexedExpression { .difference(lhs, rhs) }
    public static func * (lhs: IndexedExpression, rhs: IndexedExpression) -> IndexedExpression { .product(lhs, rhs) }
    public static func / (lhs: IndexedExpression, rhs: IndexedExpression) -> IndexedExpression { .quotient(lhs, rhs) }

    /// `−x`, written `0 − x` as ``Expression`` writes a negation.
    public static prefix func - (x: IndexedExpression) -> IndexedExpression { .difference(0, x) }

    /// `Σ_letter body`.
    public static func sum(over letter: PassIndex.Letter, _ body: IndexedExpression) -> IndexedExpression {
        .summation(letter, body)
    }

    /// `z_l[j]`; without a layer, an activation's own argument `z_k`.
    public static func z(_ layer: PassIndex?, _ unit: PassIndex) -> IndexedExpression { .element(PassElement(.z, layer: layer, units: [unit])) }
    /// `a_l[j]` (`a_0` is the input `x`); without a layer, an activation's own value `a_k`.
    public static func a(_ layer: PassIndex?, _ unit: PassIndex) -> IndexedExpression { .element(PassElement(.a, layer: layer, units: [unit])) }
    /// `δ_l[j]`.
    public static func delta(_ layer: PassIndex, _ unit: PassIndex) -> IndexedExpression { .element(PassElement(.delta, layer: layer, units: [unit])) }
    /// `W_l[j,i]`: into unit `j` of layer `l`, from unit `i` of layer `l − 1`.
    public static func weight(_ layer: PassIndex, _ unit: PassIndex, _ input: PassIndex) -> IndexedExpression {
        .element(PassElement(.weight, layer: layer, units: [unit, input]))
    }
    /// `b_l[j]`.
    public static func bias(_ layer: PassIndex, _ unit: PassIndex) -> IndexedExpression { .element(PassElement(.bias, layer: layer, units: [unit])) }
    /// `y_k`.
    public static func target(_ unit: PassIndex) -> IndexedExpression { .element(PassElement(.target, units: [unit])) }
    /// `ŷ_k`.
    public static func prediction(_ unit: PassIndex) -> IndexedExpression { .element(PassElement(.prediction, units: [unit])) }
    /// `∂L/∂ŷ_k`.
    public static func lossSlope(_ unit: PassIndex) -> IndexedExpression { .element(PassElement(.lossSlope, units: [unit])) }
    /// `K`, the number of outputs.
    public static let outputCount = IndexedExpression.element(PassElement(.outputCount))

    /// The expression with the letters `numbers` gives replaced by numbers, except where a
    /// sum binds the letter: the formula taken at one unit (`l = 2, j = 1` turns
    /// `Σ_i W_l[j,i]·a_(l−1)[i]` into `Σ_i W_2[1,i]·a_1[i]`).
    public func numbered(_ numbers: [PassIndex.Letter: Int]) -> IndexedExpression {
        switch self {
        case let .element(element): return .element(element.numbered(numbers))
        case .constant: return self
        case let .sum(a, b): return .sum(a.numbered(numbers), b.numbered(numbers))
        case let .difference(a, b): return .difference(a.numbered(numbers), b.numbered(numbers))
        case let .product(a, b): return .product(a.numbered(numbers), b.numbered(numbers))
        case let .quotient(a, b): return .quotient(a.numbered(numbers), b.numbered(numbers))
        case let .power(a, b): return .power(a.numbered(numbers), b.numbered(numbers))
        case let .summation(letter, body):
            var free = numbers
            free[letter] = nil
            return .summation(letter, body.numbered(free))
        case let .apply(function, argument): return .apply(function.numbered(numbers), argument.numbered(numbers))
        }
    }

    /// An activation's formula over its own `z_k` and `a_k`, placed in layer `layer`:
    /// `e^(z_k)/Σ_j e^(z_j)` becomes `e^(z_l[k])/Σ_j e^(z_l[j])`.
    public func placed(inLayer layer: PassIndex) -> IndexedExpression {
        switch self {
        case let .element(element) where element.layer == nil && (element.quantity == .z || element.quantity == .a):
            return .element(PassElement(element.quantity, layer: layer, units: element.units))
        case .element, .constant: return self
        case let .sum(a, b): return .sum(a.placed(inLayer: layer), b.placed(inLayer: layer))
        case let .difference(a, b): return .difference(a.placed(inLayer: layer), b.placed(inLayer: layer))
        case let .product(a, b): return .product(a.placed(inLayer: layer), b.placed(inLayer: layer))
        case let .quotient(a, b): return .quotient(a.placed(inLayer: layer), b.placed(inLayer: layer))
        case let .power(a, b): return .power(a.placed(inLayer: layer), b.placed(inLayer: layer))
        case let .summation(letter, body): return .summation(letter, body.placed(inLayer: layer))
        case let .apply(function, argument): return .apply(function, argument.placed(inLayer: layer))
        }
    }

    /// The first element, in reading order, that indexes a unit with `letter`, and where.
    func firstUse(of letter: PassIndex.Letter) -> (element: PassElement, position: Int)? {
        switch self {
        case let .element(element):
            return element.units.firstIndex { $0.letter == letter }.map { (element, $0) }
        case .constant: return nil
        case let .sum(a, b), let .difference(a, b), let .product(a, b), let .quotient(a, b), let .power(a, b):
            return a.firstUse(of: letter) ?? b.firstUse(of: letter)
        case let .summation(bound, body): return bound == letter ? nil : body.firstUse(of: letter)
        case let .apply(_, argument): return argument.firstUse(of: letter)
        }
    }
}

extension IndexedExpression: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }
    public init(floatLiteral value: Double) { self = .constant(value) }
}
