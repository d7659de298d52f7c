/// The training samples: `inputs[n]` is `x` of sample `n + 1`, `targets[n]` its `y`.
public struct Dataset: Sendable, Equatable {
    public var inputs: [[Double]]
    public var targets: [[Double]]

    public init(inputs: [[Double]], targets: [[Double]]) {
        self.inputs = inputs
        self.targets = targets
    }

    public var count: Int { inputs.count }
}
