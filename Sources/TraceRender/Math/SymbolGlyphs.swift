import TraceEngine

/// How each symbol is written, in one place: plain Unicode (the terminal, Markdown, feedback),
/// LaTeX and MathML. The engine names symbols (`m_hat`); how they look is the writers' concern.
/// A glyph follows from the name (``SymbolGlyph/derived(fromName:)``: `beta1` is β₁, `m_hat`
/// is m̂), so a new symbol needs no entry here unless its name says nothing of its look.
extension Symbol {
    /// The lecture's symbol in plain Unicode. `w_new` shows as `w`: the rule `w ← w − η·g`
    /// reads as the lecture's `w(t+1) = w(t) − η·g`.
    public var unicode: String { Self.written[ordinal].unicode }

    /// The lecture's symbol in LaTeX.
    public var latex: String { Self.written[ordinal].latex }

    /// The lecture's symbol in MathML: accents over m and v, subscripts as subscripts.
    var mathML: String { Self.written[ordinal].mathML }

    /// The symbol's glyph: its letter and mark.
    package var glyph: SymbolGlyph { Self.glyphs[ordinal] }

    /// The symbols whose glyph does not follow from their name.
    static let glyphExceptions: [Symbol: SymbolGlyph] = [
        .wNew: SymbolGlyph(unicode: "w", latex: "w"),
        // RMSProp's moving average of g², two letters as the lecture writes it.
        .ss: SymbolGlyph(unicode: "ss", latex: "ss"),
        .initialAccumulator: SymbolGlyph(unicode: "s", latex: "s", mark: .digit("0")),
        // The step schedule's interval K and the cosine schedule's period T.
        .every: SymbolGlyph(unicode: "K", latex: "K"),
        .period: SymbolGlyph(unicode: "T", latex: "T"),
        .l2: SymbolGlyph(unicode: "λ", latex: "\\lambda", mark: .digit("2")),
    ]

    /// The symbols MathML writes as one identifier with the subscript in Unicode
    /// (`<mi>w₁</mi>`); every other lowered mark is a MathML subscript (`<msub>`).
    static let oneIdentifierInMathML: Set<Symbol> = [.w1, .w2, .l2, .initialAccumulator, .etaMin, .etaT]

    /// Each symbol's glyph, by ordinal. A name with neither a derived glyph nor an exception
    /// shows as itself (a test checks that none does).
    private static let glyphs: [SymbolGlyph] = allCases.map { symbol in
        var glyph = glyphExceptions[symbol] ?? SymbolGlyph.derived(fromName: symbol.rawValue)
            ?? SymbolGlyph(unicode: symbol.rawValue, latex: symbol.rawValue)
        glyph.isOneIdentifier = oneIdentifierInMathML.contains(symbol)
        return glyph
    }

    /// Each symbol's three forms, by ordinal, written once.
    private static let written: [(unicode: String, latex: String, mathML: String)] = glyphs.map {
        ($0.unicode, $0.latex, $0.mathML)
    }
}
