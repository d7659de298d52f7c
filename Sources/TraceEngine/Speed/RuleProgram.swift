import Foundation

/// An update rule's equations compiled once into a flat list of instructions over
/// registers, so that a step evaluates them without walking trees, hashing symbols or
/// allocating an array per operation.
///
/// Every ``Symbol`` has a register (slot ``Symbol/ordinal``), then each constant and each
/// operation of the equations. A register holds one value per parameter, or a single value
/// when it depends on scalars only (hyperparameters, `t`, constants): `1 − β₁ᵗ` is
/// computed once per step, not once per parameter. Each operation is the one
/// ``Evaluator`` applies to the same tree (`x²` as `x·x`, other powers through `pow`), on
/// the same operands in the same order, so both give the same bits: the evaluator is the
/// definition and this is its fast copy (the contract is stated in both files and checked by
/// `EnginePropertyTests.workedFormulasEvaluateToTheirValues`).
struct RuleProgram {
    private enum Operation {
        case add, subtract, multiply, divide, power, minimum, maximum
        case square, squareRoot, floor, cosine
        case copy
    }

    private struct Instruction {
        var operation: Operation
        var a: Int
        var b: Int
        var result: Int
        /// How far each operand moves per parameter: 1 for a vector, 0 for a scalar (read at
        /// index 0 for every parameter); and how many values the result has (1 or the
        /// parameter count). Worked out when compiled, not per step.
        var stepA = 1
        var stepB = 1
        var resultCount = 1
    }

    /// One equation: its instructions, the register holding its value, and its target.
    private struct CompiledEquation {
        var target: Symbol
        var instructions: Range<Int>
    }

    let parameterCount: Int
    private var instructions: [Instruction] = []
    private var equations: [CompiledEquation] = []
    /// The scalar symbols the equations read; bound from a step's scalars by ``load(scalars:)``.
    private var scalarSymbols: [Symbol] = []
    /// Registers × parameters, register `r` at `r·parameterCount`.
    private var registers: [Double] = []

    /// Compiles `equations` for `parameterCount` parameters.
    init(_ equations: [Equation], parameterCount: Int) {
        precondition(parameterCount > 0 && equations.allSatisfy { $0.target.kind == .perParameter })
        self.parameterCount = parameterCount
        // Whether each register holds one value (true) or one per parameter.
        var isScalar = Symbol.allCases.map { $0.kind != .perParameter }
        var constants: [(register: Int, value: Double)] = []

        func register(scalar: Bool) -> Int {
            isScalar.append(scalar)
            return isScalar.count - 1
        }
        func emit(_ operation: Operation, _ a: Int, _ b: Int = 0) -> Int {
            let result = register(scalar: isScalar[a] && isScalar[b])
            instructions.append(Instruction(operation: operation, a: a, b: b, result: result))
            return result
        }
        func compile(_ expression: Expression) -> Int {
            switch expression {
            case let .symbol(symbol):
                if symbol.kind != .perParameter, !scalarSymbols.contains(symbol) { scalarSymbols.append(symbol) }
                return symbol.ordinal
            case let .constant(value):
                let result = register(scalar: true)
                constants.append((result, value))
                return result
            case .pi:
                let result = register(scalar: true)
                constants.append((result, Double.pi))
                return result
            case let .sum(a, b): return emit(.add, compile(a), compile(b))
            case let .difference(a, b): return emit(.subtract, compile(a), compile(b))
            case let .product(a, b): return emit(.multiply, compile(a), compile(b))
            case let .quotient(a, b): return emit(.divide, compile(a), compile(b))
            case let .power(base, .constant(2)):
                let x = compile(base)
                return emit(.square, x, x)
            case let .power(base, exponent): return emit(.power, compile(base), compile(exponent))
            case let .minimum(a, b): return emit(.minimum, compile(a), compile(b))
            case let .maximum(a, b): return emit(.maximum, compile(a), compile(b))
            case let .squareRoot(a):
                let x = compile(a)
                return emit(.squareRoot, x, x)
            case let .floor(a):
                let x = compile(a)
                return emit(.floor, x, x)
            case let .cosine(a):
                let x = compile(a)
                return emit(.cosine, x, x)
            }
        }

        for equation in equations {
            let start = instructions.count
            let value = compile(equation.expression)
            if instructions.count > start, let last = instructions.last, last.result == value, !isScalar[value] {
                // The equation's last operation writes the target's register itself (element i
                // reads only element i of its operands, so this is safe even when an operand is
                // the target, as in g ← g + λ₂·w); nothing else reads the register it replaces.
                instructions[instructions.count - 1].result = equation.target.ordinal
            } else {
                // A symbol, a constant or a scalar: the target's register takes a copy (one per parameter).
                instructions.append(Instruction(operation: .copy, a: value, b: value, result: equation.target.ordinal))
            }
            self.equations.append(CompiledEquation(target: equation.target, instructions: start..<instructions.count))
        }
        for i in instructions.indices {
            let instruction = instructions[i]
            instructions[i].stepA = isScalar[instruction.a] ? 0 : 1
            instructions[i].stepB = isScalar[instruction.b] ? 0 : 1
            instructions[i].resultCount = isScalar[instruction.result] ? 1 : parameterCount
        }
        registers = [Double](repeating: 0, count: isScalar.count * parameterCount)
        for (register, value) in constants { registers[register * parameterCount] = value }
    }

