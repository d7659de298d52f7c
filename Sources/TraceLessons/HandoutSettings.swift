import TraceEngine

/// A lesson's `handout:` section: runs the handout adds beside the lesson's own run, each
/// computed by the engine when the handout is written.
public struct HandoutSettings: Sendable {
    /// `compare:` the lesson under several optimizers, as `trace compare` runs it.
    public var compare: Comparison?
    /// `conventions:` the lesson's own run once per convention, set side by side per step.
    public var conventions: [Convention] = []
    /// `sweep:` a grid of runs of the lesson's optimizer over one or two hyperparameters.
    public var sweep: [(symbol: Symbol, values: [Double])] = []

    public init() {}

    /// The optimizers of `compare:` and the settings every run shares.
    public struct Comparison: Sendable {
        public var optimizers: [Optimizer]
        /// Each for every run that has the hyperparameter, as `trace compare`'s flags.
        public var hyperparameters: [Symbol: Double] = [:]
        /// Updates per run; the lesson's `training.steps` when absent.
        public var steps: Int?
    }

    /// The most runs a sweep may make (its grid's cells).
    public static let maximumSweepRuns = 8
}
