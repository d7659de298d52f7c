/// One line of an update rule: `target ← expression`.
///
/// Equations of a rule run in order; a symbol on the right means its newest value: the one
/// an earlier equation of the same step assigned, or else the value carried in from the
/// previous step (state starts at 0).
public struct Equation: Sendable, Equatable {
    public var target: Symbol
    public var expression: Expression

    public init(_ target: Symbol, _ expression: Expression) {
        self.target = target
        self.expression = expression
    }
}
