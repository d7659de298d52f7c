/// How two runs of one experiment under different conventions compare, value by value:
/// equal to the bit, apart only by rounding, or parted, and if so, where first.
public struct RunDifference: Sendable {
    /// The first value, in step order and then in the order a step computes them, whose
    /// relative difference is above ``roundingTolerance``.
    public struct Parting: Sendable, Equatable {
        public var t: Int
        public var symbol: Symbol
        /// The parameter's index in the layout.
        public var parameter: Int
        public var relative: Double
    }

    /// Differences up to this (relative) are rounding: the same formula with its operations
    /// in another order.
    public static let roundingTolerance = 1e-12

    /// The values both runs record, in the order a step computes them: `w`, `g`, the state
    /// both keep (in the first rule's order), `w_new`.
    public let symbols: [Symbol]
    /// The number of steps both runs have.
    public let sharedSteps: Int
    /// The largest relative difference of any shared value.
    public let largestRelative: Double
    /// Whether any shared value differs at all, in any bit.
    public let differsAtAll: Bool
    /// Where the runs part beyond rounding; `nil` when they do not.
    public let parting: Parting?

    /// Compares the steps of two runs, `first` under `firstRule` and `second` under
    /// `secondRule`: every parameter, or those whose indices `parameters` lists.
    public init(
        _ first: [StepRecord], _ second: [StepRecord], firstRule: UpdateRule, secondRule: UpdateRule,
        parameters: [Int]? = nil
    ) {
        let shared = firstRule.stateSymbols.filter(secondRule.stateSymbols.contains)
        symbols = [.w, .g] + shared + [.wNew]
        sharedSteps = min(first.count, second.count)
        var largest = 0.0, differs = false
        var parting: Parting?
        for (a, b) in zip(first, second) {
            for symbol in symbols {
                let xs = a.values[symbol] ?? [], ys = b.values[symbol] ?? []
                for (index, (x, y)) in zip(xs, ys).enumerated() where parameters?.contains(index) ?? true {
                    let relative = Self.relativeDifference(x, y)
                    if relative > 0 || x.bitPattern != y.bitPattern { differs = true }
                    largest = max(largest, relative)
                    if parting == nil, relative > Self.roundingTolerance {
                        parting = Parting(t: a.t, symbol: symbol, parameter: index, relative: relative)
                    }
                }
            }
        }
        largestRelative = largest
        differsAtAll = differs
        self.parting = parting
    }

    /// `|x − y| / max(|x|, |y|)`: 0 for equal values (two NaNs are equal here), infinity
    /// when only one is NaN or they are infinities of different sign.
    public static func relativeDifference(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN ? 0 : .infinity }
        if x == y { return 0 }
        if !x.isFinite || !y.isFinite { return .infinity }
        return abs(x - y) / max(abs(x), abs(y))
    }
}
