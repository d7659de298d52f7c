import Testing
import TraceEngine
@testable import TraceRender

/// Every symbol's three glyphs, as the lecture (`shared/lecture.md`) writes them: the expected
/// strings are typed from its notation, not read from the code that derives them.
@Suite struct SymbolGlyphTests {
    /// (symbol, Unicode, LaTeX, MathML).
    static let lectureNotation: [(Symbol, String, String, String)] = [
        (.w, "w", "w", "<mi>w</mi>"),
        (.g, "g", "g", "<mi>g</mi>"),
        (.v, "v", "v", "<mi>v</mi>"),
        (.s, "s", "s", "<mi>s</mi>"),
        (.ss, "ss", "ss", "<mi>ss</mi>"),
        (.m, "m", "m", "<mi>m</mi>"),
        (.mHat, "m\u{302}", "\\hat{m}", "<mover accent=\"true\"><mi>m</mi><mo>^</mo></mover>"),
        (.vHat, "v\u{302}", "\\hat{v}", "<mover accent=\"true\"><mi>v</mi><mo>^</mo></mover>"),
        (.vMax, "v_max", "v_{\\max}", "<msub><mi>v</mi><mi>max</mi></msub>"),
        (.wNew, "w", "w", "<mi>w</mi>"),
        (.eta, "η", "\\eta", "<mi>η</mi>"),
        (.beta, "β", "\\beta", "<mi>β</mi>"),
        (.rho, "ρ", "\\rho", "<mi>ρ</mi>"),
        (.beta1, "β₁", "\\beta_1", "<msub><mi>β</mi><mn>1</mn></msub>"),
        (.beta2, "β₂", "\\beta_2", "<msub><mi>β</mi><mn>2</mn></msub>"),
        (.epsilon, "ε", "\\varepsilon", "<mi>ε</mi>"),
        (.lambda, "λ", "\\lambda", "<mi>λ</mi>"),
        (.l2, "λ₂", "\\lambda_2", "<mi>λ₂</mi>"),
        (.initialAccumulator, "s₀", "s_0", "<mi>s₀</mi>"),
        (.gamma, "γ", "\\gamma", "<mi>γ</mi>"),
        (.every, "K", "K", "<mi>K</mi>"),
        (.etaMin, "η_min", "\\eta_{\\min}", "<mi>η_min</mi>"),
        (.period, "T", "T", "<mi>T</mi>"),
        (.etaT, "ηₜ", "\\eta_t", "<mi>ηₜ</mi>"),
        (.w1, "w₁", "w_1", "<mi>w₁</mi>"),
        (.w2, "w₂", "w_2", "<mi>w₂</mi>"),
        (.coefficientA, "a", "a", "<mi>a</mi>"),
        (.coefficientB, "b", "b", "<mi>b</mi>"),
        (.t, "t", "t", "<mi>t</mi>"),
    ]

    @Test(arguments: lectureNotation.map { $0.0 })
    func glyphsAreTheLecturesNotation(_ symbol: Symbol) throws {
        let (_, unicode, latex, mathML) = try #require(Self.lectureNotation.first { $0.0 == symbol })
        #expect(symbol.unicode == unicode)
        #expect(symbol.latex == latex)
        #expect(symbol.mathML == mathML)
    }

}