    /// The number of equations.
    var equationCount: Int { equations.count }

    /// Binds the scalars the equations read (hyperparameters, `t`) from `scalars`.
    mutating func load(scalars: SymbolMap<Double>) {
        for symbol in scalarSymbols {
            guard let value = scalars[symbol] else { preconditionFailure("unbound symbol \(symbol.rawValue)") }
            registers[symbol.ordinal * parameterCount] = value
        }
    }

    /// Sets a per-parameter symbol's values.
    mutating func set(_ symbol: Symbol, to values: [Double]) {
        precondition(values.count == parameterCount)
        let base = symbol.ordinal * parameterCount
        registers.withUnsafeMutableBufferPointer { registers in
            for i in 0..<parameterCount { registers[base + i] = values[i] }
        }
    }

    /// A per-parameter symbol's values.
    /// Sets the register of `symbol` to the values of `column` in `values`.
    mutating func set(_ symbol: Symbol, to values: ParameterValues, column: Symbol) {
        guard let source = values[column] else { preconditionFailure("no values of \(column.rawValue)") }
        precondition(source.count == parameterCount)
        let base = symbol.ordinal * parameterCount
        source.withUnsafeBufferPointer { source in
            registers.withUnsafeMutableBufferPointer { registers in
                for i in 0..<parameterCount { registers[base + i] = source[i] }
            }
        }
    }

    /// Copies the register of `symbol` into `values`' column for it.
    func copy(_ symbol: Symbol, into values: inout ParameterValues) {
        let base = symbol.ordinal * parameterCount
        registers.withUnsafeBufferPointer { registers in
            values.set(symbol, to: UnsafeBufferPointer(rebasing: registers[base..<base + parameterCount]))
        }
    }

    /// Copies the register of `symbol` into `vector` (of `parameterCount` values), in place.
    func copy(_ symbol: Symbol, into vector: inout [Double]) {
        precondition(vector.count == parameterCount)
        let base = symbol.ordinal * parameterCount
        registers.withUnsafeBufferPointer { registers in
            vector.withUnsafeMutableBufferPointer { vector in
                for i in 0..<parameterCount { vector[i] = registers[base + i] }
            }
        }
    }

    func values(of symbol: Symbol) -> [Double] {
        let base = symbol.ordinal * parameterCount
        return Array(registers[base..<base + parameterCount])
    }

    /// Evaluates equation `k` and assigns its target.
    mutating func run(equation k: Int) {
        let count = parameterCount
        let range = equations[k].instructions
        instructions.withUnsafeBufferPointer { instructions in
            registers.withUnsafeMutableBufferPointer { registers in
                guard let r = registers.baseAddress else { return }
                for instruction in instructions[range] {
                    let a = r + instruction.a * count, b = r + instruction.b * count
                    let result = r + instruction.result * count
                    let stepA = instruction.stepA, stepB = instruction.stepB, n = instruction.resultCount
                    switch instruction.operation {
                    case .add: Self.apply(a, stepA, b, stepB, into: result, n) { $0 + $1 }
                    case .subtract: Self.apply(a, stepA, b, stepB, into: result, n) { $0 - $1 }
                    case .multiply: Self.apply(a, stepA, b, stepB, into: result, n) { $0 * $1 }
                    case .divide: Self.apply(a, stepA, b, stepB, into: result, n) { $0 / $1 }
                    case .power: Self.apply(a, stepA, b, stepB, into: result, n) { Foundation.pow($0, $1) }
                    case .minimum: Self.apply(a, stepA, b, stepB, into: result, n) { Swift.min($0, $1) }
                    case .maximum: Self.apply(a, stepA, b, stepB, into: result, n) { Expression.larger($0, $1) }
                    case .square: Self.apply(a, stepA, a, stepA, into: result, n) { $0 * $1 }
                    case .squareRoot: Self.apply(a, stepA, a, stepA, into: result, n) { x, _ in Foundation.sqrt(x) }
                    case .floor: Self.apply(a, stepA, a, stepA, into: result, n) { x, _ in Foundation.floor(x) }
                    case .cosine: Self.apply(a, stepA, a, stepA, into: result, n) { x, _ in Foundation.cos(x) }
                    case .copy: Self.apply(a, stepA, a, stepA, into: result, count) { x, _ in x }
                    }
                }
            }
        }
    }

    /// `result[i] = operation(a[i·stepA], b[i·stepB])` for `i` below `n`, a step of 0 being a
    /// scalar read at index 0: one loop for each pattern of steps, so that the loops index
    /// plainly (the operands and their order are the same in every pattern).
    @inline(__always)
    private static func apply(
        _ a: UnsafeMutablePointer<Double>, _ stepA: Int, _ b: UnsafeMutablePointer<Double>, _ stepB: Int,
        into result: UnsafeMutablePointer<Double>, _ n: Int, _ operation: (Double, Double) -> Double
    ) {
        switch (stepA, stepB) {
        case (1, 1): for i in 0..<n { result[i] = operation(a[i], b[i]) }
        case (1, _):
            let y = b[0]
            for i in 0..<n { result[i] = operation(a[i], y) }
        case (_, 1):
            let x = a[0]
            for i in 0..<n { result[i] = operation(x, b[i]) }
        default:
            let value = operation(a[0], b[0])
            for i in 0..<n { result[i] = value }
        }
    }
}
