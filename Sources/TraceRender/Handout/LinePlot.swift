import Foundation

/// Values per update (the loss, η_t, an effective rate) as an SVG line plot: round-number ticks
/// (``NiceScale``), a logarithmic value axis when the values span two decades or more
/// (``LogScale``), each series in its own colour, dash pattern and marker (``SeriesStyle``),
/// markers thinned on long runs, step functions drawn as staircases, and a `<title>` and `<desc>`
/// that say in words what the plot shows.
enum LinePlot {
    static func svg(_ series: [PlotSeries], label: String) -> String {
        let legendWidth = series.count > 1 ? 130.0 : 0
        let width = 580.0 + legendWidth, height = 270.0, left = 70.0, right = 20.0 + legendWidth, top = 20.0, bottom = 45.0
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label)) per step\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n"
        svg += FigureText.titleAndDescription(
            "\(label) per update",
            "Line plot of \(label) against the update t. " + series.map(FigureText.trend).joined(separator: " "))
        let finite = series.flatMap(\.points).filter { $0.value.isFinite }
        guard let tFirst = finite.map(\.t).min(), let tLast = finite.map(\.t).max() else { return svg + "</svg>" }
        let values = finite.map(\.value)
        let axis = ValueAxis(values: values)
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
            let path = vertices.map { "\(f(x($0.0))),\(f(y($0.1)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" \(style.strokeAttributes(width: 2)) stroke-linejoin=\"round\"/>\n"
            for k in MarkerShape.thinned(count: points.count, offset: index) {
                svg += style.marker.svg(x: x(Double(points[k].t)), y: y(points[k].value), r: 3.2, colour: style.colour) + "\n"
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
struct ValueAxis {
    let ticks: [Double]
    let isLogarithmic: Bool
    private let low: Double
    private let high: Double
    private let linear: NiceScale?
    private let logarithmic: LogScale?

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

    func label(_ value: Double) -> String {
        logarithmic?.label(value) ?? linear?.label(value) ?? NumberFormat.significant(value, digits: 3)
    }
}
