import TraceEngine

extension LearningRateSchedule {
    /// `ηₜ = η·γ^⌊(t − 1)/K⌋` as a formula; `nil` for a constant rate.
    public var formula: MathNode? {
        equation.map { .row([.symbol(.etaT), .op("="), MathBuilder.symbolic.build($0.expression)]) }
    }
}
