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

    @Test func everySymbolsGlyphFollowsFromItsNameOrIsListed() {
        for symbol in Symbol.allCases {
            #expect(
                Symbol.glyphExceptions[symbol] != nil || SymbolGlyph.derived(fromName: symbol.rawValue) != nil,
                "\(symbol.rawValue): no glyph follows from the name; list it in Symbol.glyphExceptions")
        }
    }

    /// A listed glyph is one the name does not give: the list holds only true exceptions.
    @Test func exceptionsDifferFromWhatTheNameGives() {
        for (symbol, glyph) in Symbol.glyphExceptions {
            #expect(SymbolGlyph.derived(fromName: symbol.rawValue) != glyph, "\(symbol.rawValue)")
        }
    }

    /// (name, Unicode, LaTeX, MathML) for names no symbol has yet, one per rule.
    static let rules: [(String, String, String, String)] = [
        ("theta", "θ", "\\theta", "<mi>θ</mi>"),
        ("phi", "φ", "\\varphi", "<mi>φ</mi>"),
        ("x", "x", "x", "<mi>x</mi>"),
        ("s_hat", "s\u{302}", "\\hat{s}", "<mover accent=\"true\"><mi>s</mi><mo>^</mo></mover>"),
        ("mu_hat", "μ\u{302}", "\\hat{\\mu}", "<mover accent=\"true\"><mi>μ</mi><mo>^</mo></mover>"),
        ("alpha3", "α₃", "\\alpha_3", "<msub><mi>α</mi><mn>3</mn></msub>"),
        ("u0", "u₀", "u_0", "<msub><mi>u</mi><mn>0</mn></msub>"),
        ("gamma_min", "γ_min", "\\gamma_{\\min}", "<msub><mi>γ</mi><mi>min</mi></msub>"),
        ("s_max", "s_max", "s_{\\max}", "<msub><mi>s</mi><mi>max</mi></msub>"),
        ("rho_k", "ρₖ", "\\rho_k", "<msub><mi>ρ</mi><mi>k</mi></msub>"),
    ]

    @Test(arguments: rules.map { $0.0 })
    func nameStructureGivesTheGlyph(_ name: String) throws {
        let (_, unicode, latex, mathML) = try #require(Self.rules.first { $0.0 == name })
        let glyph = try #require(SymbolGlyph.derived(fromName: name))
        #expect(glyph.unicode == unicode)
        #expect(glyph.latex == latex)
        #expect(glyph.mathML == mathML)
    }

    @Test(arguments: ["w_new", "initial_accumulator", "every", "ss", "beta_q", "v_avg", "beta12", "Eta", "", "_hat"])
    func namesWithoutAStructureGiveNoGlyph(_ name: String) {
        #expect(SymbolGlyph.derived(fromName: name) == nil)
    }

    /// A power of a lowered glyph puts the exponent beside the subscript in MathML (`β₁ᵗ`).
    @Test func powerOfASubscriptedGlyphIsOneMsubsup() {
        #expect(MathMLWriter.render(.power(.symbol(.beta1), .symbol(.t)))
            == "<msubsup><mi>β</mi><mn>1</mn><mrow><mi>t</mi></mrow></msubsup>")
        #expect(MathMLWriter.render(.power(.symbol(.vMax), .number("2")))
            == "<msubsup><mi>v</mi><mi>max</mi><mrow><mn>2</mn></mrow></msubsup>")
        #expect(MathMLWriter.render(.power(.symbol(.w1), .number("2")))
            == "<msup><mrow><mi>w₁</mi></mrow><mrow><mn>2</mn></mrow></msup>")
    }
}
