/// The words and markup that make a figure accessible: an SVG `<title>` and `<desc>` that say
/// what it shows, for screen readers and for anyone who cannot see the lines.
enum FigureText {
    /// `<title>` and `<desc>` elements, escaped.
    static func titleAndDescription(_ title: String, _ description: String) -> String {
        "<title>\(HTMLText.escape(title))</title>\n<desc>\(HTMLText.escape(description))</desc>\n"
    }

    /// One sentence per series: where it starts, where it ends and its lowest value, e.g.
    /// "adam falls from 0.35 at t = 1 to 0.012 at t = 20 (lowest 0.011 at t = 18)."
    static func trend(of series: PlotSeries) -> String {
        let finite = series.points.filter { $0.value.isFinite }
        guard let first = finite.first, let last = finite.last else { return "\(series.name) has no finite values." }
        func n(_ x: Double) -> String { NumberFormat.significant(x, digits: 3) }
        let direction = last.value < first.value ? "falls" : last.value > first.value ? "rises" : "stays"
        var sentence = direction == "stays"
            ? "\(series.name) stays at \(n(first.value)) from t = \(first.t) to t = \(last.t)"
            : "\(series.name) \(direction) from \(n(first.value)) at t = \(first.t) to \(n(last.value)) at t = \(last.t)"
        if let lowest = finite.min(by: { $0.value < $1.value }), lowest.value < last.value, lowest.value < first.value {
            sentence += " (lowest \(n(lowest.value)) at t = \(lowest.t))"
        }
        if finite.count < series.points.count { sentence += "; \(series.points.count - finite.count) values are not finite" }
        return sentence + "."
    }
}
