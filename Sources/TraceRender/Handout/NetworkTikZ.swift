import Foundation

/// Draws a ``NetworkLayout`` as a TikZ picture, one layout pixel to `scale` points with y turned
/// upwards: the same edges, arrowheads, units and texts as ``NetworkSVG``, each text at its SVG
/// size times `scale`, so that the texts keep the room the layout gave them; scaled down to the
/// line width when wider.
enum NetworkTikZ {
    static func tikz(_ layout: NetworkLayout, scale: Double = 0.7) -> String {
        let n = PGFStyle.number
        func at(_ p: DrawingPoint) -> String { "(\(n(p.x)),\(n(-p.y)))" }
        func font(_ role: NetworkLayout.TextRole) -> String {
            let size = (role.size * scale * 10).rounded() / 10
            return "font=\\fontsize{\(n(size))}{\(n((size * 1.2 * 10).rounded() / 10))}\\selectfont" + (role == .heading ? "\\bfseries" : "")
        }
        var tex = "\\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%\n"
        tex += "\\begin{tikzpicture}[x=\(n(scale))pt, y=\(n(scale))pt]\n"
        for edge in layout.edges {
            tex += "\\draw[black!46, line width=0.7pt] \(at(edge.start)) -- \(at(edge.end));\n"
            if let head = edge.arrowhead {
                tex += "\\fill[black!58] " + head.map(at).joined(separator: " -- ") + " -- cycle;\n"
            }
        }
        for unit in layout.units {
            tex += "\\draw[fill=\(unit.isInput ? "blue!6" : "orange!10"), draw=black!80, line width=0.8pt] \(at(unit.center)) circle[radius=\(n(NetworkLayout.radius))];\n"
        }
        let (labels, others) = (layout.texts.filter { $0.role == .edgeLabel }, layout.texts.filter { $0.role != .edgeLabel })
        for text in others + labels {
            if let leader = text.leader {
                tex += "\\draw[black!58, line width=0.5pt] \(at(leader.from)) -- \(at(leader.to));\n"
                tex += "\\fill[black!58] \(at(leader.to)) circle[radius=1.8];\n"
            }
            var options = [text.centred ? "anchor=center" : "anchor=west"]
            if text.angle != 0 { options.append("rotate=\(n(-text.angle))") }
            switch text.role {
            case .unitName, .heading: break
            case .note, .columnTitle: options.append("text=black!67")
            case .edgeLabel: options += ["inner sep=1pt", "fill=white"]
            }
            options.append(font(text.role))
            tex += "\\node[\(options.joined(separator: ", "))] at \(at(text.position)) {\(LaTeXText.escape(text.text))};\n"
        }
        return tex + "\\end{tikzpicture}}\n"
    }
}
