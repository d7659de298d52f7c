/// Text for a LaTeX document compiled by pdflatex: TeX's special characters escaped and the
/// Unicode symbols of the lecture (η, β₁, m̂, →, ½, …) written as math, since pdflatex reads
/// only Latin text. A character it cannot typeset becomes `?` rather than breaking the build.
public enum LaTeXText {
    /// Plain text: specials escaped, symbols mapped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": out += "\\\(character)"
            case "^": out += "\\^{}"
            case "~": out += "\\~{}"
            case "<": out += "\\textless{}"
            case ">": out += "\\textgreater{}"
            case "|": out += "\\textbar{}"
            case "\n", "\r", "\r\n": out += " "  // a blank line inside \section*{…} ends it early
            default: out += symbol(character)
            }
        }
        return out
    }

    static let symbols: [Character: String] = [
        "η": "$\\eta$", "β": "$\\beta$", "ρ": "$\\rho$", "ε": "$\\varepsilon$", "λ": "$\\lambda$", "δ": "$\\delta$",
        "γ": "$\\gamma$", "π": "$\\pi$", "σ": "$\\sigma$", "θ": "$\\theta$", "α": "$\\alpha$", "μ": "$\\mu$",
        "∂": "$\\partial$", "Σ": "$\\Sigma$", "ŷ": "$\\hat{y}$", "m̂": "$\\hat{m}$", "v̂": "$\\hat{v}$",
        "ₖ": "$_k$", "ₜ": "$_t$", "₀": "$_0$", "₁": "$_1$", "₂": "$_2$", "²": "$^2$", "¹": "$^1$", "ᵗ": "$^t$",
        "½": "$\\frac{1}{2}$", "→": "$\\to$", "←": "$\\leftarrow$", "·": "$\\cdot$", "−": "$-$", "′": "$'$",
        "√": "$\\surd$", "⌊": "$\\lfloor$", "⌋": "$\\rfloor$", "×": "$\\times$", "≤": "$\\le$", "≥": "$\\ge$",
        "≈": "$\\approx$", "∞": "$\\infty$", "…": "\\dots{}", "–": "--", "—": "---", "━": "-",
        "\u{00A0}": "~",
    ]

    static func symbol(_ character: Character) -> String {
        if let mapped = symbols[character] { return mapped }
        // pdflatex with T1 fonts handles ASCII and the Latin letters of Western languages.
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else { return "?" }
        if scalar.value < 0x80 {
            return scalar.value < 0x20 && scalar != "\n" && scalar != "\t" ? "" : String(character)
        }
        return (0xA0...0x17F).contains(scalar.value) || "‘’“”".contains(character) ? String(character) : "?"
    }
}
