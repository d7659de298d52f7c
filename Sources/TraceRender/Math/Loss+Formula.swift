import TraceEngine

extension Loss {
    /// The loss inside a sentence, drawn from its ``equation``: `L = ½·Σₖ (yₖ − ŷₖ)²`.
    public var formula: String {
        UnicodeMath.render(PassMathBuilder(.prose).equation(equation))
    }

    /// The loss inside a handout's sentence: its ``equation`` typeset as the lecture writes it
    /// (`L = \frac{1}{2} \sum_k (y_k − ŷ_k)^2` in LaTeX, MathML in HTML), ``formula`` where
    /// the sentence is plain text.
    var formulaPart: ParagraphPart {
        .math(PassMathBuilder(.subscripts).equation(equation), text: formula)
    }
}
