import Foundation

/// Paths over a two-weight objective's contours as a pgfplots axis, drawn from the same
/// ``ContourFigure`` as ``ContourPlot``: the same view, tick step and contour levels, the
/// contour lines from the same ``MarchingSquares`` segments (joined into lines), both axes to
/// one scale, the minimum ✱, and each path in its ``SeriesStyle`` with thinned markers, a ring
/// at its start, a large marker at its end and arrowheads showing its direction.
enum PGFContourPlot {
    /// The longer side of the plot area.
    static let size = 9.0  // cm

    static func tikz(_ figure: ContourFigure) -> String {
        let n = PGFStyle.number
        let spans = [figure.high[0] - figure.low[0], figure.high[1] - figure.low[1]]
        let perUnit = size / max(spans[0], spans[1], 1e-12)
        let ticks1 = NiceScale(low: figure.low[0], high: figure.high[0], step: figure.tickStep)
        let ticks2 = NiceScale(low: figure.low[1], high: figure.high[1], step: figure.tickStep)
        let legend = figure.paths.count > 1
        var options = [
            "scale only axis", "width=\(n(spans[0] * perUnit))cm", "height=\(n(spans[1] * perUnit))cm",
            "xmin=\(n(figure.low[0]))", "xmax=\(n(figure.high[0]))", "ymin=\(n(figure.low[1]))", "ymax=\(n(figure.high[1]))",
            "xtick={\(ticks1.ticks.map(n).joined(separator: ","))}",
            "xticklabels={\(ticks1.ticks.map { "{" + PGFStyle.tickLabel(ticks1.label($0)) + "}" }.joined(separator: ","))}",
            "ytick={\(ticks2.ticks.map(n).joined(separator: ","))}",
            "yticklabels={\(ticks2.ticks.map { "{" + PGFStyle.tickLabel(ticks2.label($0)) + "}" }.joined(separator: ","))}",
            "minor tick num=0", "scaled x ticks=false", "scaled y ticks=false", "legend image post style={mark indices={2}}", "tick label style={font=\\small}", "xlabel={$w_1$}", "ylabel={$w_2$}",
            "axis background/.style={fill=black!2}", "unbounded coords=jump", "clip=true", "clip mode=individual",
        ]
        if legend {
            options += ["legend pos=outer north east", "legend cell align=left", "legend style={draw=none, font=\\small}"]
        }
        var tex = "\\begin{tikzpicture}\n\\begin{axis}[\n  " + options.joined(separator: ",\n  ") + "]\n"

        // Contours: grid cell (column, row) is (low₁ + column·Δ₁, low₂ + row·Δ₂).
        let rows = figure.grid.count, columns = figure.grid.first?.count ?? 0
        if rows > 1, columns > 1 {
            let d1 = spans[0] / Double(columns - 1), d2 = spans[1] / Double(rows - 1)
            for contour in figure.contours.levels {
                let lines = contour.lines
                guard !lines.isEmpty else { continue }
                let coordinates = lines.map { line in
                    line.map { "(\(n(figure.low[0] + $0.0 * d1)),\(n(figure.low[1] + $0.1 * d2)))" }
                }.joined(separator: ["(nan,nan)"])
                tex += "\\addplot[forget plot, color=contourLine, line width=0.6pt, solid, no markers] coordinates {\n"
                tex += PGFLinePlot.wrapped(Array(coordinates)) + "};\n"
            }
        }
        let m = figure.minimum
        tex += "\\node[font=\\Large] at (axis cs:\(n(m[0])),\(n(m[1]))) {$\\ast$};\n"

        var startsMarked: [[Double]] = []
        let tolerance = 3 * max(spans[0], spans[1]) / ContourPlot.size  // 3 pixels of the SVG, in units of w
        for (index, path) in figure.paths.enumerated() {
            let allFinite = path.points.filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
            let visible = ContourPlot.visiblePrefix(allFinite, in: figure)
            guard let start = visible.first, let last = visible.last else {
                if legend { tex += "\\addlegendimage{\(PGFStyle.line(index, width: 1.8))}\n\\addlegendentry{\(LaTeXText.escape(path.name))}\n" }
                continue
            }
            let marks = MarkerShape.thinned(count: visible.count, limit: 10, offset: index)
                .filter { $0 > 0 && $0 < visible.count - 1 }.map { String($0 + 1) }
            tex += "\\addplot[\(PGFStyle.line(index, width: 1.8)), \(PGFStyle.marker(index, size: 2)), mark indices={\(marks.joined(separator: ","))}] coordinates {\n"
            tex += PGFLinePlot.wrapped(visible.map { "(\(n($0[0])),\(n($0[1])))" }) + "};\n"
            if legend { tex += "\\addlegendentry{\(LaTeXText.escape(path.name))}\n" }
            tex += arrowheads(along: visible, colour: PGFStyle.colour(index), perUnit: perUnit)
            tex += "\\addplot[forget plot, only marks, \(PGFStyle.marker(index, size: 3.8))] coordinates {(\(n(last[0])),\(n(last[1])))};\n"
            if !startsMarked.contains(where: { abs($0[0] - start[0]) < tolerance && abs($0[1] - start[1]) < tolerance }) {
                startsMarked.append(start)
                tex += "\\draw[black!93, line width=1.2pt] (axis cs:\(n(start[0])),\(n(start[1]))) circle[radius=4.8pt];\n"
                tex += "\\node[anchor=south west, font=\\small, inner sep=1pt] at ([xshift=5pt, yshift=4pt]axis cs:\(n(start[0])),\(n(start[1]))) {start};\n"
            }
        }
        for leaving in ContourPlot.leavingLabels(figure) {
            let p = leaving.point
            let nearStart = startsMarked.contains { abs($0[0] - p[0]) < 20 * tolerance && abs($0[1] - p[1]) < 5 * tolerance }
            // Below the point when the start's label is beside it, so the two do not overlap.
            tex += "\\node[anchor=west, font=\\small, fill=white, fill opacity=0.8, text opacity=1, inner sep=1pt] at ([xshift=5pt\(nearStart ? ", yshift=-11pt" : "")]axis cs:\(n(p[0])),\(n(p[1]))) {\(LaTeXText.escape(leaving.text))};\n"
        }
        tex += "\\end{axis}\n\\end{tikzpicture}\n"
        return tex + "\n{\\footnotesize $\\bigcirc$ start \\textperiodcentered{} large marker: end \\textperiodcentered{} $\\triangleright$ direction \\textperiodcentered{} $\\ast$ minimum}\n"
    }

