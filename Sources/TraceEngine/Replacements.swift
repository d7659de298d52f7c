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

    public init() {}

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
