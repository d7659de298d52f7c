/// What a run is, told to a sink before its first step.
public struct RunDescription: Sendable {
    public var experiment: Experiment
    public var rule: UpdateRule
    public var layout: ParameterLayout

    public var parameterNames: [String] { layout.names }
}

/// Where a run stopped early, and why.
public struct Divergence: Sendable, Equatable {
    /// The first step with a value that is not finite.
    public var t: Int
    /// Which value it was, e.g. `m of W1[1,1]` or `the loss`.
    public var quantity: String
    public var value: Double
    /// Whether it came from the forward pass and chain rule (at the weights before the
    /// update) rather than from the update itself.
    public var inForwardPass = false

    public static func == (lhs: Divergence, rhs: Divergence) -> Bool {
        lhs.t == rhs.t && lhs.quantity == rhs.quantity
            && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}

/// How a run ended.
public struct RunOutcome: Sendable, Equatable {
    public var stepsRun: Int
    public var divergence: Divergence?
}

/// Receives a run as it happens, step by step, so that memory stays flat however long it is.
public protocol TraceSink {
    /// Whether the sink reads ``StepRecord/samples`` (each sample's z, a and δ). A sink that
    /// does not (CSV) gets records without them, and the engine does not build them.
    var readsSamples: Bool { get }
    mutating func begin(_ run: RunDescription) throws
    mutating func record(_ step: StepRecord) throws
    mutating func finish(_ outcome: RunOutcome) throws
}

extension TraceSink {
    public var readsSamples: Bool { true }
}
