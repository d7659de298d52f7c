import Foundation
import TraceEngine

/// The network as a TikZ picture laid out as ``NetworkDiagram`` lays out its SVG: a column of
/// units per layer, each weight's label `W{l}[j,i] = value` along its own edge at the sending
/// end, each unit's bias beneath it; scaled down to the line width when wider.
enum TikZNetworkDiagram {
    static func tikz(_ network: Network) -> String {
        let sizes = [network.inputCount] + network.layers.map(\.unitCount)
        // The SVG's layout in its pixels; one pixel is 0.7 pt here.
        let columnGap = 250.0, rowGap = 110.0, radius = 22.0, margin = 60.0
        let tallest = Double(sizes.max() ?? 1)
        let height = margin * 2 + rowGap * (tallest - 1) + 30
        func center(_ column: Int, _ unit: Int) -> (x: Double, y: Double) {
            let offset = (tallest - Double(sizes[column])) * rowGap / 2
            return (margin + columnGap * Double(column), -(margin + offset + rowGap * Double(unit)))
        }
        let n = PGFStyle.number
        func at(_ x: Double, _ y: Double) -> String { "(\(n(x)),\(n(y)))" }
        var tex = "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n"
        tex += "\\begin{tikzpicture}[x=0.7pt, y=0.7pt, font=\\small]\n"
        var labels = ""
        for (l, layer) in network.layers.enumerated() {
            for j in 0..<layer.unitCount {
                for i in 0..<layer.inputCount {
                    let from = center(l, i), to = center(l + 1, j)
                    let length = hypot(to.x - from.x, to.y - from.y)
                    let ux = (to.x - from.x) / length, uy = (to.y - from.y) / length
                    tex += "\\draw[black!46, line width=0.7pt] \(at(from.x + ux * radius, from.y + uy * radius)) -- \(at(to.x - ux * radius, to.y - uy * radius));\n"
                    let start = radius + 12
                    let angle = atan2(uy, ux) * 180 / Double.pi
                    let text = "W\(l + 1)[\(j + 1),\(i + 1)] = \(NumberFormat.significant(layer.weights[j][i], digits: 3))"
                    labels += "\\node[anchor=south west, rotate=\(n(angle)), inner sep=1pt, fill=white, font=\\scriptsize] at \(at(from.x + ux * start, from.y + uy * start)) {\(LaTeXText.escape(text))};\n"
                }
            }
        }
        for (column, size) in sizes.enumerated() {
            for unit in 0..<size {
                let c = center(column, unit)
                let fill = column == 0 ? "blue!6" : "orange!10"
                tex += "\\draw[fill=\(fill), draw=black!80, line width=0.8pt] \(at(c.x, c.y)) circle[radius=\(n(radius))];\n"
                tex += "\\node at \(at(c.x, c.y)) {a\(column)[\(unit + 1)]};\n"
                if column > 0 {
                    let bias = "b\(column)[\(unit + 1)] = \(NumberFormat.significant(network.layers[column - 1].biases[unit], digits: 3))"
                    tex += "\\node[text=black!67] at \(at(c.x, c.y - radius - 12)) {\(LaTeXText.escape(bias))};\n"
                }
            }
            let title = column == 0 ? "input" : "layer \(column) (\(network.layers[column - 1].activation.rawValue))"
            tex += "\\node[text=black!67] at \(at(center(column, 0).x, -(height - 14))) {\(LaTeXText.escape(title))};\n"
        }
        return tex + labels + "\\end{tikzpicture}}\n"
    }
}
