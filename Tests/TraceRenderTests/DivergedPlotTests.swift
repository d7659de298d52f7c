import Foundation
import FoundationXML
import ReferenceFixtures
import Testing
import TraceEngine
@testable import TraceRender

/// A diverged run's loss figure: the numpy reference's `1-1-diverge-gd` (gd, η = 50: the loss
/// climbs from 1.47 through 10³⁰⁵ to inf at t = 60) drawn within its meaningful values, the line
/// inside the plot, the divergence marked, in SVG and in pgfplots.
@Suite struct DivergedPlotTests {
    /// The reference's losses, `"inf"` read as infinity, and the step it diverged at.
    func referenceLosses() throws -> (series: PlotSeries, divergedAt: Int) {
        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent("expected/1-1-diverge-gd.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try #require(expected["steps"] as? [[String: Any]])
        let divergedAt = try #require(expected["diverged_at"] as? Int)
        let points = try steps.map { step -> (t: Int, value: Double) in
            let t = try #require(step["t"] as? Int)
            if let loss = step["loss"] as? Double { return (t, loss) }
            #expect(step["loss"] as? String == "inf")
            return (t, .infinity)
        }
        return (PlotSeries(name: "loss", points: points, divergedAt: divergedAt), divergedAt)
    }

    @Test func lineStaysInsideTheViewAndTheDivergenceIsMarked() throws {
        let (series, divergedAt) = try referenceLosses()
        let first = try #require(series.points.first?.value)
        let axis = ValueAxis(series: [series])
        // The view reaches 1000 times the first loss, ends at round ticks, spans a few decades.
        #expect(axis.isLogarithmic)
        let top = try #require(axis.ticks.last), bottom = try #require(axis.ticks.first)
        #expect(top >= 1000 * first && top <= 10_000 * first, "top \(top)")
        #expect(bottom <= first && top / bottom <= 1e5, "\(bottom) … \(top)")

        let document = try XMLDocument(xmlString: LinePlot.svg([series], label: "loss"), options: [])
        func number(_ node: XMLNode, _ name: String) -> Double { Double((try? node.nodes(forXPath: "@\(name)").first?.stringValue) ?? "") ?? .nan }
        // The axes: the y axis runs from the top of the plot to its bottom, the x axis along the bottom.
        let lines = try document.nodes(forXPath: "/*/*[local-name()='line' and @stroke='#333']")
        let yAxis = try #require(lines.first { number($0, "x1") == number($0, "x2") && number($0, "y2") - number($0, "y1") > 100 })
        let xAxis = try #require(lines.first { number($0, "y1") == number($0, "y2") && number($0, "x2") - number($0, "x1") > 100 })
        let (x0, x1, y0, y1) = (number(xAxis, "x1"), number(xAxis, "x2"), number(yAxis, "y1"), number(yAxis, "y2"))
        let polylines = try document.nodes(forXPath: "/*/*[local-name()='polyline']")
        #expect(polylines.count == 1, "the line leaves the top once and never comes back")
        for polyline in polylines {
            for pair in (try polyline.nodes(forXPath: "@points").first?.stringValue ?? "").split(separator: " ") {
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                #expect(xy.count == 2 && x0 <= xy[0] && xy[0] <= x1 && y0 - 0.01 <= xy[1] && xy[1] <= y1 + 0.01, "\(pair) outside \(x0)…\(x1) × \(y0)…\(y1)")
            }
        }
        let markers = try document.nodes(forXPath: "/*/*[local-name()='circle']")
        #expect(!markers.isEmpty)
        for marker in markers { #expect(y0 <= number(marker, "cy") && number(marker, "cy") <= y1) }
        // An arrowhead at the top where it leaves; a dashed line at t = 60 with its words.
        #expect(try document.nodes(forXPath: "/*/*[local-name()='polygon']").count == 1)
        let dashed = try #require(try document.nodes(forXPath: "/*/*[local-name()='line' and @stroke-dasharray]").first)
        #expect(abs(number(dashed, "y1") - y0) < 0.01 && abs(number(dashed, "y2") - y1) < 0.01)
        #expect(try document.nodes(forXPath: "/*/*[local-name()='text' and .='diverged at t = \(divergedAt)']").count == 1)
        let desc = try #require(try document.nodes(forXPath: "/*/*[local-name()='desc']").first?.stringValue)
        #expect(desc.contains("From t = 2 its values lie above the plot's top"), "\(desc)")
        #expect(desc.contains("loss diverged at t = \(divergedAt)"), "\(desc)")

        // pgfplots draws the same: the axis ends at the same ticks, no coordinate beyond them.
        let tikz = PGFLinePlot.tikz([series], label: "loss")
        #expect(tikz.contains("ymax=\(PGFStyle.number(top))") && tikz.contains("ymin=\(PGFStyle.number(bottom))"))
        #expect(tikz.contains("(axis cs:\(divergedAt),\(PGFStyle.number(top)))"))
        let coordinates = tikz.matches(of: /\((\d+(?:\.\d+)?),([-0-9.e+]+)\)/).compactMap { Double($0.output.2) }
        #expect(!coordinates.isEmpty)
        for y in coordinates { #expect(y >= bottom * (1 - 1e-9) && y <= top * (1 + 1e-9), "pgfplots coordinate \(y) outside the view") }
    }

    /// A line cut at the view: crossing the top it ends there (leaving), coming back it starts
    /// there again; a line wholly inside is one piece, its points as they were.
    @Test func clippingCutsWhereTheLineLeaves() {
        let pieces = LinePlot.clipped([(0, 0.5), (1, 1.5), (2, 0.5), (3, 3), (4, 2)])
        #expect(pieces.count == 2)
        func near(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-8 } }
        #expect(near(pieces[0].points.map(\.t), [0, 0.5]) && pieces[0].points.map(\.fraction) == [0.5, 1] && pieces[0].leavesTop)
        #expect(near(pieces[1].points.map(\.t), [1.5, 2, 2.2]) && pieces[1].points.map(\.fraction) == [1, 0.5, 1])
        #expect(pieces[1].leavesTop, "it leaves again between t = 2 and 3")
        let inside: [(t: Double, fraction: Double)] = [(1, 0.2), (2, 0.9), (3, 0)]
        let whole = LinePlot.clipped(inside)
        #expect(whole.count == 1 && whole[0].points.map(\.fraction) == [0.2, 0.9, 0] && !whole[0].leavesTop)
        #expect(LinePlot.clipped([(1, 2), (2, 3)]).isEmpty, "wholly above: nothing drawn")
    }

    /// A loss that climbs to 10³⁰⁵ without diverging (59 steps) keeps every value in view: ticks
    /// every 50 decades between the powers of ten either side, all finite, labelled.
    @Test func hundredsOfDecadesWithoutOverflow() throws {
        let (series, _) = try referenceLosses()
        let finite = PlotSeries(name: "loss", points: series.points.filter(\.value.isFinite))
        let axis = ValueAxis(series: [finite])
        #expect(axis.ticks.allSatisfy { $0.isFinite })
        #expect(axis.ticks.first == 1 && axis.ticks.last == 1e306)
        #expect(axis.ticks.map { log10($0).rounded() } == [0, 50, 100, 150, 200, 250, 306])
        #expect(axis.label(1e306) == "10³⁰⁶")
        #expect(!LinePlot.svg([finite], label: "loss").isEmpty)
    }
}
