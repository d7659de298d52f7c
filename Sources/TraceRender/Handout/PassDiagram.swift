import TraceEngine

/// A sample's two passes drawn one above the other on the same units: the forward pass (each
/// unit's `z` and `a`, the weights on the edges, arrows to the right), then the backward pass
/// (each unit's `δ`, arrows back towards the input, and on each edge `δ·a`, the sample's share
/// of that weight's gradient: `g` itself when the batch is the one sample). One
/// ``NetworkLayout``, drawn as SVG and as TikZ.
enum PassDiagram {
    static func layout(_ figure: PassFigure) -> NetworkLayout {
        let sizes = figure.sizes, sample = figure.sample
        func value(_ x: Double) -> String { NumberFormat.significant(x, digits: figure.digits) }
        let titles = sizes.indices.map { $0 == 0 ? "input" : "layer \($0) (\(figure.activations[$0 - 1]))" }
        let product = figure.batchCount == 1 ? "g" : "δ·a"
        let forward = NetworkLayout.Panel(
            sizes: sizes,
            unitNames: sizes.enumerated().map { column, size in (0..<size).map { "a\(column)[\($0 + 1)]" } },
            notes: sizes.enumerated().map { column, size in
                (0..<size).map { unit in
                    column == 0 ? ["x\(unit + 1) = \(value(sample.x[unit]))"]
                        : ["z = \(value(sample.layers[column - 1].z[unit]))", "a = \(value(sample.layers[column - 1].a[unit]))"]
                }
            },
            edgeLabels: figure.weights.enumerated().map { l, rows in
                rows.enumerated().map { j, row in row.enumerated().map { i, w in "W\(l + 1)[\(j + 1),\(i + 1)] = \(value(w))" } }
            },
            columnTitles: titles,
            heading: "Forward pass of sample \(sample.index): z = W·a + b, then a = f(z)",
            arrows: .forward)
        let backward = NetworkLayout.Panel(
            sizes: sizes,
            unitNames: sizes.enumerated().map { column, size in (0..<size).map { column == 0 ? "a0[\($0 + 1)]" : "δ\(column)[\($0 + 1)]" } },
            notes: sizes.enumerated().map { column, size in
                (0..<size).map { unit in column == 0 ? [] : ["δ = \(value(sample.layers[column - 1].delta[unit]))"] }
            },
            edgeLabels: figure.weights.enumerated().map { l, rows in
                rows.indices.map { j in rows[j].indices.map { i in "\(product) = \(value(sample.gradient(layer: l + 1, unit: j + 1, input: i + 1)))" } }
            },
            columnTitles: titles,
            heading: figure.batchCount == 1
                ? "Backward pass: δ flows back from the loss; on each edge g = δ·a"
                : "Backward pass: δ flows back from the loss; on each edge δ·a",
            arrows: .backward)
        return NetworkLayout(panels: [forward, backward])
    }

    static func title(_ figure: PassFigure) -> String {
        "Forward and backward pass of sample \(figure.sample.index) at t = \(figure.t)"
    }

    static func svg(_ figure: PassFigure) -> String {
        NetworkSVG.svg(layout(figure), title: title(figure), description: description(figure), label: "Forward and backward pass")
    }

    /// At 0.6 pt a pixel, smaller than the network's 0.7, so that both passes fit on a page with room to spare.
    static func tikz(_ figure: PassFigure) -> String { NetworkTikZ.tikz(layout(figure), scale: 0.6) }

    /// How to read it, with one of the figure's own weights as the example.
    static func caption(_ figure: PassFigure) -> String {
        let layers = figure.sample.layers.count
        let example = figure.products.first.map { p in
            " The edge of \(p.weight) carries \(p.deltaName)·\(p.activationName) = \(value(p.delta, figure))·\(value(p.activation, figure)) = \(value(p.product, figure))."
        } ?? ""
        let batch = figure.batchCount == 1
            ? " The batch is this one sample, so each edge's δ·a is its weight's g."
            : " The update's g is the mean of δ·a over the batch's \(figure.batchCount) samples (the worked example above)."
        let hidden = layers > 1 ? " A hidden unit's δ is f′(z) times the sum of W·δ over the edges that leave it." : ""
        return "Sample \(figure.sample.index) at t = \(figure.t), as recorded: above, the forward pass; below, the backward pass on the same units. The output's δ comes from the loss.\(hidden) Each weight's share of the gradient is the δ of the unit its edge enters times the a of the unit it leaves." + example + batch
    }

    /// In words: the sample, every unit's z, a and δ, every weight's δ·a.
    static func description(_ figure: PassFigure) -> String {
        let sample = figure.sample
        func v(_ x: Double) -> String { value(x, figure) }
        var text = "Two drawings of the network for sample \(sample.index) (x = (\(sample.x.map(v).joined(separator: ", "))), y = (\(sample.y.map(v).joined(separator: ", ")))) at update \(figure.t). Forward pass, left to right: "
        text += sample.layers.enumerated().flatMap { l, layer in
            layer.z.indices.map { j in "a\(l + 1)[\(j + 1)]: z = \(v(layer.z[j])), a = \(v(layer.a[j]))" }
        }.joined(separator: "; ")
        text += ". Backward pass, from the output back: "
        text += sample.layers.indices.reversed().flatMap { l in
            sample.layers[l].delta.indices.map { j in "δ\(l + 1)[\(j + 1)] = \(v(sample.layers[l].delta[j]))" }
        }.joined(separator: ", ")
        text += ". Each weight's δ·a: " + figure.products.map { "\($0.weight): \(v($0.product))" }.joined(separator: ", ") + "."
        return text
    }

    private static func value(_ x: Double, _ figure: PassFigure) -> String { NumberFormat.significant(x, digits: figure.digits) }
}
