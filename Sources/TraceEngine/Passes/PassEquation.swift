/// One formula of the passes: `target = expression`, such as
/// `δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k])·f′_l(z_l[j])`.
public struct PassEquation: Sendable, Equatable {
    public var target: PassElement
    public var expression: IndexedExpression

    public init(_ target: PassElement, _ expression: IndexedExpression) {
        self.target = target
        self.expression = expression
    }

    /// The equation taken at one unit: its letters that `numbers` gives replaced by numbers.
    public func numbered(_ numbers: [PassIndex.Letter: Int]) -> PassEquation {
        PassEquation(target.numbered(numbers), expression.numbered(numbers))
    }
}
