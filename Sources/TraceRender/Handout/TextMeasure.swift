/// How wide a line of text is drawn in DejaVu Sans, the figures' font, so that a layout can
/// keep labels apart before any renderer has set them. Widths are the font's advance widths in
/// ems; a character not listed counts as 0.65 em, wider than most.
///
/// ```
/// width(text, size) = size · Σ advance(c)
/// ```
/// LaTeX sets the same labels in Latin Modern, whose characters are narrower, so a layout that
/// fits here fits there too.
enum TextMeasure {
    static func width(_ text: String, size: Double) -> Double {
        size * text.reduce(0) { $0 + (asciiAdvances[$1] ?? advance($1)) }
    }

    /// The advance of `character`, in ems.
    private static func advance(_ character: Character) -> Double { advances[character] ?? 0.65 }

    /// ``advance(_:)`` of each one-byte character, by its byte.
    private static let asciiAdvances = ASCIICharacterTable(advance)

    /// The height a line of text takes, ascender to descender: 1.15 em.
    static func height(size: Double) -> Double { size * 1.15 }

    /// DejaVu Sans's advance widths (units per em 2048), in ems.
    static let advances: [Character: Double] = {
        var table: [Character: Double] = [:]
        for digit in "0123456789" { table[digit] = 0.636 }
        let widths: [(String, Double)] = [
            (" .,·:;", 0.318), ("-", 0.361), ("=+−×", 0.838), ("[]()", 0.39), ("/", 0.337), ("…", 1.0),
            ("a", 0.613), ("bdgpq", 0.635), ("c", 0.55), ("e", 0.615), ("f", 0.352), ("hnu", 0.634),
            ("ijl", 0.278), ("k", 0.579), ("m", 0.974), ("o", 0.612), ("r", 0.411), ("s", 0.521),
            ("t", 0.392), ("vxy", 0.592), ("w", 0.818), ("z", 0.525),
            ("W", 0.989), ("ABCDEFGHKNPRSTUVXYZ", 0.72), ("IJ", 0.295), ("LO", 0.75), ("M", 0.863), ("Q", 0.787),
            ("δ", 0.612), ("η", 0.634), ("ŷ", 0.592), ("→←", 0.838), ("ₜ", 0.4),
        ]
        for (characters, width) in widths {
            for character in characters { table[character] = width }
        }
        return table
    }()
}
