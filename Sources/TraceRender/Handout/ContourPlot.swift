import Foundation

/// A contour plot as SVG: contour lines of the loss at levels spaced evenly in log(L) (marching
/// squares over the figure's grid), the minimum, and each path with a dot per update.
enum ContourPlot {
    static func svg(_ figure: ContourFigure) -> String {
        let size = 420.0, margin = 56.0, legendWidth = figure.paths.count > 1 ? 130.0 : 0
        let width = size + 2 * margin + legendWidth, height = size + 2 * margin
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        func x(_ w1: Double) -> Double { margin + (w1 - figure.low[0]) / (figure.high[0] - figure.low[0]) * size }
        func y(_ w2: Double) -> Double { margin + size - (w2 - figure.low[1]) / (figure.high[1] - figure.low[1]) * size }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"Paths over the loss contours\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n"
        svg += "<rect x=\"\(f(margin))\" y=\"\(f(margin))\" width=\"\(f(size))\" height=\"\(f(size))\" fill=\"#fbfbfb\" stroke=\"#333\"/>\n"

        // Contour levels evenly spaced in log(L), so a deep valley and a steep wall both show.
        let values = figure.grid.flatMap { $0 }.filter { $0.isFinite && $0 > 0 }
        if let lowest = values.min(), let highest = values.max(), highest > lowest {
            let logLow = log(lowest), logHigh = log(highest)
            let n = figure.grid.count
            let cell = size / Double(n - 1)
            for k in 1...12 {
                let level = exp(logLow + (logHigh - logLow) * Double(k) / 13)
                var d = ""
                for row in 0..<(n - 1) {
                    for column in 0..<(n - 1) {
                        let corners = [figure.grid[row][column], figure.grid[row][column + 1],
                                       figure.grid[row + 1][column + 1], figure.grid[row + 1][column]]
                        // Points where the level crosses the cell's four edges, in order.
                        var crossings: [(Double, Double)] = []
                        let positions = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
                        for edge in 0..<4 {
                            let a = corners[edge], b = corners[(edge + 1) % 4]
                            guard (a < level) != (b < level), a.isFinite, b.isFinite else { continue }
                            let share = (level - a) / (b - a)
                            let p = positions[edge], q = positions[(edge + 1) % 4]
                            crossings.append((p.0 + (q.0 - p.0) * share, p.1 + (q.1 - p.1) * share))
                        }
                        for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
                            let (c0, r0) = crossings[pair], (c1, r1) = crossings[pair + 1]
                            let x0 = margin + (Double(column) + c0) * cell, y0 = margin + size - (Double(row) + r0) * cell
                            let x1 = margin + (Double(column) + c1) * cell, y1 = margin + size - (Double(row) + r1) * cell
                            d += "M\(f(x0)) \(f(y0))L\(f(x1)) \(f(y1))"
                        }
                    }
                }
                if !d.isEmpty { svg += "<path d=\"\(d)\" fill=\"none\" stroke=\"#b8c4d6\" stroke-width=\"1\"/>\n" }
            }
        }
        let m = figure.minimum
        svg += "<text x=\"\(f(x(m[0])))\" y=\"\(f(y(m[1]) + 4))\" text-anchor=\"middle\" font-size=\"14\" fill=\"#333\">✱</text>\n"
        for (index, path) in figure.paths.enumerated() {
            let colour = LinePlot.colours[index % LinePlot.colours.count]
            let finite = path.points.filter { $0.allSatisfy(\.isFinite) }
            let line = finite.map { "\(f(x($0[0]))),\(f(y($0[1])))" }.joined(separator: " ")
            svg += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"/>\n"
            for point in finite.prefix(200) {
                svg += "<circle cx=\"\(f(x(point[0])))\" cy=\"\(f(y(point[1])))\" r=\"2.5\" fill=\"\(colour)\"/>\n"
            }
            if figure.paths.count > 1 {
                let legendY = margin + 8 + 16 * Double(index)
                svg += "<line x1=\"\(f(size + 2 * margin + 4))\" y1=\"\(f(legendY))\" x2=\"\(f(size + 2 * margin + 26))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"3\"/>\n"
                svg += "<text x=\"\(f(size + 2 * margin + 32))\" y=\"\(f(legendY + 4))\">\(HTMLText.escape(path.name))</text>\n"
            }
        }
        for k in 0...4 {
            let w1 = figure.low[0] + (figure.high[0] - figure.low[0]) * Double(k) / 4
            let w2 = figure.low[1] + (figure.high[1] - figure.low[1]) * Double(k) / 4
            svg += "<text x=\"\(f(x(w1)))\" y=\"\(f(margin + size + 16))\" text-anchor=\"middle\">\(NumberFormat.significant(w1, digits: 3))</text>\n"
            svg += "<text x=\"\(f(margin - 6))\" y=\"\(f(y(w2) + 4))\" text-anchor=\"end\">\(NumberFormat.significant(w2, digits: 3))</text>\n"
        }
        svg += "<text x=\"\(f(margin + size / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">w₁</text>\n"
        svg += "<text x=\"8\" y=\"\(f(margin - 14))\">w₂</text>\n"
        return svg + "</svg>"
    }
}
