import Foundation

/// Values per update (the loss, η_t, an effective rate) as an SVG line plot: round-number ticks
/// (``NiceScale``), a logarithmic value axis when the values span two decades or more
/// (``LogScale``), each series in its own colour, dash pattern and marker (``SeriesStyle``),
/// markers thinned on long runs, step functions drawn as staircases, and a `<title>` and `<desc>`
/// that say in words what the plot shows. A run that diverged is drawn within its meaningful
/// values (``ValueAxis/viewed(_:)``): its line leaves the top of the plot with an arrowhead where
/// its values leave the view, and a dashed line marks the update at which it diverged.
enum LinePlot {
    static func svg(_ series: [PlotSeries], label: String) -> String {
        let legendWidth = series.count > 1 ? 130.0 : 0
        let width = 580.0 + legendWidth, height = 270.0, left = 70.0, right = 20.0 + legendWidth, top = 20.0, bottom = 45.0
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label)) per step\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n"
        let finite = series.flatMap(\.points).filter { $0.value.isFinite }
        let axis = ValueAxis(series: series)
        svg += FigureText.titleAndDescription(
            "\(label) per update",
            "Line plot of \(label) against the update t. " + series.map(FigureText.trend).joined(separator: " ")
                + series.map { divergence(of: $0, axis: axis) }.joined())
        guard let tFirst = finite.map(\.t).min(), let tLast = (finite.map(\.t) + series.compactMap(\.divergedAt)).max() else { return svg + "</svg>" }
        let (tLow, tHigh, tStep) = timeAxis(series, first: tFirst, last: tLast)
        func x(_ t: Double) -> Double { left + (t - tLow) / (tHigh - tLow) * (width - left - right) }
        func y(_ value: Double) -> Double { top + (1 - axis.fraction(value)) * (height - top - bottom) }

        for tick in axis.ticks {
            svg += "<line x1=\"\(f(left - 4))\" y1=\"\(f(y(tick)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(tick)))\" stroke=\"#e3e3e3\"/>\n"
            svg += "<text x=\"\(f(left - 7))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(axis.label(tick))</text>\n"
        }
        for t in stride(from: tLow, through: tHigh + 1e-9, by: tStep) {
            svg += "<line x1=\"\(f(x(t)))\" y1=\"\(f(height - bottom))\" x2=\"\(f(x(t)))\" y2=\"\(f(height - bottom + 4))\" stroke=\"#333\"/>\n"
            svg += "<text x=\"\(f(x(t)))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(Int(t))</text>\n"
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        svg += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">update t</text>\n"
        let axisTitle = label + (axis.isLogarithmic ? " (log scale)" : "")
        svg += "<text x=\"14\" y=\"\(f((top + height - bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + height - bottom) / 2)))\">\(HTMLText.escape(axisTitle))</text>\n"
        for (index, line) in series.enumerated() {
            let style = SeriesStyle.of(index)
            let points = line.points.filter { $0.value.isFinite && (!axis.isLogarithmic || $0.value > 0) }
            let vertices = line.isStepFunction ? staircase(points) : points.map { (Double($0.t), $0.value) }
            for piece in clipped(vertices.map { (t: $0.0, fraction: axis.fraction($0.1)) }) {
                let path = piece.points.map { "\(f(x($0.t))),\(f(top + (1 - $0.fraction) * (height - top - bottom)))" }.joined(separator: " ")
                svg += "<polyline points=\"\(path)\" fill=\"none\" \(style.strokeAttributes(width: 2)) stroke-linejoin=\"round\"/>\n"
                // Where the line leaves the top, an arrowhead pointing on up.
                if piece.leavesTop, let end = piece.points.last {
                    let ex = x(end.t)
                    svg += "<polygon points=\"\(f(ex)),\(f(top - 3)) \(f(ex - 4.5)),\(f(top + 6)) \(f(ex + 4.5)),\(f(top + 6))\" fill=\"\(style.colour)\"/>\n"
                }
            }
            for k in MarkerShape.thinned(count: points.count, offset: index) where axis.contains(points[k].value) {
                svg += style.marker.svg(x: x(Double(points[k].t)), y: y(points[k].value), r: 3.2, colour: style.colour) + "\n"
            }
            if let diverged = line.divergedAt, Double(diverged) >= tLow, Double(diverged) <= tHigh {
                let dx = x(Double(diverged))
                svg += "<line x1=\"\(f(dx))\" y1=\"\(f(top))\" x2=\"\(f(dx))\" y2=\"\(f(height - bottom))\" stroke=\"\(style.colour)\" stroke-width=\"1.2\" stroke-dasharray=\"5 3\"/>\n"
                let words = series.count > 1 ? "\(line.name) diverged at t = \(diverged)" : "diverged at t = \(diverged)"
                svg += "<text x=\"\(f(dx - 4))\" y=\"\(f(top + 12 + 14 * Double(index)))\" text-anchor=\"end\" fill=\"#1a1a1a\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">\(HTMLText.escape(words))</text>\n"
            }
            if series.count > 1 {
                let legendX = width - legendWidth + 10, legendY = top + 6 + 18 * Double(index)
                svg += "<line x1=\"\(f(legendX))\" y1=\"\(f(legendY))\" x2=\"\(f(legendX + 30))\" y2=\"\(f(legendY))\" \(style.strokeAttributes(width: 2))/>\n"
                svg += style.marker.svg(x: legendX + 15, y: legendY, r: 3.2, colour: style.colour) + "\n"
                svg += "<text x=\"\(f(legendX + 36))\" y=\"\(f(legendY + 4))\">\(HTMLText.escape(line.name))</text>\n"
            }
        }
        return svg + "</svg>"
    }

    /// The parts of a line inside the view, `fraction` from 0 (bottom) to 1 (top): a segment
    /// that crosses an end is cut where it crosses, one wholly outside is left out. Each part
    /// says whether it ends by leaving through the top. A line wholly inside is one part, its
    /// points unchanged.
    static func clipped(_ points: [(t: Double, fraction: Double)]) -> [(points: [(t: Double, fraction: Double)], leavesTop: Bool)] {
        let low = -1e-9, high = 1 + 1e-9
        var pieces: [(points: [(t: Double, fraction: Double)], leavesTop: Bool)] = []
        var current: [(t: Double, fraction: Double)] = []
        if let first = points.first, first.fraction >= low, first.fraction <= high { current = [first] }
        for k in points.indices.dropFirst() {
            let a = points[k - 1], b = points[k], df = b.fraction - a.fraction
            // The part of the segment a → b, as s from 0 (a) to 1 (b), within low…high.
            var s0 = 0.0, s1 = 1.0
            if df == 0 {
                if a.fraction < low || a.fraction > high { s0 = 1; s1 = 0 }
            } else {
                let enter = ((df > 0 ? low : high) - a.fraction) / df, leave = ((df > 0 ? high : low) - a.fraction) / df
                s0 = max(0, enter)
                s1 = min(1, leave)
            }
            guard s0 <= s1 else {
                if !current.isEmpty { pieces.append((current, false)) }
                current = []
                continue
            }
            func at(_ s: Double) -> (t: Double, fraction: Double) {
                s == 0 ? a : s == 1 ? b : (a.t + s * (b.t - a.t), min(1, max(0, a.fraction + s * df)))
            }
            if s0 > 0 || current.isEmpty {
                if !current.isEmpty { pieces.append((current, false)) }
                current = [at(s0)]
            }
            current.append(at(s1))
            if s1 < 1 {
                pieces.append((current, df > 0))
                current = []
            }
        }
        if !current.isEmpty { pieces.append((current, false)) }
        return pieces
    }

    /// A sentence for the description of a series that diverged: where its line leaves the view
    /// and at which update it diverged; empty for one that did not.
    static func divergence(of line: PlotSeries, axis: ValueAxis) -> String {
        guard let diverged = line.divergedAt else { return "" }
        let leaves = line.points.first { $0.value.isFinite && !axis.contains($0.value) && $0.value > axis.value(atFraction: 1) }
        let above = leaves.map { " From t = \($0.t) its values lie above the plot's top, \(axis.label(axis.value(atFraction: 1))), and the line leaves it." } ?? ""
        return above + " \(line.name) diverged at t = \(diverged) (the dashed line): a value was no longer finite."
    }

    /// The update axis from `first` to `last`: integer ticks at a round step, ending at ticks;
    /// a staircase ends one update after its last point.
    static func timeAxis(_ series: [PlotSeries], first tFirst: Int, last tLast: Int) -> (low: Double, high: Double, step: Double) {
        let stepEnd = series.contains(where: \.isStepFunction) ? 1 : 0
        let tScale = NiceScale(low: Double(tFirst), high: Double(max(tLast + stepEnd, tFirst + 1)), count: 8)
        let tStep = max(1, tScale.step.rounded())
        return ((tScale.low / tStep).rounded(.down) * tStep, (tScale.high / tStep).rounded(.up) * tStep, tStep)
    }

    /// The corners of a step function that holds each value from its update to the next:
    /// `(t, v)` then `(t + 1, v)` for every point, joined by vertical risers.
    static func staircase(_ points: [(t: Int, value: Double)]) -> [(Double, Double)] {
        points.flatMap { point in [(Double(point.t), point.value), (Double(point.t + 1), point.value)] }
    }
}

