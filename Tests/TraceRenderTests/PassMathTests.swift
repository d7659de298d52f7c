import Testing
import TraceEngine
import TraceRender

/// The passes' equations (``ChainRule``, ``Loss/equation``), drawn as text, read as the
/// contract (`shared/contract.md`) and the lecture write them. The expected strings are typed
/// from there, in each writer's notation.
@Suite struct PassMathTests {
    @Test func lossesInProse() {
        #expect(Loss.halfSSE.formula == "L = ½·Σₖ (yₖ − ŷₖ)²")
        #expect(Loss.mse.formula == "L = (1/K)·Σₖ (yₖ − ŷₖ)²")
        #expect(Loss.bce.formula == "L = −Σₖ [yₖ·ln ŷₖ + (1 − yₖ)·ln(1 − ŷₖ)]")
        #expect(Loss.crossEntropy.formula == "L = −Σₖ yₖ·ln ŷₖ")
    }

    private func text(_ notation: PassNotation, _ equation: PassEquation) -> String {
        UnicodeMath.render(PassMathBuilder(notation).equation(equation))
    }

    @Test func chainRuleWithEveryIndex() {
        let terminal = PassNotation.terminal(.brackets)
        #expect(text(terminal, ChainRule.hiddenDelta) == "δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k]) · f′_l(z_l[j])")
        #expect(text(terminal, ChainRule.weightGradient) == "g of W_l[j,i] = δ_l[j]·a_(l−1)[i]")
        #expect(text(terminal, ChainRule.biasGradient) == "g of b_l[j] = δ_l[j]")
    }

    @Test func chainRuleAsVectorsAndAsTheLectureWritesIt() {
        #expect(text(.vectors, ChainRule.weightedInput) == "z_l = W_l·a_(l − 1) + b_l")
        #expect(text(.vectors, ChainRule.hiddenDelta) == "δ_l = (W_(l + 1)^(T)·δ_(l + 1))·f′_l(z_l)")
        #expect(text(.vectors, ChainRule.outputDelta) == "δ_L = ∂L/∂ŷ·f′(z_L)")
        #expect(text(.subscripts, ChainRule.weightGradient) == "g_ji = δ_j·a_i")
    }

    /// Taken at one unit of a 2-2-1 sigmoid network, as feedback names the values (`x` for
    /// the input, the activation by name).
    @Test func chainRuleAtOneUnit() {
        let layer = Layer(activation: .sigmoid, weights: [[1, 1], [1, 1]], biases: [0, 0])
        let output = Layer(activation: .sigmoid, weights: [[1, 1]], biases: [0])
        let feedback = PassNotation.feedback(Network(layers: [layer, output], loss: .halfSSE))
        #expect(text(feedback, ChainRule.weightedInput.numbered([.l: 1, .j: 2])) == "z1[2] = Σ_i W1[2,i]·x[i] + b1[2]")
        #expect(text(feedback, ChainRule.activation.numbered([.l: 2, .j: 1])) == "a2[1] = σ(z2[1])")
        #expect(text(feedback, ChainRule.outputDelta.numbered([.L: 2, .j: 1])) == "δ2[1] = ∂L/∂ŷ1·f′(z2[1])")
        #expect(text(feedback, ChainRule.outputDeltaDirect.numbered([.L: 2, .j: 1])) == "δ2[1] = ŷ1 − y1")
        #expect(text(feedback, ChainRule.hiddenDelta.numbered([.l: 1, .j: 2])) == "δ1[2] = (Σ_k W2[k,2]·δ2[k])·f′(z1[2])")
        #expect(UnicodeMath.render(PassMathBuilder(.brackets).build(ChainRule.weightGradient.expression.numbered([.l: 1, .j: 2, .i: 1])))
                == "δ1[2]·a0[1]")
    }
}
