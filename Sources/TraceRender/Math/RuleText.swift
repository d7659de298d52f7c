import TraceEngine

extension UpdateRule {
    /// The rule's equations in plain Unicode, `m ← β₁·m + (1 − β₁)·g`, for terminals and help.
    public var unicodeLines: [String] { unicodeLines(scheduled: false) }

    /// The rule's equations in plain Unicode; with `scheduled`, η is written ηₜ, the rate the
    /// schedule gives update t (`w ← w − ηₜ·v`), as the handouts write it.
    public func unicodeLines(scheduled: Bool) -> [String] {
        assignments(scheduled: scheduled).map(UnicodeMath.render)
    }

    /// The rule's equations as assignments, `m ← β₁·m + (1 − β₁)·g`; with `scheduled`, η is
    /// written ηₜ.
    func assignments(scheduled: Bool) -> [MathNode] {
        let builder = scheduled ? MathBuilder { $0 == .eta ? .symbol(.etaT) : .symbol($0) } : MathBuilder.symbolic
        return equations.map { .row([.symbol($0.target), .op("←"), builder.build($0.expression)]) }
    }
}
