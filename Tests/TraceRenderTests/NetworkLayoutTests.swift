import Foundation
import Testing
import TraceEngine
import TraceLessons
@testable import TraceRender

/// The network drawings' shared layout: no label touches an edge, a unit or another text, each
/// edge label lies along its own edge (or beside it with a leader line), everything within the
/// drawing; and the SVG and the TikZ picture draw the same texts at the same places.
@Suite struct NetworkLayoutTests {
    /// Every bundled lesson's network, and wider ones whose fans of edges cross early.
    static func networks() throws -> [(String, Network)] {
        var networks: [(String, Network)] = []
        for name in BundledLessons.names {
            if let lesson = try BundledLessons.lesson(named: name), lesson.objective == nil { networks.append((name, lesson.network)) }
        }
        for sizes in [[2, 3, 3], [3, 4, 3], [1, 3, 1], [2, 5, 2], [4, 2, 4, 1]] {
            var layers: [Layer] = []
            for l in 1..<sizes.count {
                var weights: [[Double]] = []
                for j in 0..<sizes[l] {
                    let row: [Double] = (0..<sizes[l - 1]).map { i in Double((j * 7 + i * 3) % 11 - 5) / 10 }
                    weights.append(row)
                }
                let biases: [Double] = (0..<sizes[l]).map { Double($0) / 10 }
                layers.append(Layer(activation: .sigmoid, weights: weights, biases: biases))
            }
            networks.append((sizes.map(String.init).joined(separator: "-"), Network(layers: layers, loss: .halfSSE)))
        }
        return networks
    }

    @Test func labelsTouchNothingAndStayOnTheirEdges() throws {
        for (name, network) in try Self.networks() {
            let layout = NetworkDiagram.layout(network)
            let segments = layout.edges.map { ConvexShape.segment($0.start, $0.end) }
            let circles = layout.units.map { ConvexShape.circle($0.center, radius: NetworkLayout.radius) }
            let labels = layout.texts.filter { $0.role == .edgeLabel }
            #expect(labels.count == layout.edges.count, "\(name): a label per weight")
            let outlines = layout.texts.map(LabelPlacement.outline(of:))
            for (k, text) in layout.texts.enumerated() where text.role != .unitName {
                let outline = outlines[k]
                #expect(outline.isInside(width: layout.width, height: layout.height), "\(name): \(text.text) leaves the drawing")
                for (e, segment) in segments.enumerated() where outline.overlaps(segment) {
                    Issue.record("\(name): \(text.text) touches edge \(e)")
                }
                #expect(!circles.contains { $0.overlaps(outline) }, "\(name): \(text.text) touches a unit")
                for (m, other) in outlines.enumerated() where m != k && layout.texts[m].role != .unitName && other.overlaps(outline) {
                    Issue.record("\(name): \(text.text) touches \(layout.texts[m].text)")
                }
            }
            // The label of W{l}[j,i] lies along the edge from unit i to unit j, or points at it with its leader.
            for (label, edge) in zip(labels, layout.edges) {
                let u = (edge.end - edge.start) * (1 / (edge.end - edge.start).length)
                if let leader = label.leader {
                    let along = (leader.to - edge.start).x * u.x + (leader.to - edge.start).y * u.y
                    let across = (leader.to - edge.start).x * -u.y + (leader.to - edge.start).y * u.x
                    #expect(abs(across) < 1e-6 && along > 0 && along < (edge.end - edge.start).length, "\(name): \(label.text)'s leader ends on its edge")
                } else {
                    let offset = label.position - edge.start
                    let across = offset.x * -u.y + offset.y * u.x
                    #expect(abs(abs(across) - LabelPlacement.offset) < 1e-6, "\(name): \(label.text) lies along its edge")
                    #expect(abs(label.angle - atan2(u.y, u.x) * 180 / Double.pi) < 1e-9)
                }
            }
        }
    }

    /// The labels the bundled lessons' 2-2-1 and 2-2-2 networks always had stay where they were:
    /// at the sending end, above the edge, 12 px past the circle.
    @Test func uncrowdedLabelsSitAtTheSendingEnd() throws {
        let lesson = try #require(try BundledLessons.lesson(named: "default"))
        let layout = NetworkDiagram.layout(lesson.network)
        for (label, edge) in zip(layout.texts.filter { $0.role == .edgeLabel }, layout.edges) {
            #expect(label.leader == nil)
            let u = (edge.end - edge.start) * (1 / (edge.end - edge.start).length)
            let expected = edge.start + u * 12 + DrawingPoint(x: u.y, y: -u.x) * LabelPlacement.offset
            #expect((label.position - expected).length < 1e-9, "\(label.text)")
        }
    }

    /// The SVG and the TikZ picture draw the same texts, at the same points (TikZ's y upwards,
    /// 0.7 pt a pixel in both coordinates), at the same angles (TikZ's counter-clockwise).
    @Test func svgAndTikZDrawOneLayout() throws {
        for (name, network) in try Self.networks() {
            let layout = NetworkDiagram.layout(network)
            let tikz = NetworkDiagram.tikz(network)
            let svg = NetworkDiagram.svg(network)
            for text in layout.texts {
                let escaped = LaTeXText.escape(text.text)
                let at = "at (\(PGFStyle.number(text.position.x)),\(PGFStyle.number(-text.position.y))) {\(escaped)}"
                #expect(tikz.contains(at), "\(name): TikZ lacks \(at)")
                if text.angle != 0 { #expect(tikz.contains("rotate=\(PGFStyle.number(-text.angle))"), "\(name): \(text.text)") }
                #expect(svg.contains(">\(HTMLText.escape(text.text))</text>"), "\(name): SVG lacks \(text.text)")
                #expect(svg.contains("x=\"\(String(format: "%.1f", text.position.x))\""), "\(name): \(text.text)")
            }
            #expect(tikz.components(separatedBy: "circle[radius=22]").count - 1 == layout.units.count)
            #expect(svg.components(separatedBy: "<circle").count - 1 == layout.units.count + layout.texts.filter { $0.leader != nil }.count)
        }
    }
}
