/// Values that take the place of computed ones as a run goes, so that everything after them
/// is computed from them: a student's own answers, for grading with error carried forward.
///
/// At update `t`, a replaced `w` changes the weights the forward and backward passes run at;
/// a replaced `g` is what the optimizer's equations read; a replaced state value or `w_new`
/// is what the following equations, and the next update, read. The value that was computed
/// before its replacement is kept in ``StepRecord/computed``.
public struct Replacements: Sendable {
    /// `t` → symbol → parameter index → value.
    public private(set) var values: [Int: [Symbol: [Int: Double]]] = [:]
    /// `t` → sample number (from 1) → the sample's replaced `z`, `a`, `δ` and loss.
    public private(set) var samples: [Int: [Int: SampleReplacements]] = [:]

    public init() {}

    /// Uses `value` for `quantity` of unit `unit` of layer `layer` (both from 1) in the passes
    /// of sample `sample` (from 1) at update `t`; for the loss, `layer` and `unit` are ignored.
    ///
    /// A replaced `z` is what `a = f(z)` reads; a replaced `a`, what the layer above, the
    /// loss, `f′` (σ′ = a·(1 − a), tanh′ = 1 − a²) and `g = δ·a` read; a replaced `δ`, what
    /// the layer below and `g` read. A replaced loss changes only the batch loss.
    public mutating func replace(
        _ quantity: SampleQuantity, at t: Int, sample: Int, layer: Int, unit: Int, with value: Double
    ) {
        let place = SampleReplacements.Unit(layer: layer - 1, unit: unit - 1)
        switch quantity {
        case .z: samples[t, default: [:]][sample, default: SampleReplacements()].z[place] = value
        case .a: samples[t, default: [:]][sample, default: SampleReplacements()].a[place] = value
        case .delta: samples[t, default: [:]][sample, default: SampleReplacements()].delta[place] = value
        case .loss: samples[t, default: [:]][sample, default: SampleReplacements()].loss = value
        }
    }

    /// The replaced values of sample `sample` (from 1) at update `t`, if any.
    func sample(_ sample: Int, at t: Int) -> SampleReplacements? {
        samples.isEmpty ? nil : samples[t]?[sample]
    }

    /// Uses `value` for parameter `index`'s `symbol` at update `t`.
    public mutating func replace(_ symbol: Symbol, at t: Int, parameter index: Int, with value: Double) {
        values[t, default: [:]][symbol, default: [:]][index] = value
    }

    /// Applies the replacements of `symbol` at `t` to `vector`; returns the vector as it was
    /// when any applied, else `nil`.
    /// Whether any value of `symbol` at step `t` is replaced.
    func replaces(_ symbol: Symbol, at t: Int) -> Bool {
        !values.isEmpty && values[t]?[symbol]?.isEmpty == false
    }

    func apply(_ symbol: Symbol, at t: Int, to vector: inout [Double]) -> [Double]? {
        guard !values.isEmpty, let replaced = values[t]?[symbol], !replaced.isEmpty else { return nil }
        let computed = vector
        for (index, value) in replaced where vector.indices.contains(index) { vector[index] = value }
        return computed
    }
}
