import Foundation

/// Values per update as a pgfplots axis: the ticks of the SVG plot (``ValueAxis`` and the same
/// update axis), a log axis where the SVG has one, each series in its ``SeriesStyle`` (named
/// colour, dash pattern, marker, thinned as in the SVG), step functions as `const plot`, and a
/// legend when there is more than one series.
enum PGFLinePlot {
    static func tikz(_ series: [PlotSeries], label: String) -> String {
        let finite = series.flatMap(\.points).filter { $0.value.isFinite }
        guard let tFirst = finite.map(\.t).min(), let tLast = finite.map(\.t).max() else {
            return "\\textit{(\(LaTeXText.escape(label)): no finite values to plot)}\n"
        }
        let axis = ValueAxis(values: finite.map(\.value))
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
            var coordinates = points.map { "(\($0.t),\(n($0.value)))" }
            if line.isStepFunction {
                plotOptions += ", const plot"
                coordinates.append("(\(last.t + 1),\(n(last.value)))")
            }
            tex += "\\addplot[\(plotOptions)] coordinates {\n" + wrapped(coordinates) + "};\n"
            if legend { tex += "\\addlegendentry{\(LaTeXText.escape(line.name))}\n" }
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
