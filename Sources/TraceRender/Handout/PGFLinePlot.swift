import Foundation

/// Values per update as a pgfplots axis: the ticks of the SVG plot (``ValueAxis`` and the same
/// update axis), a log axis where the SVG has one, each series in its ``SeriesStyle`` (named
/// colour, dash pattern, marker, thinned as in the SVG), step functions as `const plot`, and a
/// legend when there is more than one series. A diverged run is drawn as the SVG draws it: the
/// line cut where it leaves the view (``LinePlot/clipped(_:)``), a dashed line at the update
/// it diverged.
enum PGFLinePlot {
    static func tikz(_ series: [PlotSeries], label: String) -> String {
        let finite = series.flatMap(\.points).filter { $0.value.isFinite }
        guard let tFirst = finite.map(\.t).min(), let tLast = (finite.map(\.t) + series.compactMap(\.divergedAt)).max() else {
            return "\\textit{(\(LaTeXText.escape(label)): no finite values to plot)}\n"
        }
        let axis = ValueAxis(series: series)
        let (tLow, tHigh, tStep) = LinePlot.timeAxis(series, first: tFirst, last: tLast)
        let n = PGFStyle.number
        let tTicks = Array(stride(from: tLow, through: tHigh + 1e-9, by: tStep))
        let legend = series.count > 1
        var options = [
            "scale only axis", "width=\(legend ? "0.62" : "0.8")\\linewidth", "height=5cm",
            "xmin=\(n(tLow))", "xmax=\(n(tHigh))",
            "ymin=\(n(axis.ticks.first ?? 0))", "ymax=\(n(axis.ticks.last ?? 1))",
            "xtick={\(tTicks.map(n).joined(separator: ","))}",
            "xticklabels={\(tTicks.map { String(Int($0)) }.joined(separator: ","))}",
            "ytick={\(axis.ticks.map(n).joined(separator: ","))}",
            "yticklabels={\(axis.ticks.map { "{" + PGFStyle.tickLabel(axis.label($0)) + "}" }.joined(separator: ","))}",
            "minor tick num=0", "scaled x ticks=false", "scaled y ticks=false", "legend image post style={mark indices={2}}", "ymajorgrids", "major grid style={black!12}", "tick label style={font=\\small}",
            "xlabel={update $t$}",
            "ylabel={\(LaTeXText.escape(label + (axis.isLogarithmic ? " (log scale)" : "")))}",
            "axis lines*=left", "clip=true",
        ]
        if axis.isLogarithmic { options.append("ymode=log") }
        if legend {
            options += ["legend pos=outer north east", "legend cell align=left",
                        "legend style={draw=none, font=\\small}"]
        }
        var tex = "\\begin{tikzpicture}\n\\begin{axis}[\n  " + options.joined(separator: ",\n  ") + "]\n"
        for (index, line) in series.enumerated() {
            let points = line.points.filter { $0.value.isFinite && (!axis.isLogarithmic || $0.value > 0) }
            guard let last = points.last else { continue }
            // pgfplots counts marks from 1; a staircase's extra corner at the end has none.
            let marks = MarkerShape.thinned(count: points.count, offset: index).map { String($0 + 1) }
            var plotOptions = PGFStyle.line(index, width: 2) + ", " + PGFStyle.marker(index, size: 2.4)
            plotOptions += ", mark indices={\(marks.joined(separator: ","))}"
            let pieces = LinePlot.clipped(points.map { (t: Double($0.t), fraction: axis.fraction($0.value)) })
            if pieces.count == 1, pieces[0].points.count == points.count {
                var coordinates = points.map { "(\($0.t),\(n($0.value)))" }
                if line.isStepFunction {
                    plotOptions += ", const plot"
                    coordinates.append("(\(last.t + 1),\(n(last.value)))")
                }
                tex += "\\addplot[\(plotOptions)] coordinates {\n" + wrapped(coordinates) + "};\n"
            } else {
                // Cut where it leaves the view: each part a line of its own, the marks of the
                // points inside the view apart, and the legend drawn as the whole.
                for piece in pieces {
                    let coordinates = piece.points.map { "(\(n($0.t)),\(n(axis.value(atFraction: $0.fraction))))" }
                    tex += "\\addplot[\(PGFStyle.line(index, width: 2)), forget plot] coordinates {\n" + wrapped(coordinates) + "};\n"
                    if piece.leavesTop, let end = piece.points.last {
                        tex += "\\draw[fill=\(PGFStyle.colour(index)), draw=none] (axis cs:\(n(end.t)),\(n(axis.value(atFraction: 1)))) ++(0pt,2pt) -- ++(-3.4pt,-6.8pt) -- ++(6.8pt,0pt) -- cycle;\n"
                    }
                }
                let shown = MarkerShape.thinned(count: points.count, offset: index).filter { axis.contains(points[$0].value) }
                if !shown.isEmpty {
                    let marks = shown.map { "(\(points[$0].t),\(n(points[$0].value)))" }
                    tex += "\\addplot[only marks, \(PGFStyle.marker(index, size: 2.4)), forget plot] coordinates {\n" + wrapped(marks) + "};\n"
                }
                if legend { tex += "\\addlegendimage{\(PGFStyle.line(index, width: 2)), \(PGFStyle.marker(index, size: 2.4))}\n" }
            }
            if legend { tex += "\\addlegendentry{\(LaTeXText.escape(line.name))}\n" }
            if let diverged = line.divergedAt, Double(diverged) >= tLow, Double(diverged) <= tHigh {
                let words = legend ? "\(line.name) diverged at t = \(diverged)" : "diverged at t = \(diverged)"
                let bottomValue = n(axis.value(atFraction: 0)), topValue = n(axis.value(atFraction: 1))
                tex += "\\draw[\(PGFStyle.colour(index)), line width=0.9pt, dash pattern=on 3.75pt off 2.25pt] (axis cs:\(diverged),\(bottomValue)) -- (axis cs:\(diverged),\(topValue));\n"
                tex += "\\node[anchor=north east, font=\\small, fill=white, inner sep=1pt, yshift=-\(n(2 + 12 * Double(index)))pt, xshift=-2pt] at (axis cs:\(diverged),\(topValue)) {\(LaTeXText.escape(words))};\n"
            }
        }
        return tex + "\\end{axis}\n\\end{tikzpicture}\n"
    }

    /// Coordinates, a few to a line, so that no source line is long.
    static func wrapped(_ coordinates: [String]) -> String {
        stride(from: 0, to: coordinates.count, by: 8).map {
            "  " + coordinates[$0..<min($0 + 8, coordinates.count)].joined(separator: " ") + "\n"
        }.joined()
    }
}