/// The value axis of a line plot: logarithmic when the values are positive and span two decades
/// or more, else linear with round-number ticks, starting at 0 when the values are non-negative
/// and the smallest is under a third of the largest.
///
/// A run that diverged climbs through hundreds of decades before its values overflow: its
/// view keeps to the values that still mean something, those up to ``divergenceCeiling`` times
/// its first, and no further below that ceiling than ``divergenceDepth``; the line leaves the
/// plot where the values leave the view (``LinePlot/clipped(_:)``).
struct ValueAxis {
    /// How far above a diverged run's first value its view reaches: 1000 times it.
    static let divergenceCeiling = 1000.0
    /// How far below that ceiling its view reaches: 10⁻⁸ times it.
    static let divergenceDepth = 1e-8

    let ticks: [Double]
    let isLogarithmic: Bool
    private let low: Double
    private let high: Double
    private let linear: NiceScale?
    private let logarithmic: LogScale?

    /// The values a view must show: every finite value of a series that did not diverge; of one
    /// that did, its values up to the first above ``divergenceCeiling`` times its first (each
    /// raised to ``divergenceDepth`` times that ceiling), and the ceiling itself.
    static func viewed(_ series: [PlotSeries]) -> [Double] {
        series.flatMap { line -> [Double] in
            let finite = line.points.map(\.value).filter(\.isFinite)
            guard line.divergedAt != nil, let first = finite.first, first > 0 else { return finite }
            let ceiling = first * divergenceCeiling, floor = ceiling * divergenceDepth
            return finite.prefix { $0 <= ceiling }.map { max($0, floor) } + [ceiling]
        }
    }

