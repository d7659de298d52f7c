import TraceEngine

/// One figure of a document, as data: what the engine recorded, before any format draws it.
/// Every writer draws the same figure from the same data: HTML inlines ``svg``, Markdown links
/// ``svg`` saved as a file beside the page (``FigureFiles``), LaTeX draws ``latex`` with
/// pgfplots and TikZ. A new figure is a new ``Block`` of one of these kinds, and so appears in
/// every format without a writer changing.
public enum Figure: Sendable {
    /// Values per update, one series per line (``LinePlot``, ``PGFLinePlot``).
    case plot(label: String, series: [PlotSeries], caption: String)
    /// Optimizers' paths over a two-weight objective's contours (``ContourPlot``, ``PGFContourPlot``).
    case trajectories(ContourFigure)
    /// The network with its initial parameters (``NetworkDiagram``, drawn by ``NetworkSVG`` and ``NetworkTikZ``).
    case network(Network)
    /// A sample's forward and backward pass on the network (``PassDiagram``).
    case passes(PassFigure)

    /// The figure's title, as its SVG `<title>` and a Markdown image's alternative text.
    public var title: String {
        switch self {
        case let .plot(label, _, _): return "\(label) per update"
        case let .trajectories(figure): return "Paths of \(figure.paths.map(\.name).joined(separator: ", ")) over the loss contours"
        case .network: return "The network and its initial parameters"
        case let .passes(figure): return PassDiagram.title(figure)
        }
    }

    /// A short name to choose the figure by (`trace handout adam --format svg --figure loss`):
    /// `network`, `paths`, `passes`, or a plot's label in lower-case ASCII (`loss`, `eta` for η, `factor`).
    public var name: String {
        switch self {
        case .network: return "network"
        case .trajectories: return "paths"
        case .passes: return "passes"
        case let .plot(label, _, _): return Self.slug(label)
        }
    }

    /// `text` as a name: Greek letters spelt out, letters and digits kept in lower case, every
    /// other run of characters one hyphen (`η` → `eta`, `loss (log)` → `loss-log`).
    static func slug(_ text: String) -> String {
        let greek: [Character: String] = ["α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
                                          "η": "eta", "λ": "lambda", "μ": "mu", "ρ": "rho", "σ": "sigma"]
        var out = ""
        for character in text.lowercased() {
            if let word = greek[character] {
                out += word
            } else if character.isASCII, character.isLetter || character.isNumber {
                out.append(character)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "figure" : out
    }

    /// The sentence under the figure.
    public var caption: String {
        switch self {
        case let .plot(_, _, caption): return caption
        case .trajectories:
            return "Each update's (w₁, w₂) over contours of the loss, both axes to one scale; ○ marks the start and ✱ the minimum."
        case let .network(network): return NetworkDiagram.caption(network)
        case let .passes(figure): return PassDiagram.caption(figure)
        }
    }

    /// The figure as a standalone SVG document (no XML declaration), with `<title>` and `<desc>`.
    public var svg: String {
        switch self {
        case let .plot(label, series, _): return LinePlot.svg(series, label: label)
        case let .trajectories(figure): return ContourPlot.svg(figure)
        case let .network(network): return NetworkDiagram.svg(network)
        case let .passes(figure): return PassDiagram.svg(figure)
        }
    }

    /// ``svg`` and ``caption``, for a writer that shows both: a network's come from one layout
    /// of its labels, worked out once.
    public var svgAndCaption: (svg: String, caption: String) {
        guard case let .network(network) = self else { return (svg, caption) }
        let layout = NetworkDiagram.layout(network)
        return (NetworkDiagram.svg(network, layout: layout), NetworkDiagram.caption(network, layout: layout))
    }

    /// The figure as a `tikzpicture` (pgfplots for plots), from the same ticks, palette, dash
    /// patterns and markers as ``svg``; needs ``PGFStyle/preamble``.
    public var latex: String {
        switch self {
        case let .plot(label, series, _): return PGFLinePlot.tikz(series, label: label)
        case let .trajectories(figure): return PGFContourPlot.tikz(figure)
        case let .network(network): return NetworkDiagram.tikz(network)
        case let .passes(figure): return PassDiagram.tikz(figure)
        }
    }
}

extension Block {
    /// The figure this block draws, or `nil` for text, tables and structure.
    public var figure: Figure? {
        switch self {
        case let .plot(label, series, caption): return .plot(label: label, series: series, caption: caption)
        case let .trajectories(figure): return .trajectories(figure)
        case let .network(network): return .network(network)
        case let .passes(figure): return .passes(figure)
        default: return nil
        }
    }
}
