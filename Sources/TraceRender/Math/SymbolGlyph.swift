/// How a symbol is drawn, read from the structure of its name: a letter, spelled out when Greek
/// (`eta` → η), with at most one mark: a hat over it or something lowered beside it.
///
/// ```
/// name      Unicode  LaTeX          MathML
/// eta       η        \eta           <mi>η</mi>
/// m_hat     m̂        \hat{m}        <mover accent="true"><mi>m</mi><mo>^</mo></mover>
/// beta1     β₁       \beta_1        <msub><mi>β</mi><mn>1</mn></msub>
/// v_max     v_max    v_{\max}       <msub><mi>v</mi><mi>max</mi></msub>
/// eta_t     ηₜ       \eta_t         <msub><mi>η</mi><mi>t</mi></msub>
/// ```
package struct SymbolGlyph: Sendable, Equatable {
    /// What is drawn over or beside the letter.
    package enum Mark: Sendable, Equatable {
        case none
        /// `_hat`: an accent over the letter.
        case hat
        /// A trailing digit, lowered: `β₁`.
        case digit(Character)
        /// `_max` or `_min`, lowered as the operator's name: `v_max`, `v_{\max}`.
        case operatorName(String)
        /// `_t` and the other letters Unicode has a subscript form of: `ηₜ`.
        case letter(Character)
    }

    /// The letter in Unicode: `η`.
    package let baseUnicode: String
    /// The letter in LaTeX: `\eta`.
    package let baseLatex: String
    package let mark: Mark
    /// MathML writes the glyph as one identifier holding its Unicode form (`<mi>w₁</mi>`), not
    /// as a letter with a `<msub>` subscript.
    package var isOneIdentifier = false

    package init(unicode: String, latex: String, mark: Mark = .none) {
        self.baseUnicode = unicode
        self.baseLatex = latex
        self.mark = mark
    }

    /// The glyph a name's structure gives, or `nil` if the name has none: its stem is neither a
    /// Greek letter's name nor one Latin letter, or its suffix is not one of `_hat`, `_max`,
    /// `_min`, a trailing digit or `_` and a letter with a Unicode subscript.
    package static func derived(fromName name: String) -> SymbolGlyph? {
        var stem = Substring(name)
        var mark = Mark.none
        if let underscore = name.lastIndex(of: "_") {
            stem = name[..<underscore]
            let suffix = String(name[name.index(after: underscore)...])
            switch suffix {
            case "hat": mark = .hat
            case "max", "min": mark = .operatorName(suffix)
            default:
                guard suffix.count == 1, let letter = suffix.first, subscriptLetters[letter] != nil else { return nil }
                mark = .letter(letter)
            }
        } else if let last = name.last, last.isASCII, last.isNumber, name.count > 1 {
            stem = name.dropLast()
            mark = .digit(last)
        }
        guard let base = letter(named: String(stem)) else { return nil }
        return SymbolGlyph(unicode: base.unicode, latex: base.latex, mark: mark)
    }

    /// The plain Unicode form: `β₁`, `m̂`, `v_max`.
    package var unicode: String {
        switch mark {
        case .none: return baseUnicode
        case .hat: return baseUnicode + "\u{0302}"
        case let .digit(digit): return baseUnicode + String(Self.subscriptDigits[digit] ?? digit)
        case let .operatorName(name): return baseUnicode + "_" + name
        case let .letter(letter): return baseUnicode + String(Self.subscriptLetters[letter] ?? letter)
        }
    }

    /// The LaTeX form: `\beta_1`, `\hat{m}`, `v_{\max}`.
    package var latex: String {
        switch mark {
        case .none: return baseLatex
        case .hat: return "\\hat{\(baseLatex)}"
        case let .digit(digit): return "\(baseLatex)_\(digit)"
        case let .operatorName(name): return "\(baseLatex)_{\\\(name)}"
        case let .letter(letter): return "\(baseLatex)_\(letter)"
        }
    }

    /// The presentation-MathML form: `<msub><mi>β</mi><mn>1</mn></msub>`.
    package var mathML: String {
        guard !isOneIdentifier else { return "<mi>\(unicode)</mi>" }
        if case .hat = mark { return "<mover accent=\"true\"><mi>\(baseUnicode)</mi><mo>^</mo></mover>" }
        guard let lowered = loweredMathML else { return "<mi>\(baseUnicode)</mi>" }
        return "<msub><mi>\(baseUnicode)</mi>\(lowered)</msub>"
    }

    /// The glyph raised to `exponent` (a MathML element) in MathML, the exponent beside the
    /// subscript rather than above it (`β₁ᵗ`), or `nil` when the glyph has no MathML subscript.
    package func mathMLPower(_ exponent: String) -> String? {
        guard !isOneIdentifier, let lowered = loweredMathML else { return nil }
        return "<msubsup><mi>\(baseUnicode)</mi>\(lowered)\(exponent)</msubsup>"
    }

    /// The lowered part as a MathML element, or `nil` when nothing is lowered.
    private var loweredMathML: String? {
        switch mark {
        case .none, .hat: return nil
        case let .digit(digit): return "<mn>\(digit)</mn>"
        case let .operatorName(name): return "<mi>\(name)</mi>"
        case let .letter(letter): return "<mi>\(letter)</mi>"
        }
    }

    /// One Latin letter as itself, or a lowercase Greek letter by its name.
    private static func letter(named name: String) -> (unicode: String, latex: String)? {
        if name.count == 1, let letter = name.first, letter.isASCII, letter.isLetter { return (name, name) }
        return greekLetters[name].map { ($0, "\\" + (variantNames[name] ?? name)) }
    }

    /// The lowercase Greek letters LaTeX names.
    private static let greekLetters: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "zeta": "ζ", "eta": "η",
        "theta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π",
        "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    ]

    /// The letters whose Unicode form is what LaTeX calls the variant: `ε` (U+03B5) is
    /// `\varepsilon` (`\epsilon` is `ϵ`, U+03F5), and `φ` (U+03C6) is `\varphi`.
    private static let variantNames: [String: String] = ["epsilon": "varepsilon", "phi": "varphi"]

    private static let subscriptDigits: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
    ]

    /// The Latin letters Unicode has as subscripts.
    private static let subscriptLetters: [Character: Character] = [
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ", "o": "ₒ",
        "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ",
    ]
}
