import TraceEngine

/// What one optimizer's run leaves for a comparison (``ComparisonBuilder``): the batch loss
/// per step, the focus parameter's effective learning rate per step where the rule has one
/// (``UpdateRule/effectiveRate``), where it diverged, and over an objective its path.
public struct ComparisonRun: Sendable {
    public let experiment: Experiment
    /// `(t, L)`: the batch loss at the weights before update `t`.
    public private(set) var losses: [(t: Int, value: Double)] = []
    /// `(t, rate)` of the focus parameter; empty for a rule without an effective rate.
    public private(set) var rates: [(t: Int, value: Double)] = []
    public private(set) var divergedAt: Int?
    /// For an objective: (w₁, w₂) at the start and after each update.
    public private(set) var path: [[Double]] = []

    public var optimizer: Optimizer { experiment.optimizer }
    public var rule: UpdateRule { experiment.rule }

    /// Runs `experiment`, keeping the rate of the parameter numbered `focus` (from 0).
    public static func run(_ experiment: Experiment, focus: Int) throws -> ComparisonRun {
        var collector = Collector(run: ComparisonRun(experiment: experiment), focus: focus)
        try Engine.run(experiment, into: &collector)
        return collector.run
    }

    private init(experiment: Experiment) {
        self.experiment = experiment
    }

    /// Keeps every step's loss, the path and the focus parameter's rate.
    private struct Collector: TraceSink {
        var run: ComparisonRun
        let focus: Int

        mutating func begin(_ description: RunDescription) throws {}

        mutating func record(_ step: StepRecord) throws {
            run.losses.append((step.t, step.loss))
            if step.samples.isEmpty, let w = step.values[.w], let after = step.values[.wNew] {
                if run.path.isEmpty { run.path.append(Array(w)) }
                run.path.append(Array(after))
            }
            if let rate = run.rule.effectiveRate?.value(at: step, parameter: focus) {
                run.rates.append((step.t, rate))
            }
        }

        mutating func finish(_ outcome: RunOutcome) throws {
            run.divergedAt = outcome.divergence?.t
        }
    }
}
