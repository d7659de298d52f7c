import Foundation

/// What LaTeX figures share: the packages and the palette's named colours for the preamble, and
/// each ``SeriesStyle`` as pgfplots options (the same colour, dash pattern and marker as the SVG).
enum PGFStyle {
    /// Names of the eight Okabe–Ito colours, in ``SeriesStyle/all``'s order.
    static let colourNames = ["okabeBlue", "okabeVermillion", "okabeGreen", "okabePurple",
                              "okabeOrange", "okabeSky", "okabeBlack", "okabeYellow"]

    /// Preamble lines (no final line break): pgfplots (which loads TikZ), arrow tips, and the palette as named colours.
    static var preamble: String {
        var lines = ["\\usepackage{pgfplots}", "\\pgfplotsset{compat=1.18}", "\\usetikzlibrary{arrows.meta}"]
        for (name, style) in zip(colourNames, SeriesStyle.all) {
            lines.append("\\definecolor{\(name)}{HTML}{\(style.colour.dropFirst())}")
        }
        lines.append("\\definecolor{contourLine}{HTML}{A9B7CC}")
        return lines.joined(separator: "\n")
    }

    /// The colour name of series `index`.
    static func colour(_ index: Int) -> String { colourNames[index % colourNames.count] }

    /// The line options of series `index`: colour, width, dash pattern (SVG pixels as 0.75 pt).
    static func line(_ index: Int, width: Double) -> String {
        let style = SeriesStyle.of(index)
        let yellow = style.colour == "#F0E442"
        var options = "color=\(colour(index)), line width=\(number((yellow ? width + 0.8 : width) * 0.75))pt"
        let lengths = style.dashes.split(separator: " ").compactMap { Double($0) }
        if !lengths.isEmpty {
            let pattern = stride(from: 0, to: lengths.count - 1, by: 2).map {
                "on \(number(lengths[$0] * 0.75))pt off \(number(lengths[$0 + 1] * 0.75))pt"
            }.joined(separator: " ")
            options += ", dash pattern=\(pattern)"
        } else {
            options += ", solid"
        }
        return options
    }

    /// The marker options of series `index`, `size` in points: the same shape as the SVG's,
    /// filled with the series' colour and outlined in dark grey (the plus and cross stroked).
    static func marker(_ index: Int, size: Double) -> String {
        let style = SeriesStyle.of(index)
        let mark: String
        var extra = ""
        switch style.marker {
        case .circle: mark = "*"
        case .square: mark = "square*"
        case .triangleUp: mark = "triangle*"
        case .diamond: mark = "diamond*"
        case .triangleDown: mark = "triangle*"; extra = ", rotate=180"
        case .plus: mark = "+"
        case .cross: mark = "x"
        case .star: mark = "star"
        }
        let outline = style.marker.isStroked || style.marker == .star
            ? "draw=\(style.colour == "#F0E442" ? "okabeYellow!60!black" : colour(index)), line width=1pt"
            : "fill=\(colour(index)), draw=black!85, line width=0.4pt"
        return "mark=\(mark), mark size=\(number(size))pt, mark options={solid, \(outline)\(extra)}"
    }

    /// A coordinate or length for TeX: up to 6 significant digits, never `nan` or `inf`
    /// (callers leave non-finite values out).
    static func number(_ x: Double) -> String {
        var text = String(format: "%.6g", x)
        if text == "-0" { text = "0" }
        return text
    }

    /// A tick's label from the SVG axis's label (`0.05`, `-1`, `2·10⁻⁵`, `10⁴`), as LaTeX math.
    static func tickLabel(_ label: String) -> String {
        let superscripts: [Character: Character] = ["⁻": "-", "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
                                                     "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"]
        guard let first = label.firstIndex(where: { superscripts[$0] != nil }) else {
            return "$\(label)$"
        }
        let exponent = String(label[first...].compactMap { superscripts[$0] })
        let base = label[..<first].replacingOccurrences(of: "·", with: "\\cdot ")
        return "$\(base)^{\(exponent)}$"
    }
}
