import Foundation

/// A network drawing as geometry: where each unit, edge, arrowhead and text goes, in pixels with
/// y growing downwards. ``NetworkSVG`` and ``NetworkTikZ`` draw the same layout, so the HTML,
/// Markdown, SVG and LaTeX figures agree label for label; what the texts say comes from the
/// figure (``NetworkDiagram`` for the initial parameters, ``PassDiagram`` for a sample's passes).
///
/// A panel draws a column of units per layer; panels stack downwards. Each edge's label lies
/// along its own edge, as near the sending unit as it can without touching another edge, unit or
/// text (``LabelPlacement``); where no place on the edge is free, beside it with a leader line.
/// Where even that fails (wide layers, many crossings), the units are spread further apart,
/// up to 2.5 times, until every text has a free place.
struct NetworkLayout: Sendable {
    /// What one panel shows: per column its units' names, the lines beneath each unit, a title;
    /// per weight `W{l}[j,i]` (l from 1) its edge's label; and which way the edges point.
    struct Panel: Sendable {
        /// Units per column, the input first.
        var sizes: [Int]
        /// `[column][unit]`: the name inside the unit's circle.
        var unitNames: [[String]]
        /// `[column][unit]`: lines of text beneath the unit (a bias, a value).
        var notes: [[[String]]]
        /// `[l − 1][j][i]`: the label of the edge from unit i of column l − 1 to unit j of column l.
        var edgeLabels: [[[String]]]
        /// Beneath each column.
        var columnTitles: [String]
        /// Above the panel, at its left.
        var heading: String?
        var arrows: Arrows = .none
    }

    /// Which end of each edge has an arrowhead.
    enum Arrows: Sendable {
        case none
        /// Into the receiving unit: values flow forward.
        case forward
        /// Into the sending unit: values flow back.
        case backward
    }

    struct Unit: Sendable {
        var center: DrawingPoint
        var isInput: Bool
    }

    struct Edge: Sendable {
        var start: DrawingPoint
        var end: DrawingPoint
        /// A filled triangle, its tip on a unit's circle.
        var arrowhead: [DrawingPoint]?
    }

    /// What a text is, which sets its size and colour in every writer.
    enum TextRole: Sendable {
        /// Inside a unit's circle, 12 px.
        case unitName
        /// Beneath a unit, 12 px, grey.
        case note
        /// Along or beside an edge, 11 px, on a white halo.
        case edgeLabel
        /// Beneath a column, 12 px, grey.
        case columnTitle
        /// A panel's heading, 13 px, bold.
        case heading

        /// How wide `text` is drawn in this role (bold is about a tenth wider).
        func width(_ text: String) -> Double {
            TextMeasure.width(text, size: size) * (self == .heading ? 1.1 : 1)
        }

        /// The font size in pixels.
        var size: Double {
            switch self {
            case .unitName, .note, .columnTitle: return 12
            case .edgeLabel: return 11
            case .heading: return 13
            }
        }
    }

    struct Text: Sendable {
        var text: String
        /// The middle of the text's left end (`centred` false) or of the whole text, before rotation.
        var position: DrawingPoint
        var centred: Bool
        /// Degrees, clockwise on the page, about `position`.
        var angle: Double = 0
        var role: TextRole
        /// A thin line from the text to the point of the edge it labels, when it lies beside it.
        var leader: (from: DrawingPoint, to: DrawingPoint)?
    }

    static let columnGap = 250.0, rowGap = 110.0, radius = 22.0, margin = 60.0, lineGap = 14.0
    /// The spreads tried in turn: the gaps between columns and between units, times these.
    static let spreads = [1.0, 1.25, 1.5, 2, 2.5]

    /// How far apart the units are, as a multiple of ``columnGap`` and ``rowGap``.
    private(set) var spread = 1.0
    /// How many texts found no free place (and so lie where they touch something).
    private(set) var crowded = 0

    private(set) var width = 0.0
    private(set) var height = 0.0
    private(set) var units: [Unit] = []
    private(set) var edges: [Edge] = []
    private(set) var texts: [Text] = []

