
import Foundation
import TraceEngine

/// How much of a value survives the cancellation of its terms: `|value| / size`, where size
/// is what the value would be if no term cancelled.
///
/// A student who rounds each term to four significant digits makes an error of about
/// 5·10⁻⁴·size, which is 5·10⁻⁴/ratio of the value: a value whose terms mostly cancel
/// cannot be graded to four digits, so a variant that asks for one is drawn again.
///
/// ```
/// a ± b   size = size(a) + size(b)
/// a·b     size = size(a)·size(b)
/// a/b     size = size(a)·size(b)/b²
/// √a      size = √size(a);   aᵖ   size = size(a)ᵖ
/// ```
/// A part that reads no per-parameter value (`1 − β₁`, `1 − β₂ᵗ`) is exact: its size is
/// its value. For the chain rule's gradient, size is the mean of |δ·a| over the batch.
enum Cancellation {
    /// `|value| / size`, 1 when nothing cancels; `leaf` gives each symbol's value.
    static func ratio(of expression: TraceEngine.Expression, leaf: (Symbol) -> Double) -> Double {
        let (value, size) = measure(expression, leaf: leaf)
        return size == 0 ? 1 : abs(value) / size
    }

    /// The ratio for the chain rule's batch-mean gradient of `parameter`.
    static func gradientRatio(of step: StepRecord, role: ParameterRole) -> Double {
        var sum = 0.0, size = 0.0
        for sample in step.samples {
            let term: Double
            switch role {
            case let .weight(l, j, i): term = sample.layers[l - 1].delta[j - 1] * sample.activation(ofLayer: l - 1)[i - 1]
            case let .bias(l, j): term = sample.layers[l - 1].delta[j - 1]
            case .coordinate: return 1
            }
            sum += term
            size += abs(term)
        }
        return size == 0 ? 1 : abs(sum) / size
    }

    private static func measure(_ e: TraceEngine.Expression, leaf: (Symbol) -> Double) -> (value: Double, size: Double) {
        if !e.symbols.contains(where: { $0.kind == .perParameter }) {
            let value = evaluate(e, leaf: leaf)
            return (value, abs(value))
        }
        switch e {
        case let .symbol(symbol):
            let value = leaf(symbol)
            return (value, abs(value))
        case let .sum(a, b), let .difference(a, b):
            let (va, sa) = measure(a, leaf: leaf), (vb, sb) = measure(b, leaf: leaf)
            if case .sum = e { return (va + vb, sa + sb) }
            return (va - vb, sa + sb)
        case let .product(a, b):
            let (va, sa) = measure(a, leaf: leaf), (vb, sb) = measure(b, leaf: leaf)
            return (va * vb, sa * sb)
        case let .quotient(a, b):
            let (va, sa) = measure(a, leaf: leaf), (vb, sb) = measure(b, leaf: leaf)
            return (va / vb, sa * sb / (vb * vb))
        case let .squareRoot(a):
            let (va, sa) = measure(a, leaf: leaf)
            return (va.squareRoot(), sa.squareRoot())
        case let .power(a, b):
            let (va, sa) = measure(a, leaf: leaf)
            let exponent = evaluate(b, leaf: leaf)
            return (pow(va, exponent), pow(sa, exponent))
        default:
            let value = evaluate(e, leaf: leaf)
            return (value, abs(value))
        }
    }

    /// The expression's value, with `leaf` for each symbol.
    private static func evaluate(_ e: TraceEngine.Expression, leaf: (Symbol) -> Double) -> Double {
        var evaluator = Evaluator(parameterCount: 1)
        for symbol in e.symbols {
            if symbol.kind == .perParameter { evaluator.vectors[symbol] = [leaf(symbol)] } else { evaluator.scalars[symbol] = leaf(symbol) }
        }
        switch evaluator.evaluate(e) {
        case let .scalar(value): return value
        case let .vector(values): return values.first ?? .nan
        }
    }
}
