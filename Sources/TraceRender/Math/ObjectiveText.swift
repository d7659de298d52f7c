import TraceEngine

extension Objective {
    /// `L = a·w₁² + b·w₂²`.
    public var lossFormula: MathNode {
        .row([.name("L"), .op("="), MathBuilder.symbolic.build(loss)])
    }

    /// `∂L/∂w₁ = 2·a·w₁` and `∂L/∂w₂ = 2·b·w₂`.
    public var gradientFormulas: [MathNode] {
        zip([Symbol.w1, .w2], gradient).map { symbol, derivative in
            .row([.fraction(.row([.name("∂"), .name("L")]), .row([.name("∂"), .symbol(symbol)])), .op("="),
                  MathBuilder.symbolic.build(derivative)])
        }
    }
}
