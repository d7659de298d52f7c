import Foundation

/// A contour plot as SVG: contour lines of the loss (``MarchingSquares`` over the figure's fine
/// grid, levels log-spaced where the surface spans decades), both weight axes to the same scale
/// with round-number ticks, the minimum ✱, and each path in its own ``SeriesStyle`` with thinned
/// markers, a ring at its start, a large marker at its end and arrowheads showing its direction.
enum ContourPlot {
    /// The longer side of the plot area, in pixels.
    static let size = 420.0

    /// Pixels per unit of w₁ and of w₂: the same, so a gradient looks perpendicular to its contour.
    static func scale(_ figure: ContourFigure) -> (width: Double, height: Double, pixelsPerUnit: Double) {
        let spans = [figure.high[0] - figure.low[0], figure.high[1] - figure.low[1]]
        let perUnit = size / max(spans[0], spans[1])
        return (spans[0] * perUnit, spans[1] * perUnit, perUnit)
    }

    static func svg(_ figure: ContourFigure) -> String {
        let margin = 56.0, legendWidth = figure.paths.count > 1 ? 130.0 : 0
        let (plotWidth, plotHeight, perUnit) = scale(figure)
        let width = plotWidth + 2 * margin + legendWidth, height = plotHeight + 2 * margin + 14
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        func x(_ w1: Double) -> Double { margin + (w1 - figure.low[0]) * perUnit }
        func y(_ w2: Double) -> Double { margin + plotHeight - (w2 - figure.low[1]) * perUnit }
        func n(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }

        let contours = figure.contours
        let levels = contours.levels.map(\.level), logarithmic = contours.logarithmic

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"Paths over the loss contours\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n"
        var description = "Contours of the \(figure.objective.name) loss L over w₁ from \(n(figure.low[0])) to \(n(figure.high[0])) and w₂ from \(n(figure.low[1])) to \(n(figure.high[1])), at \(levels.count) levels \(logarithmic ? "spaced evenly in log L" : "evenly spaced") from \(levels.first.map(n) ?? "–") to \(levels.last.map(n) ?? "–"); the minimum ✱ is at (\(n(figure.minimum[0])), \(n(figure.minimum[1]))), where L = \(n(figure.objective.value(at: figure.minimum)))."
        for path in figure.paths {
            let finite = path.points.filter { $0.allSatisfy(\.isFinite) }
            guard let first = finite.first, let last = finite.last else { continue }
            description += " \(path.name) starts at (\(n(first[0])), \(n(first[1]))) and ends after \(finite.count - 1) updates at (\(n(last[0])), \(n(last[1]))), L = \(n(figure.objective.value(at: last)))."
            let leaves = visiblePrefix(finite, in: figure).count
            if leaves < finite.count {
                description += " It leaves the view after update \(leaves - 1)."
            }
        }
        svg += FigureText.titleAndDescription("Paths of \(figure.paths.map(\.name).joined(separator: ", ")) over the loss contours", description)
        svg += "<rect x=\"\(f(margin))\" y=\"\(f(margin))\" width=\"\(f(plotWidth))\" height=\"\(f(plotHeight))\" fill=\"#fbfbfb\" stroke=\"#333\"/>\n"

        // Contours: grid cell (column, row) maps to the plot through the grid's own spacing.
        let rows = figure.grid.count, columns = figure.grid.first?.count ?? 0
        if rows > 1, columns > 1 {
            let cellWidth = plotWidth / Double(columns - 1), cellHeight = plotHeight / Double(rows - 1)
            for contour in contours.levels {
                let d = contour.lines.map { line in
                    line.enumerated().map { k, p in
                        "\(k == 0 ? "M" : "L")\(f(margin + p.0 * cellWidth)) \(f(margin + plotHeight - p.1 * cellHeight))"
                    }.joined()
                }.joined()
                if !d.isEmpty { svg += "<path d=\"\(d)\" fill=\"none\" stroke=\"#a9b7cc\" stroke-width=\"0.9\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n" }
            }
        }
        // Ticks: one step on both axes, every tick a multiple of it.
        let ticks1 = NiceScale(low: figure.low[0], high: figure.high[0], step: figure.tickStep)
        let ticks2 = NiceScale(low: figure.low[1], high: figure.high[1], step: figure.tickStep)
        for tick in ticks1.ticks {
            svg += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(margin + plotHeight))\" x2=\"\(f(x(tick)))\" y2=\"\(f(margin + plotHeight + 4))\" stroke=\"#333\"/>\n"
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(margin + plotHeight + 16))\" text-anchor=\"middle\">\(ticks1.label(tick))</text>\n"
        }
        for tick in ticks2.ticks {
            svg += "<line x1=\"\(f(margin - 4))\" y1=\"\(f(y(tick)))\" x2=\"\(f(margin))\" y2=\"\(f(y(tick)))\" stroke=\"#333\"/>\n"
            svg += "<text x=\"\(f(margin - 7))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(ticks2.label(tick))</text>\n"
        }
        svg += "<text x=\"\(f(margin + plotWidth / 2))\" y=\"\(f(margin + plotHeight + 34))\" text-anchor=\"middle\">w₁</text>\n"
        svg += "<text x=\"\(f(margin - 30))\" y=\"\(f(margin - 12))\">w₂</text>\n"

        let m = figure.minimum
        svg += "<text x=\"\(f(x(m[0])))\" y=\"\(f(y(m[1]) + 5))\" text-anchor=\"middle\" font-size=\"16\" fill=\"#111\">✱</text>\n"
        var startsMarked: [[Double]] = []
        for (index, path) in figure.paths.enumerated() {
            let style = SeriesStyle.of(index)
            let allFinite = path.points.filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
            // A diverging path is drawn up to where it leaves the view, and marked there.
            let finite = visiblePrefix(allFinite, in: figure)
            let screen = finite.map { (x($0[0]), y($0[1])) }
            let line = screen.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            svg += "<polyline points=\"\(line)\" fill=\"none\" \(style.strokeAttributes(width: 1.8)) stroke-linejoin=\"round\"/>\n"
            for k in MarkerShape.thinned(count: screen.count, limit: 10, offset: index) where k > 0 && k < screen.count - 1 {
                svg += style.marker.svg(x: screen[k].0, y: screen[k].1, r: 2.6, colour: style.colour) + "\n"
            }
            svg += arrowheads(along: screen, colour: style.colour)
            if let start = screen.first, let last = screen.last {
                if !startsMarked.contains(where: { abs($0[0] - start.0) < 3 && abs($0[1] - start.1) < 3 }) {
                    startsMarked.append([start.0, start.1])
                    svg += "<circle cx=\"\(f(start.0))\" cy=\"\(f(start.1))\" r=\"6.5\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.6\"/>\n"
                    svg += "<text x=\"\(f(start.0 + 9))\" y=\"\(f(start.1 - 8))\" fill=\"#111\">start</text>\n"
                }
                svg += style.marker.svg(x: last.0, y: last.1, r: 5, colour: style.colour) + "\n"
            }
            if figure.paths.count > 1 {
                let legendX = plotWidth + 2 * margin + 4, legendY = margin + 8 + 18 * Double(index)
                svg += "<line x1=\"\(f(legendX))\" y1=\"\(f(legendY))\" x2=\"\(f(legendX + 30))\" y2=\"\(f(legendY))\" \(style.strokeAttributes(width: 1.8))/>\n"
                svg += style.marker.svg(x: legendX + 15, y: legendY, r: 3, colour: style.colour) + "\n"
                svg += "<text x=\"\(f(legendX + 36))\" y=\"\(f(legendY + 4))\">\(HTMLText.escape(path.name))</text>\n"
            }
        }
        for leaving in leavingLabels(figure) {
            let start = startsMarked.first { abs($0[0] - x(leaving.point[0])) < 60 && abs($0[1] - y(leaving.point[1])) < 14 }
            // Below the point when the start's label is beside it, so the two do not overlap.
            let dy = start == nil ? 4.0 : 18.0
            svg += "<text x=\"\(f(x(leaving.point[0]) + 7))\" y=\"\(f(y(leaving.point[1]) + dy))\" fill=\"#111\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(HTMLText.escape(leaving.text))</text>\n"
        }
        svg += "<text x=\"\(f(margin))\" y=\"\(f(height - 6))\" font-size=\"10\" fill=\"#444\">○ start · large marker: end · ▸ direction · ✱ minimum</text>\n"
        return svg + "</svg>"
    }

    /// A label for each place where paths leave the view: paths whose last visible points lie
    /// within 3 pixels of each other share one (`gd, sgd leave the view`), so that labels of
    /// runs that diverge alike are not drawn over each other. `point` is in units of w.
    static func leavingLabels(_ figure: ContourFigure) -> [(point: [Double], text: String)] {
        let tolerance = 3 / scale(figure).pixelsPerUnit
        var groups: [(point: [Double], names: [String])] = []
        for path in figure.paths {
            let allFinite = path.points.filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
            let visible = visiblePrefix(allFinite, in: figure)
            guard visible.count < allFinite.count, let last = visible.last else { continue }
            if let k = groups.firstIndex(where: { abs($0.point[0] - last[0]) < tolerance && abs($0.point[1] - last[1]) < tolerance }) {
                groups[k].names.append(path.name)
            } else {
                groups.append((last, [path.name]))
            }
        }
        return groups.map { ($0.point, $0.names.joined(separator: ", ") + ($0.names.count == 1 ? " leaves" : " leave") + " the view") }
    }

    /// The path's points up to (not including) the first outside the figure's view.
    static func visiblePrefix(_ points: [[Double]], in figure: ContourFigure) -> [[Double]] {
        let inside = points.prefix { p in
            p.count == 2 && (0..<2).allSatisfy { figure.low[$0] <= p[$0] && p[$0] <= figure.high[$0] }
        }
        return Array(inside)
    }

    /// Small arrowheads at a third and two thirds of the path's length on screen, pointing the
    /// way the path goes (none on a path shorter than 30 px).
    static func arrowheads(along screen: [(Double, Double)], colour: String) -> String {
        guard screen.count > 1 else { return "" }
        var lengths = [0.0]
        for k in 1..<screen.count {
            lengths.append(lengths[k - 1] + hypot(screen[k].0 - screen[k - 1].0, screen[k].1 - screen[k - 1].1))
        }
        guard let total = lengths.last, total >= 30 else { return "" }
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        var svg = ""
        for share in [1.0 / 3, 2.0 / 3] {
            let target = total * share
            guard let k = lengths.firstIndex(where: { $0 >= target }), k > 0 else { continue }
            let (ax, ay) = screen[k - 1], (bx, by) = screen[k]
            let segment = lengths[k] - lengths[k - 1]
            guard segment > 0 else { continue }
            let t = (target - lengths[k - 1]) / segment
            let px = ax + (bx - ax) * t, py = ay + (by - ay) * t
            let ux = (bx - ax) / segment, uy = (by - ay) / segment
            let size = 7.0
            let tip = (px + ux * size / 2, py + uy * size / 2)
            let back = (px - ux * size / 2, py - uy * size / 2)
            let left = (back.0 - uy * size / 2.2, back.1 + ux * size / 2.2), right = (back.0 + uy * size / 2.2, back.1 - ux * size / 2.2)
            svg += "<path d=\"M\(f(tip.0)) \(f(tip.1))L\(f(left.0)) \(f(left.1))L\(f(right.0)) \(f(right.1))Z\" fill=\"\(colour)\" stroke=\"#222\" stroke-width=\"0.5\"/>\n"
        }
        return svg
    }
}
