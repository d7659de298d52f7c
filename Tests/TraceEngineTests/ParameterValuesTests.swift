import Testing
import TraceEngine

@Suite struct ParameterValuesTests {
    @Test func columnsBehaveLikeTheArraysTheyHold() {
        var values = ParameterValues()
        #expect(values.isEmpty && values[.m] == nil && values.keys.isEmpty && values.parameterCount == 0)
        values[.m] = [1, 2, 3]
        values.set(.wNew, to: [-1.5, 0, .infinity])
        values[.w] = ParameterColumn([0.25, 0.5, 0.75])
        #expect(values.parameterCount == 3)
        #expect(values[.m] == [1, 2, 3] && values[.m]?[2] == 3 && values[.m]?.count == 3)
        #expect(values[.wNew].map(Array.init) == [-1.5, 0, .infinity])
        #expect(values[.v] == nil && !values.has(.v) && values.has(.m))
        // Declaration order, whatever order they were set in.
        #expect(values.keys == [.w, .m, .wNew])
        #expect(values.map { Array($0.value) } == [[0.25, 0.5, 0.75], [1, 2, 3], [-1.5, 0, .infinity]])
        values[.m] = nil
        #expect(values.keys == [.w, .wNew] && values[.m] == nil)
        // Hyperparameters and `t` are never per-parameter values.
        #expect(!values.has(.eta) && !values.has(.t) && values[.t] == nil)
    }

    @Test func aColumnCopiedFromAnotherStepIsItsOwn() {
        var first = ParameterValues(parameterCount: 2)
        first[.m] = [0.1, 0.2]
        var second = ParameterValues(parameterCount: 2)
        second.set(.m, to: first, column: .m)
        second.set(.v, to: first, column: .m)
        first[.m] = [9, 9]
        #expect(second[.m] == [0.1, 0.2] && second[.v] == [0.1, 0.2] && first[.m] == [9, 9])
        // A column read before a change keeps what it read (copy on write).
        let before = second[.m]
        second[.m] = [5, 6]
        #expect(before == [0.1, 0.2] && second[.m] == [5, 6])
    }

    @Test func equalityComparesTheSymbolsAndTheirValues() {
        var a = ParameterValues(), b = ParameterValues(parameterCount: 2)
        a[.g] = [1, 2]
        b[.g] = [1, 2]
        #expect(a == b)
        b[.m] = [0, 0]
        #expect(a != b)
        b[.m] = nil
        #expect(a == b)
        a[.g] = [1, .nan]
        b[.g] = [1, .nan]
        #expect(a != b, "NaN is not equal to itself, as in [Double]")
        #expect(ParameterColumn([1, 2]).description == "[1.0, 2.0]")
    }

    @Test func columnsAreReadInPlace() {
        var values = ParameterValues(parameterCount: 2)
        values[.g] = [3, 4]
        values[.v] = [5, 6]
        let g = values[.g]
        #expect(g?.withUnsafeBufferPointer(Array.init) == [3, 4])
        let all = values.withUnsafeColumns(Array.init)
        #expect(all.count == ParameterValues.perParameterSymbolCount * 2)
        #expect(Array(all[Symbol.g.ordinal * 2..<Symbol.g.ordinal * 2 + 2]) == [3, 4])
        #expect(Array(all[Symbol.v.ordinal * 2..<Symbol.v.ordinal * 2 + 2]) == [5, 6])
        #expect(ParameterValues.perParameterSymbolCount == Symbol.allCases.filter { $0.kind == .perParameter }.count)
    }
}
