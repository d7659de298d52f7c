import Foundation
import TraceEngine

/// The network with its initial parameters: a column of units per layer, every weight's label
/// `W{l}[j,i] = value` along its own edge near the unit it leaves (``LabelPlacement``), each
/// unit's bias beneath it. One ``NetworkLayout``, drawn as SVG and as TikZ.
enum NetworkDiagram {
    static func layout(_ network: Network) -> NetworkLayout {
        let sizes = [network.inputCount] + network.layers.map(\.unitCount)
        func value(_ x: Double) -> String { NumberFormat.significant(x, digits: 3) }
        let panel = NetworkLayout.Panel(
            sizes: sizes,
            unitNames: sizes.enumerated().map { column, size in (0..<size).map { "a\(column)[\($0 + 1)]" } },
            notes: sizes.enumerated().map { column, size in
                (0..<size).map { unit in column == 0 ? [] : ["b\(column)[\(unit + 1)] = \(value(network.layers[column - 1].biases[unit]))"] }
            },
            edgeLabels: network.layers.enumerated().map { l, layer in
                (0..<layer.unitCount).map { j in (0..<layer.inputCount).map { i in "W\(l + 1)[\(j + 1),\(i + 1)] = \(value(layer.weights[j][i]))" } }
            },
            columnTitles: sizes.indices.map { $0 == 0 ? "input" : "layer \($0) (\(network.layers[$0 - 1].activation.rawValue))" })
        return NetworkLayout(panels: [panel])
    }

    /// The diagram as SVG, from `layout` (``layout(_:)`` of `network`, when the caller has it).
    static func svg(_ network: Network, layout: NetworkLayout? = nil) -> String {
        NetworkSVG.svg(
            layout ?? self.layout(network), title: "The network and its initial parameters", description: description(network),
            label: "Network diagram")
    }

    static func tikz(_ network: Network) -> String { NetworkTikZ.tikz(layout(network)) }

    /// The figure's caption, naming the network's own parameters, e.g. "W1[1,1] … W1[2,2] and
    /// b1[1] … b1[2]; W2[1,1] … W2[1,2] and b2[1]", and how to read one label (from `layout`,
    /// ``layout(_:)`` of `network`, when the caller has it).
    static func caption(_ network: Network, layout: NetworkLayout? = nil) -> String {
        let layers = network.layers.enumerated().map { l, layer in
            "W\(l + 1)[1,1] … W\(l + 1)[\(layer.unitCount),\(layer.inputCount)] and b\(l + 1)[1]\(layer.unitCount > 1 ? " … b\(l + 1)[\(layer.unitCount)]" : "")"
        }
        let example = network.layers.last.map { last in
            let l = network.layers.count
            return " Each weight's label lies along its own edge, nearest the unit it comes from where no other edge or label is in the way\((layout ?? self.layout(network)).texts.contains { $0.leader != nil } ? " (where its edge has no room, beside it, joined by a thin line)" : ""): W\(l)[1,\(last.inputCount)] connects a\(l - 1)[\(last.inputCount)] to a\(l)[1]."
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
