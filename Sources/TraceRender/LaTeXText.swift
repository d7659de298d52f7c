/// Text for a LaTeX document compiled by pdflatex: TeX's special characters escaped and
/// every other character written so that pdflatex (T1 fonts, `inputenc` utf8) typesets it.
///
/// ASCII and the Latin letters that T1 fonts have pass through; the lecture's symbols and
/// the rest of Greek, the common mathematical operators and arrows, sub- and superscripts and
/// typographic punctuation become TeX commands (mostly math); a letter with combining accents
/// becomes TeX's accent commands. Any other character is written as its code point, `[U+1F600]`,
/// so that no lesson text can break the build or turn silently into a wrong symbol.
public enum LaTeXText {
    /// Plain text: specials escaped, symbols mapped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            // A character of one ASCII byte from the table of them (comparing and hashing
            // characters is slow); any other as the table's entries were made.
            out += asciiEscapes[character] ?? escaped(character)
        }
        return out
    }

    /// One character of plain text: a special escaped, a symbol mapped.
    private static func escaped(_ character: Character) -> String {
        switch character {
        case "\\": return "\\textbackslash{}"
        case "{", "}", "$", "&", "#", "_", "%": return "\\\(character)"
        case "^": return "\\^{}"
        case "~": return "\\~{}"
        case "<": return "\\textless{}"
        case ">": return "\\textgreater{}"
        case "|": return "\\textbar{}"
        case "\n", "\r", "\r\n": return " "  // a blank line inside \section*{…} ends it early
        default: return symbol(character)
        }
    }

    /// ``escaped(_:)`` of each one-byte character, by its byte.
    private static let asciiEscapes = ASCIICharacterTable(escaped)

    /// Program text for `\texttt` or `\ttfamily`: escaped as plain text, and the straight
    /// quote and backtick written as `\textquotesingle` and `\textasciigrave`, since T1 fonts
    /// print `'` as a curly ’ that would not paste back into a terminal.
    public static func escapeCode(_ text: String) -> String {
        var out = ""
        var piece = ""
        for character in text {
            switch character {
            case "'": out += escape(piece) + "\\textquotesingle{}"; piece = ""
            case "`": out += escape(piece) + "\\textasciigrave{}"; piece = ""
            default: piece.append(character)
            }
        }
        return out + escape(piece)
    }

    static func symbol(_ character: Character) -> String {
        if let mapped = symbols[character] { return mapped }
        let scalars = Array(String(character).precomposedStringWithCanonicalMapping.unicodeScalars)
        guard let first = scalars.first else { return "" }
        if scalars.count == 1 { return symbol(first) }
        // A base with combining marks: TeX's accent commands on an ASCII letter, else code points.
        var out = symbol(first)
        let accentable = first.isASCII && first.properties.isAlphabetic
        for mark in scalars.dropFirst() {
            if accentable, let accent = accents[mark.value] {
                out = "\(accent){\(out)}"
            } else {
                out += symbol(mark)
            }
        }
        return out
    }

    static func symbol(_ scalar: Unicode.Scalar) -> String {
        if let mapped = symbols[Character(scalar)] { return mapped }
        let value = scalar.value
        if value < 0x80 {
            // Control characters (and DEL, which TeX refuses as invalid) are dropped.
            if value == 0x09 { return " " }
            return value < 0x20 || value == 0x7F ? "" : String(scalar)
        }
        if (0xA0...0x17F).contains(value), !latinWithoutT1Glyph.contains(value) { return String(scalar) }
        if (0x2000...0x200A).contains(value) || value == 0x2028 || value == 0x2029 || value == 0x205F { return " " }
        if [0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains(value) { return "" }
        return "\\textsf{[U+\(String(value, radix: 16, uppercase: true).leftPadded(to: 4))]}\\allowbreak{}"
    }

    /// Letters of Latin Extended-A that inputenc's utf8 has no T1 glyph for (pdflatex stops at them).
    static let latinWithoutT1Glyph: Set<UInt32> = [0x126, 0x127, 0x138, 0x13F, 0x140, 0x149, 0x166, 0x167, 0x17F]

    /// Combining marks TeX writes as accents on a letter.
    static let accents: [UInt32: String] = [
        0x300: "\\`", 0x301: "\\'", 0x302: "\\^", 0x303: "\\~", 0x304: "\\=", 0x306: "\\u", 0x307: "\\.",
        0x308: "\\\"", 0x30A: "\\r", 0x30B: "\\H", 0x30C: "\\v", 0x323: "\\d", 0x327: "\\c", 0x328: "\\k", 0x331: "\\b",
    ]

    static let symbols: [Character: String] = {
        var symbols: [Character: String] = [
            "ŷ": "$\\hat{y}$", "m̂": "$\\hat{m}$", "v̂": "$\\hat{v}$", "ĝ": "$\\hat{g}$", "ᵗ": "$^t$",
            "½": "$\\frac{1}{2}$", "⅓": "$\\frac{1}{3}$", "⅔": "$\\frac{2}{3}$", "⅛": "$\\frac{1}{8}$",
            "…": "\\dots{}", "–": "--", "—": "---", "―": "---", "‐": "-", "‑": "-", "‒": "--", "━": "-", "─": "-",
            "\u{00A0}": "~", "\u{202F}": "~", "•": "\\textbullet{}", "‰": "\\textperthousand{}",
            "€": "\\texteuro{}", "™": "\\texttrademark{}", "†": "\\dag{}", "‡": "\\ddag{}",
            "‹": "\\guilsinglleft{}", "›": "\\guilsinglright{}", "„": "\\quotedblbase{}", "‚": "\\quotesinglbase{}",
            "‘": "`", "’": "'", "“": "``", "”": "''", "′": "$'$", "″": "$''$", "‴": "$'''$", "⁄": "/",
            "Ħ": "H", "ħ": "$\\hbar$", "ĸ": "k", "Ŀ": "L$\\cdot$", "ŀ": "l$\\cdot$", "ŉ": "'n", "Ŧ": "T", "ŧ": "t", "ſ": "s",
        ]
        let math: [Character: String] = [
            // Greek
            "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\varepsilon", "ζ": "\\zeta",
            "η": "\\eta", "θ": "\\theta", "ι": "\\iota", "κ": "\\kappa", "λ": "\\lambda", "μ": "\\mu", "ν": "\\nu",
            "ξ": "\\xi", "ο": "o", "π": "\\pi", "ρ": "\\rho", "σ": "\\sigma", "ς": "\\varsigma", "τ": "\\tau",
            "υ": "\\upsilon", "φ": "\\phi", "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega", "ϵ": "\\epsilon",
            "ϑ": "\\vartheta", "ϕ": "\\phi", "ϖ": "\\varpi", "ϱ": "\\varrho", "µ": "\\mu",
            "Γ": "\\Gamma", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda", "Ξ": "\\Xi", "Π": "\\Pi",
            "Σ": "\\Sigma", "Υ": "\\Upsilon", "Φ": "\\Phi", "Ψ": "\\Psi", "Ω": "\\Omega", "∆": "\\Delta",
            "Α": "\\mathrm{A}", "Β": "\\mathrm{B}", "Ε": "\\mathrm{E}", "Ζ": "\\mathrm{Z}", "Η": "\\mathrm{H}",
            "Ι": "\\mathrm{I}", "Κ": "\\mathrm{K}", "Μ": "\\mathrm{M}", "Ν": "\\mathrm{N}", "Ο": "\\mathrm{O}",
            "Ρ": "\\mathrm{P}", "Τ": "\\mathrm{T}", "Χ": "\\mathrm{X}",
            // Operators and relations
            "∂": "\\partial", "∇": "\\nabla", "√": "\\surd", "∑": "\\sum", "∏": "\\prod", "∫": "\\int",
            "·": "\\cdot", "⋅": "\\cdot", "∘": "\\circ", "∗": "\\ast", "−": "-", "∓": "\\mp", "×": "\\times",
            "≠": "\\neq", "≡": "\\equiv", "≈": "\\approx", "≃": "\\simeq", "≅": "\\cong", "∼": "\\sim", "∝": "\\propto",
            "≤": "\\le", "≥": "\\ge", "≦": "\\le", "≧": "\\ge", "≪": "\\ll", "≫": "\\gg", "∈": "\\in", "∉": "\\notin",
            "∋": "\\ni", "⊂": "\\subset", "⊃": "\\supset", "⊆": "\\subseteq", "⊇": "\\supseteq", "∪": "\\cup",
            "∩": "\\cap", "∅": "\\emptyset", "∀": "\\forall", "∃": "\\exists", "∧": "\\wedge", "∨": "\\vee",
            "⊕": "\\oplus", "⊗": "\\otimes", "⊙": "\\odot", "⊥": "\\perp", "∥": "\\parallel", "∣": "\\mid",
            "‖": "\\|", "⟨": "\\langle", "⟩": "\\rangle", "⌊": "\\lfloor", "⌋": "\\rfloor", "⌈": "\\lceil",
            "⌉": "\\rceil", "∞": "\\infty", "ℓ": "\\ell", "ℏ": "\\hbar", "∠": "\\angle", "⋯": "\\cdots",
            "○": "\\bigcirc", "✱": "\\ast", "▸": "\\triangleright", "⋮": "\\vdots", "⋱": "\\ddots", "∶": ":", "∕": "/", "∖": "\\setminus", "⋆": "\\star", "†": "\\dagger",
            "ℝ": "\\mathbf{R}", "ℕ": "\\mathbf{N}", "ℤ": "\\mathbf{Z}", "ℚ": "\\mathbf{Q}", "ℂ": "\\mathbf{C}",
            // Arrows
            "→": "\\to", "←": "\\leftarrow", "↑": "\\uparrow", "↓": "\\downarrow", "↔": "\\leftrightarrow",
            "↦": "\\mapsto", "⇒": "\\Rightarrow", "⇐": "\\Leftarrow", "⇔": "\\Leftrightarrow", "⟶": "\\longrightarrow",
            "⟵": "\\longleftarrow", "⟹": "\\Longrightarrow", "↗": "\\nearrow", "↘": "\\searrow",
            // Sub- and superscripts
            "⁰": "^0", "¹": "^1", "²": "^2", "³": "^3", "⁴": "^4", "⁵": "^5", "⁶": "^6", "⁷": "^7", "⁸": "^8",
            "⁹": "^9", "⁺": "^+", "⁻": "^-", "⁼": "^=", "⁽": "^(", "⁾": "^)", "ⁿ": "^n", "ⁱ": "^i",
            "₀": "_0", "₁": "_1", "₂": "_2", "₃": "_3", "₄": "_4", "₅": "_5", "₆": "_6", "₇": "_7", "₈": "_8",
            "₉": "_9", "₊": "_+", "₋": "_-", "₌": "_=", "₍": "_(", "₎": "_)", "ₐ": "_a", "ₑ": "_e", "ₒ": "_o",
            "ₓ": "_x", "ₕ": "_h", "ₖ": "_k", "ₗ": "_l", "ₘ": "_m", "ₙ": "_n", "ₚ": "_p", "ₛ": "_s", "ₜ": "_t",
            "ᵢ": "_i", "ⱼ": "_j",
        ]
        for (character, command) in math { symbols[character] = "$\(command)$" }
        return symbols
    }()
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
