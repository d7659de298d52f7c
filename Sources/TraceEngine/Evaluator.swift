import Foundation

/// Evaluates ``Expression``s for all parameters of a step at once.
///
/// Per-parameter symbols are vectors (one entry per parameter), hyperparameters and `t`
/// are scalars; arithmetic broadcasts a scalar over a vector. The tree is walked once per
/// step, not once per parameter.
///
/// This is the definition of what an equation computes. The engine's hot loop runs the
/// same equations compiled into a register program (`Speed/RuleProgram.swift`), which must
/// give the same bits: each operation there is the one applied here, to the same operands in
/// the same order (`x²` as `x·x`, other powers through `pow`, `max` propagating NaN). A new
/// operation goes into both; `EnginePropertyTests` checks, bit for bit, every rule of every
/// optimizer and convention on random runs (`workedFormulasEvaluateToTheirValues`).
public struct Evaluator: Sendable {
    /// A scalar or one value per parameter.
    public enum Value: Sendable, Equatable {
        case scalar(Double)
        case vector([Double])
    }

    public var scalars = SymbolMap<Double>()
    public var vectors = SymbolMap<[Double]>()
    /// The number of parameters, for broadcasting a scalar result.
    public let parameterCount: Int

    public init(parameterCount: Int) {
        self.parameterCount = parameterCount
    }

    /// The value of `expression` under the current bindings.
    public func evaluate(_ expression: Expression) -> Value {
        switch expression {
        case let .symbol(symbol):
            if let vector = vectors[symbol] { return .vector(vector) }
            if let scalar = scalars[symbol] { return .scalar(scalar) }
            preconditionFailure("unbound symbol \(symbol.rawValue)")
        case let .constant(value):
            return .scalar(value)
        case let .sum(a, b):
            return combine(evaluate(a), evaluate(b), +)
        case let .difference(a, b):
            return combine(evaluate(a), evaluate(b), -)
        case let .product(a, b):
            return combine(evaluate(a), evaluate(b), *)
        case let .quotient(a, b):
            return combine(evaluate(a), evaluate(b), /)
        case let .power(base, .constant(2)):
            // x·x, correctly rounded, rather than pow(x, 2).
            return map(evaluate(base)) { $0 * $0 }
        case let .power(base, exponent):
            return combine(evaluate(base), evaluate(exponent), Foundation.pow)
        case let .squareRoot(a):
            return map(evaluate(a), Foundation.sqrt)
        case let .floor(a):
            return map(evaluate(a), Foundation.floor)
        case let .cosine(a):
            return map(evaluate(a), Foundation.cos)
        case let .minimum(a, b):
            return combine(evaluate(a), evaluate(b), Swift.min)
        case let .maximum(a, b):
            return combine(evaluate(a), evaluate(b), Expression.larger)
        case .pi:
            return .scalar(Double.pi)
        }
    }

    /// Evaluates `equation` and binds its target to the result (as a per-parameter vector).
    public mutating func assign(_ equation: Equation) {
        switch evaluate(equation.expression) {
        case let .vector(values): vectors[equation.target] = values
        case let .scalar(value): vectors[equation.target] = Array(repeating: value, count: parameterCount)
        }
    }

    private func map(_ value: Value, _ f: (Double) -> Double) -> Value {
        switch value {
        case let .scalar(x): return .scalar(f(x))
        case let .vector(xs): return .vector(xs.map(f))
        }
    }

    private func combine(_ a: Value, _ b: Value, _ f: (Double, Double) -> Double) -> Value {
        switch (a, b) {
        case let (.scalar(x), .scalar(y)): return .scalar(f(x, y))
        case let (.scalar(x), .vector(ys)): return .vector(ys.map { f(x, $0) })
        case let (.vector(xs), .scalar(y)): return .vector(xs.map { f($0, y) })
        case let (.vector(xs), .vector(ys)):
            var result = [Double](repeating: 0, count: xs.count)
            for i in xs.indices { result[i] = f(xs[i], ys[i]) }
            return .vector(result)
        }
    }
}
