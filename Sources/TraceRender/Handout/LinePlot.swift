/// Values per step (the loss, η_t) as an SVG line plot with labelled axes, one colour per
/// series and a legend when there is more than one.
enum LinePlot {
    static let colours = ["#c0392b", "#2471a3", "#1e8449", "#7d3c98", "#b9770e", "#566573", "#cb4335", "#148f77"]

    static func svg(_ series: [PlotSeries], label: String) -> String {
        let points = series.flatMap(\.points)
        // Several series get a legend in a column of its own, right of the plot area.
        let legendWidth = series.count > 1 ? 130.0 : 0
        let width = 580.0 + legendWidth, height = 260.0, left = 90.0, right = 20.0 + legendWidth, top = 20.0, bottom = 45.0
        let finite = points.filter { $0.value.isFinite }
        func f(_ x: Double) -> String { String(format: "%.2f", x) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(label)) per step\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">\n"
        guard let first = finite.first, let last = finite.last else { return svg + "</svg>" }
        var low = finite.map(\.value).min() ?? 0, high = finite.map(\.value).max() ?? 1
        if high - low < 1e-12 * max(1, abs(high)) {
            low -= max(abs(low) * 0.05, 1e-12)
            high += max(abs(high) * 0.05, 1e-12)
        }
        let tMin = Double(first.t), tMax = Double(max(last.t, first.t + 1))
        func x(_ t: Double) -> Double { left + (t - tMin) / (tMax - tMin) * (width - left - right) }
        func y(_ value: Double) -> Double { top + (high - value) / (high - low) * (height - top - bottom) }

        svg += "<line x1=\"\(f(left))\" y1=\"\(f(height - bottom))\" x2=\"\(f(width - right))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(height - bottom))\" stroke=\"#333\"/>\n"
        // Enough digits that neighbouring ticks read differently, however narrow the range.
        let ticks = (0...4).map { low + (high - low) * Double($0) / 4 }
        let digits = (4...12).first { d in
            Set(ticks.map { NumberFormat.significant($0, digits: d) }).count == ticks.count
        } ?? 12
        for value in ticks {
            svg += "<line x1=\"\(f(left - 4))\" y1=\"\(f(y(value)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(value)))\" stroke=\"#e5e5e5\"/>\n"
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\">\(NumberFormat.significant(value, digits: digits))</text>\n"
        }
        let stride = max(1, Int((tMax - tMin) / 8))
        for t in Swift.stride(from: Int(tMin), through: Int(tMax), by: stride) {
            svg += "<text x=\"\(f(x(Double(t))))\" y=\"\(f(height - bottom + 16))\" text-anchor=\"middle\">\(t)</text>\n"
        }
        svg += "<text x=\"\(f((left + width - right) / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">update t</text>\n"
        svg += "<text x=\"14\" y=\"\(f((top + height - bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f((top + height - bottom) / 2)))\">\(HTMLText.escape(label))</text>\n"
        for (index, line) in series.enumerated() {
            let colour = colours[index % colours.count]
            let finiteLine = line.points.filter { $0.value.isFinite }
            let path = finiteLine.map { "\(f(x(Double($0.t)))),\(f(y($0.value)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n"
            if finiteLine.count <= 60 {
                for point in finiteLine {
                    svg += "<circle cx=\"\(f(x(Double(point.t))))\" cy=\"\(f(y(point.value)))\" r=\"3\" fill=\"\(colour)\"/>\n"
                }
            }
            if series.count > 1 {
                let legendX = width - legendWidth + 10, legendY = top + 6 + 16 * Double(index)
                svg += "<line x1=\"\(f(legendX))\" y1=\"\(f(legendY))\" x2=\"\(f(legendX + 22))\" y2=\"\(f(legendY))\" stroke=\"\(colour)\" stroke-width=\"3\"/>\n"
                svg += "<text x=\"\(f(legendX + 28))\" y=\"\(f(legendY + 4))\">\(HTMLText.escape(line.name))</text>\n"
            }
        }
        return svg + "</svg>"
    }
}
