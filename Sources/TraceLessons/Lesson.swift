import TraceEngine

/// A validated lesson file: the network, the data, and optional optimizer and training settings.
///
/// Every value has been checked, with its location, before a `Lesson` exists; settings the
/// command line may override keep their location so a conflict can still point at the file.
public struct Lesson: Sendable {
    /// What the lesson was read from: a path, or `bundled:NAME`.
    public var source: String
    public var title: String
    public var summary: String?
    public var network: Network
    public var data: Dataset
    public var optimizer: OptimizerSettings?
    public var training: TrainingSettings
    /// The lesson's `schedule:` section, if any.
    public var schedule: ScheduleSettings?
    /// The lesson's `objective:` section (instead of `model:` and `data:`), if any.
    public var objective: (function: Objective, start: [Double])?
    /// The lesson's `variants:` section (how homework variants may differ), if any.
    public var variants: VariantSettings?
    /// The lesson's `grading:` section (tolerances for graded answers), if any.
    public var grading: GradingSettings?
    /// The lesson's `handout:` section (runs a handout sets beside the lesson's own), if any.
    public var handout: HandoutSettings?
    /// The lesson's `homework:` section (what homework asks by default), if any.
    public var homework: HomeworkSettings?

    /// The lesson's `schedule:` section: a name and any of its parameters.
    public struct ScheduleSettings: Sendable {
        public var name: String
        public var parameters: [Symbol: Double]
    }

    /// The lesson's `optimizer:` section.
    public struct OptimizerSettings: Sendable {
        public var name: Optimizer
        public var convention: Convention?
        /// The hyperparameters the section sets, in file order.
        public var hyperparameters: [(symbol: Symbol, value: Double)]
        /// `l2:`, coupled weight decay.
        public var l2: Double?
    }

    /// The lesson's `training:` section (every field optional).
    public struct TrainingSettings: Sendable {
        public var steps: Int?
        public var batchSize: BatchSize?
        /// `shuffle: true`; a `seed:` shuffles too.
        public var shuffle: Bool?
        public var seed: UInt64?

        public init() {}
    }
}
