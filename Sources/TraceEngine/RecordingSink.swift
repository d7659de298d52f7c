/// Keeps a whole run in memory: for runs a few updates long (homework, grading, tests),
/// where every step is wanted at once.
public struct RecordingSink: TraceSink {
    public var run: RunDescription?
    public var steps: [StepRecord] = []
    public var outcome: RunOutcome?
    /// Whether the records keep each sample's z, a and δ (``StepRecord/samples``): a replay
    /// that reads none of them (grading's, when no value of the passes is asked) asks the
    /// engine not to build them.
    package var keepsSamples = true

    public init() {}

    public var readsSamples: Bool { keepsSamples }

    public mutating func begin(_ run: RunDescription) throws { self.run = run }
    public mutating func record(_ step: StepRecord) throws { steps.append(step) }
    public mutating func finish(_ outcome: RunOutcome) throws { self.outcome = outcome }

    /// The value of `quantity` for parameter `index` at update `t`, as computed (before any
    /// ``Replacements``); `nil` when the run stopped before `t`.
    public func computed(_ quantity: Symbol, at t: Int, parameter index: Int) -> Double? {
        guard t >= 1, t <= steps.count else { return nil }
        // Read in place: a copy of the step would retain each of its buffers.
        return (steps[t - 1].computed[quantity] ?? steps[t - 1].values[quantity])?[index]
    }

    /// The value of `quantity` for parameter `index` at update `t` as the run went on (after
    /// any ``Replacements``); `nil` when the run stopped before `t` or has no such value.
    package func recorded(_ quantity: Symbol, at t: Int, parameter index: Int) -> Double? {
        guard t >= 1, t <= steps.count else { return nil }
        return steps[t - 1].values[quantity]?[index]
    }
}
