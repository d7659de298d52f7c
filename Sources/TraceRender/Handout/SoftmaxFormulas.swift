import TraceEngine

/// A softmax output with cross-entropy, and how the output layer's δ simplifies to `ŷ − y`:
///
/// ```
/// ŷ_k = e^(z_k) / Σ_j e^(z_j)          L = −Σ_k y_k·ln(ŷ_k)
/// ∂ŷ_j/∂z_k = ŷ_j·(1 − ŷ_k) (j = k),   −ŷ_j·ŷ_k (j ≠ k)
/// δ_k = Σ_j ∂L/∂ŷ_j·∂ŷ_j/∂z_k = −y_k·(1 − ŷ_k) + Σ_(j≠k) y_j·ŷ_k = ŷ_k·Σ_j y_j − y_k = ŷ_k − y_k
/// ```
/// The first line is the definitions (``Activation/equation``, ``Loss/equation``); the
/// others derive ``ChainRule/outputDeltaDirect`` from them.
enum SoftmaxFormulas {
    /// `ŷ_k = e^(z_k)/Σ_j e^(z_j)`: the softmax's equation, for the output layer.
    static let definition: MathNode = {
        let lecture = PassMathBuilder(.subscripts)
        return .row([lecture.element(PassElement(.prediction, units: [.k])), .op("="), lecture.build(Activation.softmax.equation.expression)])
    }()

    static let symbolic: [MathNode] = {
        func sub(_ name: String, _ index: String) -> MathNode { .subscripted(.name(name), .name(index)) }
        let yHat = { (index: String) in MathNode.subscripted(.name("ŷ"), .name(index)) }
        func partial(_ top: MathNode, _ bottom: MathNode) -> MathNode {
            .fraction(.row([.name("∂"), top]), .row([.name("∂"), bottom]))
        }
        let jNotK = MathNode.row([.name("j"), .op("≠"), .name("k")])
        return [
            ChainRuleFormulas.flat([definition, .text("   "), PassMathBuilder(.subscripts).equation(Loss.crossEntropy.equation)]),
            .row([partial(yHat("j"), sub("z", "k")), .op("="), yHat("j"), .op("·"), .fenced(.row([.number("1"), .op("−"), yHat("k")])),
                  .text(" for "), .name("j"), .op("="), .name("k"), .text(",   "), .row([.op("−"), yHat("j"), .op("·"), yHat("k")]),
                  .text(" for "), .name("j"), .op("≠"), .name("k")]),
            .row([sub("δ", "k"), .op("="), .summation(.name("j"), .row([partial(.name("L"), yHat("j")), .op("·"), partial(yHat("j"), sub("z", "k"))])),
                  .op("="), .row([.op("−"), sub("y", "k"), .op("·"), .fenced(.row([.number("1"), .op("−"), yHat("k")])),
                                  .op("+"), .summation(jNotK, .row([sub("y", "j"), .op("·"), yHat("k")]))])]),
            .row([sub("δ", "k"), .op("="), yHat("k"), .op("·"), .summation(.name("j"), sub("y", "j")), .op("−"), sub("y", "k"),
                  .op("="), yHat("k"), .op("−"), sub("y", "k")]),
        ]
    }()
}
