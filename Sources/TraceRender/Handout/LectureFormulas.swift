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

/// The chain rule, as formulas.
enum ChainRuleFormulas {
    static let symbolic: [MathNode] = {
        let l = MathNode.name("l")
        let lMinus1 = MathNode.row([.name("l"), .op("−"), .number("1")])
        let lPlus1 = MathNode.row([.name("l"), .op("+"), .number("1")])
        func sub(_ name: String, _ index: MathNode) -> MathNode { .subscripted(.name(name), index) }
        return [
            .row([sub("z", l), .op("="), sub("W", l), .op("·"), sub("a", lMinus1), .op("+"), sub("b", l), .text("   "),
                  sub("a", l), .op("="), .subscripted(.name("f"), l), .fenced(sub("z", l))]),
            .row([.subscripted(.name("δ"), .name("L")), .op("="), .fraction(.row([.name("∂"), .name("L")]), .row([.name("∂"), .name("ŷ")])),
                  .op("·"), .name("f′"), .fenced(sub("z", .name("L"))), .text("   "),
                  sub("δ", l), .op("="), .fenced(.row([.power(sub("W", lPlus1), .name("T")), .op("·"), sub("δ", lPlus1)])),
                  .op("·"), .subscripted(.name("f′"), l), .fenced(sub("z", l))]),
            .row([.subscripted(.name("g"), .name("ji")), .op("="), .subscripted(.name("δ"), .name("j")), .op("·"),
                  .subscripted(.name("a"), .name("i")), .text(" for a weight,   "), .name("g"), .op("="),
                  .subscripted(.name("δ"), .name("j")), .text(" for a bias, averaged over the batch")]),
        ]
    }()
}

/// A softmax output with cross-entropy, and how the output layer's δ simplifies to `ŷ − y`:
///
/// ```
/// ŷ_k = e^(z_k) / Σ_j e^(z_j)          L = −Σ_k y_k·ln(ŷ_k)
/// ∂ŷ_j/∂z_k = ŷ_j·(1 − ŷ_k) (j = k),   −ŷ_j·ŷ_k (j ≠ k)
/// δ_k = Σ_j ∂L/∂ŷ_j·∂ŷ_j/∂z_k = −y_k·(1 − ŷ_k) + Σ_(j≠k) y_j·ŷ_k = ŷ_k·Σ_j y_j − y_k = ŷ_k − y_k
/// ```
enum SoftmaxFormulas {
    static let symbolic: [MathNode] = {
        func sub(_ name: String, _ index: String) -> MathNode { .subscripted(.name(name), .name(index)) }
        let yHat = { (index: String) in MathNode.subscripted(.name("ŷ"), .name(index)) }
        let sumJ = MathNode.subscripted(.name("Σ"), .name("j"))
        let sumK = MathNode.subscripted(.name("Σ"), .name("k"))
        let sumJNotK = MathNode.subscripted(.name("Σ"), .row([.name("j"), .op("≠"), .name("k")]))
        func partial(_ top: MathNode, _ bottom: MathNode) -> MathNode {
            .fraction(.row([.name("∂"), top]), .row([.name("∂"), bottom]))
        }
        return [
            .row([yHat("k"), .op("="), .fraction(.power(.name("e"), sub("z", "k")), .row([sumJ, .power(.name("e"), sub("z", "j"))])),
                  .text("   "), .name("L"), .op("="), .op("−"), sumK, sub("y", "k"), .op("·"), .function("ln", [yHat("k")])]),
            .row([partial(yHat("j"), sub("z", "k")), .op("="), yHat("j"), .op("·"), .fenced(.row([.number("1"), .op("−"), yHat("k")])),
                  .text(" for "), .name("j"), .op("="), .name("k"), .text(",   "), .op("−"), yHat("j"), .op("·"), yHat("k"),
                  .text(" for "), .name("j"), .op("≠"), .name("k")]),
            .row([sub("δ", "k"), .op("="), sumJ, partial(.name("L"), yHat("j")), .op("·"), partial(yHat("j"), sub("z", "k")),
                  .op("="), .op("−"), sub("y", "k"), .op("·"), .fenced(.row([.number("1"), .op("−"), yHat("k")])),
                  .op("+"), sumJNotK, sub("y", "j"), .op("·"), yHat("k")]),
            .row([sub("δ", "k"), .op("="), yHat("k"), .op("·"), sumJ, sub("y", "j"), .op("−"), sub("y", "k"),
                  .op("="), yHat("k"), .op("−"), sub("y", "k")]),
        ]
    }()
}
