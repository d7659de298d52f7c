/// Everything one update computed: the batch, each sample's forward pass and chain rule,
/// and every parameter's values before, during and after the update.
///
/// Records are plain values: the engine never formats, renderers never compute.
public struct StepRecord: Sendable {
    /// The update number, from 1.
    public var t: Int
    public var epoch: Int
    /// Sample numbers of the batch, from 1, in batch order.
    public var batch: [Int]
    /// The learning rate this update used.
    public var eta: Double
    /// The batch loss at the weights before the update: the mean of the samples' losses.
    public var loss: Double
    public var samples: [SampleTrace]
    /// Scalars the equations read: hyperparameters (η as used this step, η_t) and `t`.
    public var scalars: SymbolMap<Double>
    /// Scalars the schedule's equation read (η before the schedule, γ, K, …); empty without one.
    public var scheduleScalars: SymbolMap<Double>
    /// Per-parameter values after the update: `w` (before), `g` (with L2, if any), the state, `w_new`.
    public var values: ParameterValues
    /// Values carried into the step: the state from the previous step (zeros at t = 1) and
    /// the batch-mean gradient `g` from the chain rule (before L2).
    public var carriedIn: ParameterValues
    /// Under ``Replacements``: each replaced symbol's values as computed, before the
    /// replacement (which `values` and `carriedIn` hold). Empty in a plain run.
    public var computed = ParameterValues()

    /// The value of `symbol` for parameter `index`, as equation `equation` of `rule` read it.
    ///
    /// Lets a renderer put numbers into a formula without computing anything.
    public func value(
        of symbol: Symbol, parameter index: Int, readBy equation: Int, in rule: UpdateRule
    ) -> Double {
        switch symbol.kind {
        case .hyperparameter, .step:
            return scalars[symbol] ?? .nan
        case .perParameter:
            if rule.valueTime(of: symbol, inEquation: equation) == .carriedIn,
                let before = carriedIn[symbol]
            {
                return before[index]
            }
            return values[symbol]?[index] ?? .nan
        }
    }
}
