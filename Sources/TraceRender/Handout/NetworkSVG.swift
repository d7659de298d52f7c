/// Draws a ``NetworkLayout`` as an SVG document: edges and their arrowheads, units, the texts
/// beneath them, headings, then the edge labels on top, each on a white halo so that an edge
/// passing near it does not strike through it.
enum NetworkSVG {
    static func svg(_ layout: NetworkLayout, title: String, description: String, label: String) -> String {
        func f(_ x: Double) -> String { NumberFormat.fixed(x, decimals: 1) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(layout.width)) \(f(layout.height))\" width=\"\(f(layout.width))\" height=\"\(f(layout.height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"12\">\n"
        svg += FigureText.titleAndDescription(title, description)
        for edge in layout.edges {
            svg += "<line x1=\"\(f(edge.start.x))\" y1=\"\(f(edge.start.y))\" x2=\"\(f(edge.end.x))\" y2=\"\(f(edge.end.y))\" stroke=\"#8a8a8a\" stroke-width=\"1.2\"/>\n"
            if let head = edge.arrowhead {
                svg += "<polygon points=\"\(head.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " "))\" fill=\"#6a6a6a\"/>\n"
            }
        }
        for unit in layout.units {
            svg += "<circle cx=\"\(f(unit.center.x))\" cy=\"\(f(unit.center.y))\" r=\"\(f(NetworkLayout.radius))\" fill=\"\(unit.isInput ? "#eef3fb" : "#fdf3e6")\" stroke=\"#333\" stroke-width=\"1.4\"/>\n"
        }
        // Edge labels last, over everything they might come near.
        let (labels, others) = (layout.texts.filter { $0.role == .edgeLabel }, layout.texts.filter { $0.role != .edgeLabel })
        for text in others + labels { svg += element(text, f) }
        return svg + "</svg>"
    }

    /// One text: its baseline a third of an em below the middle the layout gives.
    private static func element(_ text: NetworkLayout.Text, _ f: (Double) -> String) -> String {
        var out = ""
        if let leader = text.leader {
            out += "<line x1=\"\(f(leader.from.x))\" y1=\"\(f(leader.from.y))\" x2=\"\(f(leader.to.x))\" y2=\"\(f(leader.to.y))\" stroke=\"#6a6a6a\" stroke-width=\"0.8\"/>\n"
            out += "<circle cx=\"\(f(leader.to.x))\" cy=\"\(f(leader.to.y))\" r=\"1.8\" fill=\"#6a6a6a\"/>\n"
        }
        let size = text.role.size
        let anchor = text.centred ? " text-anchor=\"middle\"" : ""
        let style: String
        switch text.role {
        case .unitName: style = ""
        case .note, .columnTitle: style = " fill=\"#555\""
        case .heading: style = " font-size=\"13\" font-weight=\"bold\" fill=\"#1a1a1a\""
        case .edgeLabel: style = " font-size=\"11\" fill=\"#1a1a1a\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""
        }
        let x = f(text.position.x), y = f(text.position.y)
        if text.angle == 0 {
            out += "<text x=\"\(x)\" y=\"\(f(text.position.y + size / 3))\"\(anchor)\(style)>\(HTMLText.escape(text.text))</text>\n"
        } else {
            out += "<text x=\"\(x)\" y=\"\(y)\" dy=\"\(f(size / 3))\" transform=\"rotate(\(f(text.angle)) \(x) \(y))\"\(anchor)\(style)>\(HTMLText.escape(text.text))</text>\n"
        }
        return out
    }
}