    /// The panels, one beneath the other, at the first spread where every text finds a free place.
    init(panels: [Panel]) {
        for spread in Self.spreads {
            self = NetworkLayout(panels: panels, spread: spread)
            if crowded == 0 { return }
        }
    }

    private init(panels: [Panel], spread: Double) {
        self.spread = spread
        for panel in panels { add(panel, top: height) }
    }

    private mutating func add(_ panel: Panel, top: Double) {
        let sizes = panel.sizes
        let tallest = Double(sizes.max() ?? 1)
        let noteLines = panel.notes.flatMap { $0.map(\.count) }.max() ?? 1
        let headingSpace = panel.heading == nil ? 0.0 : 18
        let columnGap = Self.columnGap * spread, rowGap = Self.rowGap * spread
        let panelHeight = Self.margin * 2 + rowGap * (tallest - 1) + 30 + Self.lineGap * Double(max(0, noteLines - 1)) + headingSpace
        let headingWidth = panel.heading.map { 24 + TextRole.heading.width($0) } ?? 0
        width = max(width, Self.margin * 2 + columnGap * Double(sizes.count - 1), headingWidth)
        height = top + panelHeight
        func center(_ column: Int, _ unit: Int) -> DrawingPoint {
            let offset = (tallest - Double(sizes[column])) * rowGap / 2
            return DrawingPoint(x: Self.margin + columnGap * Double(column), y: top + headingSpace + Self.margin + offset + rowGap * Double(unit))
        }
        var placement = LabelPlacement(width: width, height: height)
        placement.avoid(texts: texts)

        let r = Self.radius
        var panelEdges: [(edge: Edge, label: String)] = []
        for l in 1..<sizes.count {
            for j in 0..<sizes[l] {
                for i in 0..<sizes[l - 1] {
                    let from = center(l - 1, i), to = center(l, j)
                    let u = (to - from) * (1 / (to - from).length)
                    let start = from + u * r, end = to - u * r
                    let arrowhead: [DrawingPoint]?
                    switch panel.arrows {
                    case .none: arrowhead = nil
                    case .forward: arrowhead = Self.arrowhead(tip: end, direction: u)
                    case .backward: arrowhead = Self.arrowhead(tip: start, direction: u * -1)
                    }
                    panelEdges.append((Edge(start: start, end: end, arrowhead: arrowhead), panel.edgeLabels[l - 1][j][i]))
                }
            }
        }
        for (column, size) in sizes.enumerated() {
            for unit in 0..<size {
                let c = center(column, unit)
                units.append(Unit(center: c, isInput: column == 0))
                placement.avoid(.circle(c, radius: r + 2))
                texts.append(Text(text: panel.unitNames[column][unit], position: c, centred: true, role: .unitName))
            }
        }
        for entry in panelEdges {
            placement.avoid(.segment(entry.edge.start, entry.edge.end))
            if let head = entry.edge.arrowhead { placement.avoid(ConvexShape(corners: head)) }
        }
        if let heading = panel.heading {
            let text = Text(text: heading, position: DrawingPoint(x: 12, y: top + 16), centred: false, role: .heading)
            texts.append(text)
            placement.avoid(text: text)
        }
        for (column, title) in panel.columnTitles.enumerated() {
            let text = Text(text: title, position: DrawingPoint(x: center(column, 0).x, y: height - 14), centred: true, role: .columnTitle)
            texts.append(text)
            placement.avoid(text: text)
        }
        for (column, size) in sizes.enumerated() {
            for unit in 0..<size {
                texts += placement.note(panel.notes[column][unit], unit: center(column, unit), radius: r, lineGap: Self.lineGap, reach: 64 * spread)
            }
        }
        for entry in panelEdges where !entry.label.isEmpty {
            texts.append(placement.label(entry.label, along: entry.edge.start, entry.edge.end))
        }
        edges += panelEdges.map(\.edge)
        crowded += placement.crowded
    }

    /// A triangle 8 px long and 7 px wide, its tip at `tip`, pointing along `direction`.
    static func arrowhead(tip: DrawingPoint, direction u: DrawingPoint) -> [DrawingPoint] {
        let n = DrawingPoint(x: -u.y, y: u.x)
        let base = tip - u * 8
        return [tip, base + n * 3.5, base - n * 3.5]
    }
}
