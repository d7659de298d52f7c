import TraceEngine

/// The loss at the weights the last update left: the engine runs the experiment once more
/// with one more step, and that step's loss (taken before its update) is it.
///
/// Only where it is the same loss as the table's: a full batch (every step's loss is over
/// all the samples) or a two-weight objective; a batch of fewer samples would give the
/// loss of the next batch instead. `nil` otherwise, or if the run diverges first.
struct LossAfterLastUpdate: TraceSink {
    private let lastStep: Int
    private(set) var loss: Double?

    private init(lastStep: Int) {
        self.lastStep = lastStep
    }

    static func of(_ experiment: Experiment) -> Double? {
        let fullBatch = experiment.batchSize.resolved(sampleCount: experiment.data.count) >= experiment.data.count
        guard experiment.objective != nil || fullBatch else { return nil }
        var longer = experiment
        longer.steps += 1
        var sink = LossAfterLastUpdate(lastStep: experiment.steps)
        guard let outcome = try? Engine.run(longer, into: &sink), outcome.divergence == nil else { return nil }
        return sink.loss
    }

    mutating func begin(_ run: RunDescription) throws {}

    mutating func record(_ step: StepRecord) throws {
        if step.t == lastStep + 1, step.loss.isFinite { loss = step.loss }
    }

    mutating func finish(_ outcome: RunOutcome) throws {}
}
