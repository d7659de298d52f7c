import Foundation
import TraceEngine

/// The network as an SVG figure: a column of units per layer, every weight an edge whose label
/// `W{l}[j,i] = value` runs along its own edge at the sending end (where the edges of one unit fan
/// out and no edge of another unit has crossed yet), each unit's bias beneath it.
enum NetworkDiagram {
    static func svg(_ network: Network) -> String {
        let sizes = [network.inputCount] + network.layers.map(\.unitCount)
        let columnGap = 250.0, rowGap = 110.0, radius = 22.0, margin = 60.0
        let tallest = Double(sizes.max() ?? 1)
        let width = margin * 2 + columnGap * Double(sizes.count - 1)
        let height = margin * 2 + rowGap * (tallest - 1) + 30
        func center(_ column: Int, _ unit: Int) -> (x: Double, y: Double) {
            let offset = (tallest - Double(sizes[column])) * rowGap / 2
            return (margin + columnGap * Double(column), margin + offset + rowGap * Double(unit))
        }
        func f(_ x: Double) -> String { String(format: "%.1f", x) }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"Network diagram\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n"
        svg += FigureText.titleAndDescription("The network and its initial parameters", description(network))
        var labels = ""
        for (l, layer) in network.layers.enumerated() {
            for j in 0..<layer.unitCount {
                for i in 0..<layer.inputCount {
                    let from = center(l, i), to = center(l + 1, j)
                    let length = hypot(to.x - from.x, to.y - from.y)
                    let ux = (to.x - from.x) / length, uy = (to.y - from.y) / length
                    svg += "<line x1=\"\(f(from.x + ux * radius))\" y1=\"\(f(from.y + uy * radius))\" x2=\"\(f(to.x - ux * radius))\" y2=\"\(f(to.y - uy * radius))\" stroke=\"#8a8a8a\" stroke-width=\"1.2\"/>\n"
                    // The label starts just past the sending unit and lies along its edge, above it.
                    let start = radius + 12
                    let x = from.x + ux * start, y = from.y + uy * start
                    let angle = atan2(uy, ux) * 180 / Double.pi
                    let text = "W\(l + 1)[\(j + 1),\(i + 1)] = \(NumberFormat.significant(layer.weights[j][i], digits: 3))"
                    labels += "<text x=\"\(f(x))\" y=\"\(f(y))\" dy=\"-3\" transform=\"rotate(\(f(angle)) \(f(x)) \(f(y)))\" font-size=\"11\" fill=\"#1a1a1a\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(HTMLText.escape(text))</text>\n"
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

    /// The figure's caption, naming the network's own parameters, e.g. "W1[1,1] … W1[2,2] and
    /// b1[1] … b1[2]; W2[1,1] … W2[1,2] and b2[1]", and how to read one label.
    static func caption(_ network: Network) -> String {
        let layers = network.layers.enumerated().map { l, layer in
            "W\(l + 1)[1,1] … W\(l + 1)[\(layer.unitCount),\(layer.inputCount)] and b\(l + 1)[1]\(layer.unitCount > 1 ? " … b\(l + 1)[\(layer.unitCount)]" : "")"
        }
        let example = network.layers.last.map { last in
            let l = network.layers.count
            return " Each weight's label lies along its edge, next to the unit it comes from: W\(l)[1,\(last.inputCount)] connects a\(l - 1)[\(last.inputCount)] to a\(l)[1]."
        } ?? ""
        return "The network with its initial parameters: " + layers.joined(separator: "; ") + "." + example
    }

    /// In words: the layers, their activations and sizes, and every initial weight and bias.
    static func description(_ network: Network) -> String {
        var text = "A network with \(network.inputCount) input\(network.inputCount == 1 ? "" : "s")"
        for (l, layer) in network.layers.enumerated() {
            text += ", then layer \(l + 1): \(layer.unitCount) \(layer.activation.rawValue) unit\(layer.unitCount == 1 ? "" : "s")"
        }
        text += ". Initial parameters: "
        var values: [String] = []
        for (l, layer) in network.layers.enumerated() {
            for j in 0..<layer.unitCount {
                for i in 0..<layer.inputCount {
                    values.append("W\(l + 1)[\(j + 1),\(i + 1)] = \(NumberFormat.significant(layer.weights[j][i], digits: 3))")
                }
            }
            for j in 0..<layer.unitCount {
                values.append("b\(l + 1)[\(j + 1)] = \(NumberFormat.significant(layer.biases[j], digits: 3))")
            }
        }
        return text + values.joined(separator: ", ") + "."
    }
}
