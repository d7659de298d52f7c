/// What ``Engine/run(_:rule:replacing:into:)`` works out before a run's first step from the
/// experiment's shape and the rule alone, worked out once for many runs that differ only in
/// their numbers: a homework checks each drawn variant by replaying it dozens of times, with
/// the catalogued mistakes' rules, on a few hundred variants of one network.
///
/// It holds the parameter layout, the rule compiled into a ``RuleProgram``, the rule's state,
/// recorded and assigned symbols, and the chain rule's ``Backpropagation`` for the
/// experiment's ``Experiment/chainRule``. None of these reads a number of the experiment: the
/// layout and the passes' shapes come from the layers' sizes, activations and loss, the program
/// from the rule's equations (the hyperparameters, `t`, the weights and the gradient are loaded
/// into its registers at every step). So a run of another experiment of the same shape with
/// it computes what a run that works them out again computes, bit for bit;
/// ``Engine/run(_:prepared:replacing:into:)`` checks the shape (``fits(_:)``).
package struct PreparedRun: Sendable {
    let rule: UpdateRule
    let layout: ParameterLayout
    let program: RuleProgram
    let stateSymbols: [Symbol]
    let recordedSymbols: [Symbol]
    /// Each equation's target, in the rule's order.
    let targets: [Symbol]
    /// The chain rule over the network; `nil` for a two-weight objective.
    let backpropagation: Backpropagation?
    /// What ``fits(_:)`` compares: each layer's inputs, units and activation, the loss, the
    /// chain rule, and whether it is a network (an objective has two coordinates).
    private let layers: [(inputCount: Int, unitCount: Int, activation: Activation)]
    private let loss: Loss
    private let chainRule: ChainRuleVariant
    private let isNetwork: Bool

    /// Prepares `rule` (the experiment's own by default) for experiments of `experiment`'s shape.
    package init(_ experiment: Experiment, rule: UpdateRule? = nil) {
        let rule = rule ?? experiment.rule
        self.rule = rule
        layout = experiment.layout
        program = RuleProgram(rule.equations, parameterCount: layout.count)
        stateSymbols = rule.stateSymbols
        recordedSymbols = rule.recordedSymbols
        targets = rule.equations.map(\.target)
        isNetwork = experiment.objective == nil
        backpropagation = isNetwork ? Backpropagation(network: experiment.network, variant: experiment.chainRule) : nil
        layers = experiment.network.layers.map { ($0.inputCount, $0.unitCount, $0.activation) }
        loss = experiment.network.loss
        chainRule = experiment.chainRule
    }

    /// Whether `experiment` has the shape this was prepared for: the same layers' sizes and
    /// activations, loss and chain rule (or is an objective, as this was).
    package func fits(_ experiment: Experiment) -> Bool {
        guard isNetwork == (experiment.objective == nil) else { return false }
        guard isNetwork else { return true }
        let network = experiment.network
        guard network.loss == loss, experiment.chainRule == chainRule, network.layers.count == layers.count else { return false }
        return zip(network.layers, layers).allSatisfy { layer, shape in
            layer.inputCount == shape.inputCount && layer.unitCount == shape.unitCount && layer.activation == shape.activation
        }
    }
}
