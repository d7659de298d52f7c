import TraceEngine

extension RecordingSink {
    /// Update `t`'s record with `quantity` as it was computed, before a student's answer took
    /// its place; every value it read stays as the equations read it (the student's, where
    /// they gave one). `nil` when the run stopped before `t`. Feedback shows formulas this way.
    func step(at t: Int, showingComputed quantity: Symbol) -> StepRecord? {
        guard t >= 1, t <= steps.count else { return nil }
        var step = steps[t - 1]
        if let computed = step.computed[quantity] {
            step.values[quantity] = computed
            // Without L2, g is the chain rule's own, which the formulas read as carried in.
            if quantity == .g, !(run?.rule.equations.contains { $0.target == .g } ?? false) { step.carriedIn[.g] = computed }
        }
        return step
    }
}
