import TraceEngine

/// An update rule drawn as the lecture writes it: `m(t+1) = β₁·m(t) + (1 − β₁)·g`,
/// `w_ji(t+1) = w_ji(t) − η/√(v̂ + ε)·m̂`.
///
/// A state symbol the equation reads from the previous step carries `(t)`; the value it
/// assigns carries `(t+1)`; values assigned earlier in the same step (m in m̂ = m/…) carry none.
enum LectureFormulas {
    /// With `scheduled`, η is written ηₜ: the update reads the schedule's rate of step t.
    /// `g ← g + λ₂·w` (L2) is an assignment, not an equation, and is written with `←`.
    static func symbolic(_ rule: UpdateRule, scheduled: Bool = false) -> [MathNode] {
        rule.equations.enumerated().map { k, equation in
            let builder = MathBuilder { symbol in
                switch symbol {
                case .eta where scheduled:
                    return .symbol(.etaT)
                case .w:
                    return .indexed(weight, .name("t"))
                case _ where rule.stateSymbols.contains(symbol) && rule.valueTime(of: symbol, inEquation: k) == .carriedIn:
                    return .indexed(.symbol(symbol), .name("t"))
                default:
                    return .symbol(symbol)
                }
            }
            let target: MathNode
            switch equation.target {
            case .wNew: target = .indexed(weight, next)
            case .mHat, .vHat, .g: target = .symbol(equation.target)
            default: target = .indexed(.symbol(equation.target), next)
            }
            let relation = equation.target == .g ? "←" : "="
            return .row([target, .op(relation), builder.build(equation.expression)])
        }
    }

    static let weight = MathNode.subscripted(.name("w"), .name("ji"))
    static let next = MathNode.row([.name("t"), .op("+"), .number("1")])
}
