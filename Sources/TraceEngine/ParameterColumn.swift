/// One symbol's values for every parameter of a step (`m` for W1[1,1], W1[1,2], …), read in
/// place from the step's ``ParameterValues``: a collection indexed from 0 like an array, but
/// without an array of its own.
public struct ParameterColumn: RandomAccessCollection, Sendable {
    /// The step's storage and where this column starts in it.
    @usableFromInline let storage: [Double]
    @usableFromInline let start: Int
    public let count: Int

    @inlinable
    init(storage: [Double], start: Int, count: Int) {
        self.storage = storage
        self.start = start
        self.count = count
    }

    /// A column of its own, holding `values`.
    public init(_ values: some Collection<Double>) {
        self.init(storage: Array(values), start: 0, count: values.count)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable
    public subscript(index: Int) -> Double {
        precondition(index >= 0 && index < count, "parameter index out of range")
        return storage[start + index]
    }

    /// Calls `body` with the column's values as one buffer, in place.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[start..<start + count]))
        }
    }
}

extension ParameterColumn: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Double...) {
        self.init(elements)
    }
}

extension ParameterColumn: Equatable {
    /// Equal when they hold the same doubles in the same order (`==` on each, so a NaN is
    /// never equal, as in `[Double]`).
    public static func == (lhs: ParameterColumn, rhs: ParameterColumn) -> Bool {
        lhs.elementsEqual(rhs)
    }
}

extension ParameterColumn: CustomStringConvertible {
    public var description: String { Array(self).description }
}
