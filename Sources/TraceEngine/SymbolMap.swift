/// Values keyed by ``Symbol``, stored in one slot per symbol: a dictionary without hashing.
///
/// A step's values are looked up many times per step (by the engine, the renderers and the
/// grader); a `[Symbol: Value]` hashes the symbol's name on every lookup, this reads slot
/// ``Symbol/ordinal``. Iteration is in ``Symbol`` declaration order, so it is deterministic.
@frozen
public struct SymbolMap<Value>: Sequence {
    /// One slot per symbol, or empty while no symbol has a value (most maps of a step stay empty).
    @usableFromInline var slots: ContiguousArray<Value?>

    @inlinable
    public init() { slots = [] }

    /// The value for `symbol`, or `nil`; assigning `nil` removes it. Inlinable, so that the
    /// renderers' lookups are specialised for their value type, not looked up generically.
    @inlinable
    public subscript(symbol: Symbol) -> Value? {
        get { slots.isEmpty ? nil : slots[symbol.ordinal] }
        set {
            if slots.isEmpty {
                guard newValue != nil else { return }
                slots = ContiguousArray(repeating: nil, count: Symbol.allCases.count)
            }
            slots[symbol.ordinal] = newValue
        }
    }

    public var isEmpty: Bool { !slots.contains { $0 != nil } }

    /// The symbols that have a value, in declaration order.
    public var keys: [Symbol] { map(\.key) }

    public func makeIterator() -> AnyIterator<(key: Symbol, value: Value)> {
        var ordinal = 0
        let slots = slots
        return AnyIterator {
            while ordinal < slots.count {
                defer { ordinal += 1 }
                if let value = slots[ordinal] { return (Symbol.allCases[ordinal], value) }
            }
            return nil
        }
    }
}

extension SymbolMap: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (Symbol, Value)...) {
        self.init()
        for (symbol, value) in elements { self[symbol] = value }
    }
}

extension SymbolMap: Equatable where Value: Equatable {
    public static func == (lhs: SymbolMap, rhs: SymbolMap) -> Bool {
        Symbol.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }
}

extension SymbolMap: Sendable where Value: Sendable {}
