import TraceEngine

extension UpdateRule {
    /// The rule's equations in plain Unicode, `m ← β₁·m + (1 − β₁)·g`, for terminals and help.
    public var unicodeLines: [String] {
        equations.map { "\($0.target.unicode) ← \(UnicodeMath.render(MathBuilder.symbolic.build($0.expression)))" }
    }
}
