import TraceEngine

/// The network as an SVG figure: a column of units per layer, every weight drawn as an edge
/// labelled `W{l}[j,i] = value`, each unit's bias beneath it.
enum NetworkDiagram {
    static func svg(_ network: Network) -> String {
        let sizes = [network.inputCount] + network.layers.map(\.unitCount)
        let columnGap = 230.0, rowGap = 110.0, radius = 22.0, margin = 60.0
        let tallest = Double(sizes.max() ?? 1)
        let width = margin * 2 + columnGap * Double(sizes.count - 1)
        let height = margin * 2 + rowGap * (tallest - 1) + 30
        func center(_ column: Int, _ unit: Int) -> (x: Double, y: Double) {
            let offset = (tallest - Double(sizes[column])) * rowGap / 2
            return (margin + columnGap * Double(column), margin + offset + rowGap * Double(unit))
        }
        func f(_ x: Double) -> String { String(format: "%.1f", x) }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"Network diagram\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n"
        var labels = ""
        for (l, layer) in network.layers.enumerated() {
            for j in 0..<layer.unitCount {
                for i in 0..<layer.inputCount {
                    let from = center(l, i), to = center(l + 1, j)
                    svg += "<line x1=\"\(f(from.x + radius))\" y1=\"\(f(from.y))\" x2=\"\(f(to.x - radius))\" y2=\"\(f(to.y))\" stroke=\"#8a8a8a\" stroke-width=\"1.2\"/>\n"
                    // Labels sit along the edge, nearer the unit they feed, staggered by source.
                    let share = 0.72 - 0.16 * Double(i) / Double(max(1, layer.inputCount - 1))
                    let x = from.x + radius + (to.x - radius - from.x - radius) * share
                    let y = from.y + (to.y - from.y) * share - 4
                    let text = "W\(l + 1)[\(j + 1),\(i + 1)] = \(NumberFormat.significant(layer.weights[j][i], digits: 3))"
                    labels += "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\" fill=\"#1a1a1a\" stroke=\"#fff\" stroke-width=\"4\" paint-order=\"stroke\">\(HTMLText.escape(text))</text>\n"
                }
            }
        }
        for (column, size) in sizes.enumerated() {
            for unit in 0..<size {
                let c = center(column, unit)
                let fill = column == 0 ? "#eef3fb" : "#fdf3e6"
                svg += "<circle cx=\"\(f(c.x))\" cy=\"\(f(c.y))\" r=\"\(f(radius))\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"1.4\"/>\n"
                svg += "<text x=\"\(f(c.x))\" y=\"\(f(c.y + 4))\" text-anchor=\"middle\">a\(column)[\(unit + 1)]</text>\n"
                if column > 0 {
                    let layer = network.layers[column - 1]
                    let bias = "b\(column)[\(unit + 1)] = \(NumberFormat.significant(layer.biases[unit], digits: 3))"
                    svg += "<text x=\"\(f(c.x))\" y=\"\(f(c.y + radius + 16))\" text-anchor=\"middle\" fill=\"#555\">\(HTMLText.escape(bias))</text>\n"
                }
            }
            let title = column == 0 ? "input" : "layer \(column) (\(network.layers[column - 1].activation.rawValue))"
            svg += "<text x=\"\(f(center(column, 0).x))\" y=\"\(f(height - 10))\" text-anchor=\"middle\" fill=\"#555\">\(HTMLText.escape(title))</text>\n"
        }
        return svg + labels + "</svg>"
    }
}
