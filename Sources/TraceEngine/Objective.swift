/// A loss that is a function of two weights, for drawing an optimizer's path over its contours.
///
/// ```
/// quadratic   L = a·w₁² + b·w₂²                   ∂L/∂w₁ = 2·a·w₁
///                                                  ∂L/∂w₂ = 2·b·w₂
/// rosenbrock  L = (a − w₁)² + b·(w₂ − w₁²)²        ∂L/∂w₁ = −2·(a − w₁) − 4·b·w₁·(w₂ − w₁²)
///                                                  ∂L/∂w₂ = 2·b·(w₂ − w₁²)
/// ```
/// A quadratic with a ≠ b is an elongated bowl (minimum at 0, 0); Rosenbrock's curved valley has
/// its minimum at (a, a²). The loss and the gradient are equations like the update rules: the
/// engine evaluates them and the handouts show them with their numbers.
public enum Objective: Sendable, Equatable {
    case quadratic(a: Double, b: Double)
    case rosenbrock(a: Double, b: Double)

    public static let names = ["quadratic", "rosenbrock"]

    public var name: String {
        switch self {
        case .quadratic: return "quadratic"
        case .rosenbrock: return "rosenbrock"
        }
    }

    /// `a` and `b`.
    public var constants: [(symbol: Symbol, value: Double)] {
        switch self {
        case let .quadratic(a, b), let .rosenbrock(a, b): return [(.coefficientA, a), (.coefficientB, b)]
        }
    }

    /// Where the loss is smallest.
    public var minimum: [Double] {
        switch self {
        case .quadratic: return [0, 0]
        case let .rosenbrock(a, _): return [a, a * a]
        }
    }

    /// `L(w₁, w₂)`.
    public var loss: Expression {
        let w1 = Expression.symbol(.w1), w2 = Expression.symbol(.w2)
        let a = Expression.symbol(.coefficientA), b = Expression.symbol(.coefficientB)
        switch self {
        case .quadratic: return a * .pow(w1, 2) + b * .pow(w2, 2)
        case .rosenbrock: return .pow(a - w1, 2) + b * .pow(w2 - .pow(w1, 2), 2)
        }
    }

    /// `∂L/∂w₁` and `∂L/∂w₂`, derived by hand (a test checks them by finite differences).
    public var gradient: [Expression] {
        let w1 = Expression.symbol(.w1), w2 = Expression.symbol(.w2)
        let a = Expression.symbol(.coefficientA), b = Expression.symbol(.coefficientB)
        switch self {
        case .quadratic:
            return [2 * a * w1, 2 * b * w2]
        case .rosenbrock:
            return [0 - 2 * (a - w1) - 4 * b * w1 * (w2 - .pow(w1, 2)), 2 * b * (w2 - .pow(w1, 2))]
        }
    }

    /// The loss at `point`, evaluated from ``loss``.
    public func value(at point: [Double]) -> Double {
        var evaluator = Evaluator(parameterCount: 1)
        for (symbol, value) in constants { evaluator.scalars[symbol] = value }
        evaluator.scalars[.w1] = point[0]
        evaluator.scalars[.w2] = point[1]
        if case let .scalar(value) = evaluator.evaluate(loss) { return value }
        return .nan
    }

    /// The loss on a `resolution × resolution` grid over a rectangle, row by row from `low[1]`
    /// (for contour plots).
    public func grid(low: [Double], high: [Double], resolution: Int) -> [[Double]] {
        // One evaluator for the whole grid: only w₁ and w₂ change from point to point.
        var evaluator = Evaluator(parameterCount: 1)
        for (symbol, value) in constants { evaluator.scalars[symbol] = value }
        let loss = self.loss
        return (0..<resolution).map { row in
            evaluator.scalars[.w2] = low[1] + (high[1] - low[1]) * Double(row) / Double(resolution - 1)
            return (0..<resolution).map { column in
                evaluator.scalars[.w1] = low[0] + (high[0] - low[0]) * Double(column) / Double(resolution - 1)
                if case let .scalar(value) = evaluator.evaluate(loss) { return value }
                return .nan
            }
        }
    }
}
