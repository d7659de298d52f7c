import Foundation

/// Finds places for a network drawing's texts where they touch nothing else: no edge, unit,
/// arrowhead or text already placed. Each text placed becomes an obstacle for the next.
///
/// An edge's label lies along its edge, just above or below it, as near the sending end as
/// is free (so it reads as that unit's outgoing weight); where the whole edge is taken, it
/// sits level beside the edge, joined to it by a leader line.
struct LabelPlacement {
    private let width: Double
    private let height: Double
    private var obstacles: [ConvexShape] = []
    /// How many texts found no free place.
    private(set) var crowded = 0

    /// Texts stay within `0…width` × `0…height`.
    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func avoid(_ shape: ConvexShape) { obstacles.append(shape) }

    mutating func avoid(text: NetworkLayout.Text) {
        obstacles.append(Self.outline(of: text))
        if let leader = text.leader { obstacles.append(.segment(leader.from, leader.to)) }
    }

    mutating func avoid(texts: [NetworkLayout.Text]) {
        for text in texts { avoid(text: text) }
    }

    /// The box a text covers: its measured width (1 px more at each end) by its line height.
    static func outline(of text: NetworkLayout.Text) -> ConvexShape {
        let size = text.role.size
        let w = text.role.width(text.text), h = TextMeasure.height(size: size)
        let radians = text.angle * Double.pi / 180
        let u = DrawingPoint(x: cos(radians), y: sin(radians)), n = DrawingPoint(x: -sin(radians), y: cos(radians))
        let along = text.centred ? -w / 2 - 1...w / 2 + 1 : -1...w + 1
        return .box(origin: text.position, u: u, n: n, along: along, across: -h / 2...h / 2)
    }

    private func isFree(_ shape: ConvexShape) -> Bool {
        shape.isInside(width: width, height: height) && !obstacles.contains { $0.overlaps(shape) }
    }

    /// A unit's note, its lines `lineGap` apart: beneath the unit, moved sideways off an edge
    /// in steps of 8 px up to `reach`; else above it the same way.
    mutating func note(_ lines: [String], unit center: DrawingPoint, radius: Double, lineGap: Double, reach: Double) -> [NetworkLayout.Text] {
        guard !lines.isEmpty else { return [] }
        let below = center.y + radius + 12, above = center.y - radius - 12 - lineGap * Double(lines.count - 1)
        func block(top: Double, shift: Double) -> [NetworkLayout.Text] {
            lines.enumerated().map { k, line in
                NetworkLayout.Text(text: line, position: DrawingPoint(x: center.x + shift, y: top + lineGap * Double(k)), centred: true, role: .note)
            }
        }
        let shifts = [0.0] + (1...max(1, Int(reach / 8))).flatMap { [-8 * Double($0), 8 * Double($0)] }
        var placed: [NetworkLayout.Text]?
        search: for top in [below, above] {
            for shift in shifts {
                let candidate = block(top: top, shift: shift)
                if candidate.allSatisfy({ isFree(Self.outline(of: $0)) }) {
                    placed = candidate
                    break search
                }
            }
        }
        if placed == nil { crowded += 1 }
        let texts = placed ?? block(top: below, shift: 0)
        avoid(texts: texts)
        return texts
    }

    /// The label of the edge from `start` to `end` (both on the units' circles).
    mutating func label(_ label: String, along start: DrawingPoint, _ end: DrawingPoint) -> NetworkLayout.Text {
        let free = onEdge(label, start, end) ?? beside(label, start, end)
        if free == nil { crowded += 1 }
        let placed = free ?? Self.alongEdge(label, start, end, at: 12, side: 1)
        avoid(text: placed)
        return placed
    }

    /// The gap between an edge and the middle of its label's line: the text's baseline 3 px off the edge.
    static let offset = 6.6

    /// The label along the edge, `distance` px from its start, on the side `side` (1 above, −1 below).
    static func alongEdge(_ label: String, _ start: DrawingPoint, _ end: DrawingPoint, at distance: Double, side: Double) -> NetworkLayout.Text {
        let u = (end - start) * (1 / (end - start).length)
        let above = DrawingPoint(x: u.y, y: -u.x)
        return NetworkLayout.Text(
            text: label, position: start + u * distance + above * (offset * side), centred: false,
            angle: atan2(u.y, u.x) * 180 / Double.pi, role: .edgeLabel)
    }

    /// The first free place along the edge, from its start in steps of 4 px, above before below.
    private func onEdge(_ label: String, _ start: DrawingPoint, _ end: DrawingPoint) -> NetworkLayout.Text? {
        let length = (end - start).length, w = NetworkLayout.TextRole.edgeLabel.width(label)
        var distance = 12.0
        while distance + w + 6 <= length {
            for side in [1.0, -1] {
                let text = Self.alongEdge(label, start, end, at: distance, side: side)
                if isFree(Self.outline(of: text)) { return text }
            }
            distance += 4
        }
        return nil
    }

    /// A level label beside the edge, 24 to 48 px off a point of it, with a leader line from the
    /// label's box to that point; the middle of the edge first.
    private func beside(_ label: String, _ start: DrawingPoint, _ end: DrawingPoint) -> NetworkLayout.Text? {
        let edge = end - start, length = edge.length
        let u = edge * (1 / length), above = DrawingPoint(x: u.y, y: -u.x)
        let size = NetworkLayout.TextRole.edgeLabel.size
        let halfWidth = NetworkLayout.TextRole.edgeLabel.width(label) / 2 + 1, halfHeight = TextMeasure.height(size: size) / 2
        for fraction in [0.5, 0.35, 0.65, 0.25, 0.75] {
            let point = start + edge * fraction
            for distance in [24.0, 36, 48] {
                for side in [1.0, -1] {
                    let centre = point + above * (distance * side)
                    // The leader runs from the point towards the centre and stops 2 px short of the box.
                    let toward = point - centre
                    let scale = min(halfWidth / max(abs(toward.x), 1e-9), halfHeight / max(abs(toward.y), 1e-9))
                    guard scale < 1 else { continue }
                    let boxEnd = centre + toward * scale, gap = toward * (2 / toward.length)
                    let text = NetworkLayout.Text(
                        text: label, position: centre, centred: true, role: .edgeLabel, leader: (from: boxEnd + gap, to: point))
                    // The leader's own end touches its edge; 2 px short of it must touch nothing.
                    if isFree(Self.outline(of: text)), isFree(.segment(boxEnd + gap, point - gap)) { return text }
                }
            }
        }
        return nil
    }
}
