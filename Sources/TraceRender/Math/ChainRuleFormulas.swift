import TraceEngine

/// The forward pass and the chain rule as each writer shows them, all drawn from the one
/// definition, ``ChainRule`` (which ``PassEvaluator`` runs, and the engine's passes match).
enum ChainRuleFormulas {
    /// A handout's lines, typeset: the passes as vectors, the gradient as the lecture writes it.
    ///
    /// ```
    /// z_l = W_l·a_(l−1) + b_l      a_l = f_l(z_l)
    /// δ_L = ∂L/∂ŷ·f′(z_L)          δ_l = (W_(l+1)ᵀ·δ_(l+1))·f′_l(z_l)
    /// g_ji = δ_j·a_i for a weight,   g = δ_j for a bias, averaged over the batch
    /// ```
    static let symbolic: [MathNode] = {
        let vectors = PassMathBuilder(.vectors), lecture = PassMathBuilder(.subscripts)
        let gap = MathNode.text("   ")
        return [
            flat([vectors.equation(ChainRule.weightedInput), gap, vectors.equation(ChainRule.activation)]),
            flat([vectors.equation(ChainRule.outputDelta), gap, vectors.equation(ChainRule.hiddenDelta)]),
            flat([lecture.equation(ChainRule.weightGradient), .text(" for a weight,   "), lecture.equation(ChainRule.biasGradient),
                  .text(" for a bias, averaged over the batch")]),
        ]
    }()

    /// The terminal's lines, for a network with `loss`: the passes as vectors, the hidden δ
    /// and the gradients with every index.
    ///
    /// ```
    /// z_l = W_l·a_(l−1) + b_l    a_l = f_l(z_l)    (a0 = x, ŷ = the last a)
    /// δ (last layer) = ∂L/∂ŷ · f′(z)    δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k]) · f′_l(z_l[j])
    /// g of W_l[j,i] = δ_l[j]·a_(l−1)[i]    g of b_l[j] = δ_l[j]    (averaged over the batch)
    /// ```
    static func terminalLines(loss: Loss) -> [String] {
        let vectors = PassMathBuilder(.terminal(.vectors)), indexed = PassMathBuilder(.terminal(.brackets))
        let outputDelta: String
        if loss == .crossEntropy {
            outputDelta = "\(UnicodeMath.render(vectors.build(ChainRule.outputDeltaDirect.expression)))  (softmax with cross-entropy: \(UnicodeMath.render(SoftmaxFormulas.definition)))"
        } else {
            outputDelta = UnicodeMath.render(vectors.build(ChainRule.outputDelta.expression))
        }
        let lastLayerDelta = UnicodeMath.render(vectors.element(ChainRule.outputDelta.target))
        let lines = [
            [text(vectors, ChainRule.weightedInput), text(vectors, ChainRule.activation), "(a0 = x, ŷ = the last a)"],
            ["\(lastLayerDelta) (last layer) = \(outputDelta)", text(indexed, ChainRule.hiddenDelta)],
            [text(indexed, ChainRule.weightGradient), text(indexed, ChainRule.biasGradient), "(averaged over the batch)"],
        ]
        return lines.map { $0.joined(separator: "    ") }
    }

    private static func text(_ builder: PassMathBuilder, _ equation: PassEquation) -> String {
        UnicodeMath.render(builder.equation(equation))
    }

    /// A line of equations as one row: their rows opened up into it (as the handouts have
    /// always laid them out), except one that starts with a sign, which reads as `−x`.
    static func flat(_ nodes: [MathNode]) -> MathNode {
        func opened(_ node: MathNode) -> [MathNode] {
            if case let .row(children) = node, children.first != .op("−") { return children.flatMap(opened) }
            return [node]
        }
        return .row(nodes.flatMap(opened))
    }
}