    /// Arrowheads at a third and two thirds of the path's length, pointing the way it goes (none
    /// on a path shorter than about 1 cm on the page).
    static func arrowheads(along points: [[Double]], colour: String, perUnit: Double) -> String {
        guard points.count > 1 else { return "" }
        var lengths = [0.0]
        for k in 1..<points.count {
            lengths.append(lengths[k - 1] + hypot(points[k][0] - points[k - 1][0], points[k][1] - points[k - 1][1]))
        }
        guard let total = lengths.last, total * perUnit >= 1 else { return "" }
        let n = PGFStyle.number
        var tex = ""
        for share in [1.0 / 3, 2.0 / 3] {
            let target = total * share
            guard let k = lengths.firstIndex(where: { $0 >= target }), k > 0 else { continue }
            let a = points[k - 1], b = points[k]
            let segment = lengths[k] - lengths[k - 1]
            guard segment > 0 else { continue }
            let t = (target - lengths[k - 1]) / segment
            let p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
            // A tiny stroke along the path, so only its arrow tip shows.
            let back = 0.05 / perUnit
            let u = [(b[0] - a[0]) / segment, (b[1] - a[1]) / segment]
            tex += "\\draw[-{Stealth[length=6pt, width=5pt]}, draw=\(colour), fill=\(colour), line width=0.1pt] (axis cs:\(n(p[0] - u[0] * back)),\(n(p[1] - u[1] * back))) -- (axis cs:\(n(p[0])),\(n(p[1])));\n"
        }
        return tex
    }
}
