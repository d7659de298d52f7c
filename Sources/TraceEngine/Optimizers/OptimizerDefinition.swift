/// One optimizer, written once: its name, its hyperparameters with their defaults, how it
/// batches, its update in each convention as equations that compute and render, and the call
/// that makes each framework compute the same.
///
/// Each optimizer has a file of its own in this folder (`Adam.swift` …); ``Optimizer`` names
/// them, and everything else (help texts, handouts, the effective rate, where ε goes, the
/// mistakes grading recognises) is derived from these values.
public struct OptimizerDefinition: Sendable {
    /// A hyperparameter the optimizer reads, with its documented default.
    public struct Hyperparameter: Sendable {
        public let symbol: Symbol
        /// The default in the lecture's and PyTorch's conventions.
        public let defaultValue: Double
        /// A framework's own default where it differs (AdaGrad's `s₀`: 0.1 in Keras and Optax).
        public let frameworkDefaults: [Convention: Double]

        public init(_ symbol: Symbol, default defaultValue: Double, frameworkDefaults: [Convention: Double] = [:]) {
            self.symbol = symbol
            self.defaultValue = defaultValue
            self.frameworkDefaults = frameworkDefaults
        }

        /// The default in `convention`.
        public func defaultValue(in convention: Convention) -> Double {
            frameworkDefaults[convention] ?? defaultValue
        }
    }

    /// The update in one convention: its equations in order, the remarks a handout prints
    /// under them, and each state symbol that does not start at 0.
    public struct ConventionRule: Sendable {
        public let equations: [Equation]
        public let notes: [String]
        public let initialState: [Symbol: Symbol]

        public init(_ equations: [Equation], notes: [String] = [], initialState: [Symbol: Symbol] = [:]) {
            self.equations = equations
            self.notes = notes
            self.initialState = initialState
        }
    }

    /// The lecture's name for it: `Adam`.
    public let displayName: String
    /// The hyperparameters, in the order they are shown.
    public let hyperparameters: [Hyperparameter]
    /// The batch size the optimizer itself fixes: gd the full batch, sgd one sample.
    public let fixedBatchSize: BatchSize?
    /// The batch size used when neither the command line nor the lesson gives one.
    public let defaultBatchSize: BatchSize
    /// The framework's optimizer call for a run: `torch.optim.Adam(params, lr=0.001, …)`.
    public let frameworkCall: @Sendable (FrameworkCall) -> String
    /// Why the framework cannot compute a run (ε on the other side of the root, η inside a
    /// velocity under a schedule), or `nil` where ``frameworkCall`` reproduces it.
    public let frameworkLimit: @Sendable (FrameworkCall) -> String?
    /// The factor between the framework's learning rate and the run's η: none, or (1 − β) for
    /// the lecture's momentum, which no framework has.
    public let frameworkRateFactor: @Sendable (Convention, Hyperparameters) -> RateFactor
    /// The update in each convention.
    public let rule: @Sendable (Convention) -> ConventionRule

    public init(
        displayName: String, hyperparameters: [Hyperparameter], fixedBatchSize: BatchSize? = nil,
        defaultBatchSize: BatchSize = .full, frameworkCall: @escaping @Sendable (FrameworkCall) -> String,
        frameworkLimit: @escaping @Sendable (FrameworkCall) -> String? = { _ in nil },
        frameworkRateFactor: @escaping @Sendable (Convention, Hyperparameters) -> RateFactor = { _, _ in .one },
        rule: @escaping @Sendable (Convention) -> ConventionRule
    ) {
        self.displayName = displayName
        self.hyperparameters = hyperparameters
        self.fixedBatchSize = fixedBatchSize
        self.defaultBatchSize = defaultBatchSize
        self.frameworkCall = frameworkCall
        self.frameworkLimit = frameworkLimit
        self.frameworkRateFactor = frameworkRateFactor
        self.rule = rule
    }
}
