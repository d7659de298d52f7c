import TraceEngine

extension Loss {
    /// The loss inside a sentence, drawn from its ``equation``: `L = ½·Σₖ (yₖ − ŷₖ)²`.
    public var formula: String {
        UnicodeMath.render(PassMathBuilder(.prose).equation(equation))
    }
}
