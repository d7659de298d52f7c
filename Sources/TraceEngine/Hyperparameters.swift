/// The values of an optimizer's hyperparameters, in the optimizer's order.
public struct Hyperparameters: Sendable, Equatable {
    /// `(symbol, value)` in the order of ``Optimizer/hyperparameters``.
    public private(set) var entries: [(symbol: Symbol, value: Double)]

    /// The optimizer's documented defaults in `convention`.
    public init(defaultsFor optimizer: Optimizer, convention: Convention = .lecture) {
        entries = optimizer.hyperparameters.map { ($0, optimizer.defaultValue(of: $0, convention: convention) ?? 0) }
    }

    public subscript(symbol: Symbol) -> Double? {
        get { entries.first { $0.symbol == symbol }?.value }
        set {
            guard let index = entries.firstIndex(where: { $0.symbol == symbol }), let newValue else { return }
            entries[index].value = newValue
        }
    }

    /// The first value outside its range, with the reason.
    public func firstProblem() -> (symbol: Symbol, problem: String)? {
        for (symbol, value) in entries {
            if let problem = symbol.validRange?.problem(with: value) { return (symbol, problem) }
        }
        return nil
    }

    public static func == (lhs: Hyperparameters, rhs: Hyperparameters) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.symbol == $1.symbol && $0.value == $1.value }
    }
}
