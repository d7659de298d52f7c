import Testing
import TraceRender

/// A sum in MathML is the n-ary operator ∑ (U+2211) in `<mo>`, upright like LaTeX's `\sum`
/// (MathML Core's operator dictionary makes it `largeop`: large in a display), with its index
/// beside it as the LaTeX writer's `{\sum}_k`. An `<mi>Σ` (the Greek capital letter as an
/// identifier) is drawn italic and small.
@Suite struct MathMLSummationTests {
    @Test func aSumIsTheNaryOperatorWithItsIndexBeside() {
        let sum = MathNode.summation(.name("k"), .subscripted(.name("y"), .name("k")))
        let mathML = MathMLWriter.render(sum)
        #expect(mathML.hasPrefix("<mrow><msub><mo>∑</mo><mrow><mi>k</mi></mrow></msub>"))
        #expect(!mathML.contains("Σ"))
        #expect(!mathML.contains("<mi>∑</mi>"))
    }
}
