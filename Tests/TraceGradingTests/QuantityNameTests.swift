import Testing
import TraceEngine

@testable import TraceGrading

/// The spellings a student may write for a quantity in an answers file.
@Suite struct QuantityNameTests {
    @Test("each quantity answers to its name, its name without the underscore or with a hyphen, and its glyph, in any case")
    func derivedSpellings() {
        let written: [(String, Symbol)] = [
            ("m_hat", .mHat), ("MHAT", .mHat), ("m-hat", .mHat), ("m̂", .mHat),
            ("v_hat", .vHat), ("vhat", .vHat), ("v̂", .vHat),
            ("v_max", .vMax), ("vmax", .vMax), ("V-Max", .vMax),
            ("w_new", .wNew), ("wnew", .wNew), ("w - new", .wNew),
            ("ss", .ss), ("g", .g), ("m", .m), ("v", .v), ("s", .s),
        ]
        for (text, symbol) in written {
            #expect(QuantityName.symbol(for: text) == symbol, "\(text)")
        }
    }

    @Test("spellings people type that no name gives, and a glyph two quantities share names the one it is the name of")
    func typedSpellings() {
        #expect(QuantityName.symbol(for: "w(t+1)") == .wNew)
        #expect(QuantityName.symbol(for: "w'") == .wNew)
        #expect(QuantityName.symbol(for: "m^") == .mHat)
        #expect(QuantityName.symbol(for: "w(t)") == .w)
        // `w_new` is drawn as `w` in `w ← w − η·g`, but `w` written alone is the weight before.
        #expect(QuantityName.symbol(for: "w") == .w)
    }

    @Test("a hyperparameter or an unknown name is no quantity")
    func notQuantities() {
        for text in ["eta", "η", "beta1", "t", "mhatt", "", "δ"] {
            #expect(QuantityName.symbol(for: text) == nil, "\(text)")
        }
    }
}