    /// The axis for `series`, viewing ``viewed(_:)``.
    init(series: [PlotSeries]) {
        self.init(values: Self.viewed(series))
    }

    init(values: [Double]) {
        if let log = LogScale(values: values) {
            logarithmic = log
            linear = nil
            isLogarithmic = true
            low = log.low
            high = log.high
            ticks = log.ticks
        } else {
            var lowest = values.min() ?? 0
            let highest = values.max() ?? 1
            if lowest >= 0, lowest < highest / 3 { lowest = 0 }
            let scale = NiceScale(low: lowest, high: highest)
            linear = scale
            logarithmic = nil
            isLogarithmic = false
            low = scale.low
            high = scale.high
            ticks = scale.ticks
        }
    }

    /// Where `value` sits between the axis's ends, 0 at the bottom and 1 at the top.
    func fraction(_ value: Double) -> Double {
        isLogarithmic ? (log10(value) - log10(low)) / (log10(high) - log10(low)) : (value - low) / (high - low)
    }

    /// The value at `fraction` of the way up: the inverse of ``fraction(_:)``.
    func value(atFraction fraction: Double) -> Double {
        isLogarithmic ? pow(10, log10(low) + fraction * (log10(high) - log10(low))) : low + fraction * (high - low)
    }

    /// Whether `value` lies within the axis (to a part in 10⁹ of its length).
    func contains(_ value: Double) -> Bool {
        let f = fraction(value)
        return f.isFinite && f >= -1e-9 && f <= 1 + 1e-9
    }

    func label(_ value: Double) -> String {
        logarithmic?.label(value) ?? linear?.label(value) ?? NumberFormat.significant(value, digits: 3)
    }
}
