import Testing
import TraceEngine
import TraceRender

/// Each rule, drawn as text, reads as `shared/lecture.md` (lecture) and `shared/conventions.md`
/// (PyTorch) write it. The expected strings are typed from those documents.
@Suite struct UnicodeMathTests {
    func lines(_ optimizer: Optimizer, _ convention: Convention) -> [String] {
        UpdateRule.rule(for: optimizer, convention: convention).unicodeLines
    }

    @Test func lectureConvention() {
        #expect(lines(.gd, .lecture) == ["w ← w − η·g"])
        #expect(lines(.momentum, .lecture) == ["v ← β·v + (1 − β)·g", "w ← w − η·v"])
        #expect(lines(.adagrad, .lecture) == ["s ← s + g²", "w ← w − η/√(s + ε)·g"])
        #expect(lines(.rmsprop, .lecture) == ["ss ← ρ·ss + (1 − ρ)·g²", "w ← w − η/√(ss + ε)·g"])
        let adam = ["m ← β₁·m + (1 − β₁)·g", "v ← β₂·v + (1 − β₂)·g²", "m̂ ← m/(1 − β₁ᵗ)", "v̂ ← v/(1 − β₂ᵗ)"]
        #expect(lines(.adam, .lecture) == adam + ["w ← w − η/√(v̂ + ε)·m̂"])
        #expect(lines(.adamw, .lecture) == adam + ["w ← w − η/√(v̂ + ε)·m̂ − η·λ·w"])
    }

    @Test func pytorchConvention() {
        #expect(lines(.momentum, .pytorch) == ["v ← β·v + g", "w ← w − η·v"])
        #expect(lines(.adagrad, .pytorch) == ["s ← s + g²", "w ← w − η·g/(√s + ε)"])
        #expect(lines(.rmsprop, .pytorch) == ["ss ← ρ·ss + (1 − ρ)·g²", "w ← w − η·g/(√ss + ε)"])
        #expect(lines(.adam, .pytorch).last == "w ← w − η·m̂/(√v̂ + ε)")
        #expect(lines(.adamw, .pytorch).last == "w ← w·(1 − η·λ) − η·m̂/(√v̂ + ε)")
    }

    @Test func numbersPutInParenthesiseNegativesAndRaiseExponents() {
        let rule = UpdateRule.rule(for: .adam, convention: .lecture)
        let values: [Symbol: String] = [.beta1: "0.9", .m: "-0.05", .g: "-0.5", .t: "12"]
        let builder = MathBuilder { values[$0].map(MathNode.number) ?? .symbol($0) }
        func text(_ k: Int) -> String { UnicodeMath.render(builder.build(rule.equations[k].expression)) }
        #expect(text(0) == "0.9·(-0.05) + (1 − 0.9)·(-0.5)")
        // Alone in a numerator a negative number needs no parentheses.
        #expect(text(2) == "-0.05/(1 − 0.9¹²)")
        // 2.1e-05² would read as 10 to the −5²: a number with an exponent is parenthesised.
        let small = MathBuilder { $0 == .g ? .number("2.1e-05") : .symbol($0) }
        #expect(UnicodeMath.render(small.build(rule.equations[1].expression)) == "β₂·v + (1 − β₂)·(2.1e-05)²")
        #expect(LaTeXMath.render(small.build(.pow(.symbol(.g), 2))) == "{\\left(2.1 \\times 10^{-5}\\right)}^{2}")
    }
}
