/// A step's per-parameter values keyed by symbol (`w`, `g`, `m`, …, `w_new`), all in one flat
/// buffer: column `symbol.ordinal` of `parameterCount` doubles, and a bit per symbol that has
/// a value.
///
/// A step records up to nine such vectors for every parameter; one buffer instead of an array
/// per symbol makes them one allocation (Adam's seven were seven), and a writer reads the
/// columns in place.
/// Reading `values[.m]` gives a ``ParameterColumn`` (indexed from 0, like the array it
/// replaces); iteration is in ``Symbol`` declaration order.
public struct ParameterValues: Sequence, Sendable {
    /// How many parameters each column has; 0 until the first column is set.
    public private(set) var parameterCount: Int
    /// Bit `symbol.ordinal` is set when the symbol has a value.
    @usableFromInline var present: UInt32 = 0
    /// `perParameterSymbolCount × parameterCount` doubles; empty until the first column is set.
    @usableFromInline var storage: [Double] = []

    /// The per-parameter symbols come first in ``Symbol``: w, g, v, s, ss, m, m̂, v̂, w_new.
    public static let perParameterSymbolCount = Symbol.allCases.prefix { $0.kind == .perParameter }.count

    /// No values yet; the first column set fixes the parameter count.
    public init() { parameterCount = 0 }

    /// No values yet, with room for `parameterCount` parameters per column.
    public init(parameterCount: Int) {
        self.parameterCount = 0
        makeStorage(parameterCount: parameterCount)
    }

    /// Makes room for `parameterCount` values per column (the first column set does this).
    @usableFromInline
    mutating func makeStorage(parameterCount: Int) {
        self.parameterCount = parameterCount
        storage = Array(repeating: 0, count: Self.perParameterSymbolCount * parameterCount)
    }

    /// Whether no symbol has a value.
    public var isEmpty: Bool { present == 0 }

    /// The symbols that have a value, in declaration order.
    public var keys: [Symbol] { map(\.key) }

    /// The values of `symbol`, or `nil`; assigning `nil` removes them. Every column holds
    /// `parameterCount` values.
    public subscript(symbol: Symbol) -> ParameterColumn? {
        get {
            guard has(symbol) else { return nil }
            return ParameterColumn(storage: storage, start: symbol.ordinal * parameterCount, count: parameterCount)
        }
        set {
            guard let newValue else {
                if symbol.kind == .perParameter { present &= ~(1 << UInt32(symbol.ordinal)) }
                return
            }
            newValue.withUnsafeBufferPointer { set(symbol, to: $0) }
        }
    }

    /// Whether `symbol` has a value.
    @inlinable
    public func has(_ symbol: Symbol) -> Bool {
        symbol.ordinal < 32 && present & (1 << UInt32(symbol.ordinal)) != 0
    }

    /// Sets the values of `symbol` (a per-parameter symbol) to `values`, copied in.
    @inlinable
    public mutating func set(_ symbol: Symbol, to values: UnsafeBufferPointer<Double>) {
        precondition(symbol.kind == .perParameter, "\(symbol.rawValue) is not a per-parameter value")
        if storage.isEmpty { makeStorage(parameterCount: values.count) }
        precondition(values.count == parameterCount, "a column of \(values.count) values where the step has \(parameterCount) parameters")
        let start = symbol.ordinal * parameterCount
        storage.withUnsafeMutableBufferPointer { storage in
            guard let source = values.baseAddress, let target = storage.baseAddress else { return }
            (target + start).update(from: source, count: values.count)
        }
        present |= 1 << UInt32(symbol.ordinal)
    }

    /// Sets the values of `symbol` to `values`, copied in.
    public mutating func set(_ symbol: Symbol, to values: [Double]) {
        values.withUnsafeBufferPointer { set(symbol, to: $0) }
    }

    /// Sets the values of `symbol` to those of `column` in `other` (which must have them).
    public mutating func set(_ symbol: Symbol, to other: ParameterValues, column: Symbol) {
        precondition(other.has(column), "no values of \(column.rawValue) to copy")
        other.storage.withUnsafeBufferPointer { all in
            let start = column.ordinal * other.parameterCount
            set(symbol, to: UnsafeBufferPointer(rebasing: all[start..<start + other.parameterCount]))
        }
    }

    /// Calls `body` with every column in one buffer (column `symbol.ordinal` starts at
    /// `symbol.ordinal × parameterCount`; only the symbols that have values are meaningful).
    @inlinable
    public func withUnsafeColumns<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    public func makeIterator() -> some IteratorProtocol<(key: Symbol, value: ParameterColumn)> {
        var ordinal = 0
        let values = self
        return AnyIterator {
            while ordinal < Self.perParameterSymbolCount {
                defer { ordinal += 1 }
                let symbol = Symbol.allCases[ordinal]
                if let column = values[symbol] { return (symbol, column) }
            }
            return nil
        }
    }
}

extension ParameterValues: Equatable {
    /// Equal when the same symbols have the same values.
    public static func == (lhs: ParameterValues, rhs: ParameterValues) -> Bool {
        lhs.present == rhs.present && Symbol.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }
}
