import Foundation

/// How one series of a figure is drawn: a colour from Okabe and Ito's colour-blind-safe palette
/// (2008), a dash pattern and a marker shape, all three different for each of up to eight series
/// so that lines are told apart in colour, by colour-blind readers and in greyscale print.
struct SeriesStyle: Equatable {
    let colour: String
    /// An SVG `stroke-dasharray`, empty for a solid line.
    let dashes: String
    let marker: MarkerShape

    /// The eight styles in order. Okabe–Ito's yellow comes last: it is the faintest on white.
    static let all: [SeriesStyle] = [
        SeriesStyle(colour: "#0072B2", dashes: "", marker: .circle),           // blue
        SeriesStyle(colour: "#D55E00", dashes: "7 3", marker: .square),        // vermillion
        SeriesStyle(colour: "#009E73", dashes: "2 2", marker: .triangleUp),    // bluish green
        SeriesStyle(colour: "#CC79A7", dashes: "9 3 2 3", marker: .diamond),   // reddish purple
        SeriesStyle(colour: "#E69F00", dashes: "4 4", marker: .triangleDown),  // orange
        SeriesStyle(colour: "#56B4E9", dashes: "12 3 2 3 2 3", marker: .plus), // sky blue
        SeriesStyle(colour: "#000000", dashes: "1 3", marker: .cross),         // black
        SeriesStyle(colour: "#F0E442", dashes: "14 4", marker: .star),         // yellow
    ]

    /// The style of series `index` (styles repeat after eight).
    static func of(_ index: Int) -> SeriesStyle { all[index % all.count] }

    /// SVG attributes for a line in this style.
    func strokeAttributes(width: Double) -> String {
        // The yellow needs a darker edge to be seen on white: it is drawn a little wider.
        let w = colour == "#F0E442" ? width + 0.8 : width
        return "stroke=\"\(colour)\" stroke-width=\(quoted(w))" + (dashes.isEmpty ? "" : " stroke-dasharray=\"\(dashes)\"")
    }

    private func quoted(_ x: Double) -> String { "\"" + String(format: "%.1f", x) + "\"" }
}

/// A marker drawn at a data point; each is an SVG path around `(x, y)`.
enum MarkerShape: String, CaseIterable {
    case circle, square, triangleUp, diamond, triangleDown, plus, cross, star

    /// Whether the shape is an outline only (drawn with a stroke, no fill).
    var isStroked: Bool { self == .plus || self == .cross }

    /// The marker as an SVG element of radius about `r`, outlined in dark grey so that it shows on
    /// any line colour.
    func svg(x: Double, y: Double, r: Double, colour: String) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        let d: String
        switch self {
        case .circle:
            return "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(colour)\" stroke=\"#222\" stroke-width=\"0.6\"/>"
        case .square:
            d = "M\(f(x - r * 0.85)) \(f(y - r * 0.85))h\(f(1.7 * r))v\(f(1.7 * r))h\(f(-1.7 * r))Z"
        case .triangleUp:
            d = "M\(f(x)) \(f(y - 1.2 * r))L\(f(x + 1.1 * r)) \(f(y + 0.8 * r))L\(f(x - 1.1 * r)) \(f(y + 0.8 * r))Z"
        case .triangleDown:
            d = "M\(f(x)) \(f(y + 1.2 * r))L\(f(x + 1.1 * r)) \(f(y - 0.8 * r))L\(f(x - 1.1 * r)) \(f(y - 0.8 * r))Z"
        case .diamond:
            d = "M\(f(x)) \(f(y - 1.3 * r))L\(f(x + r)) \(f(y))L\(f(x)) \(f(y + 1.3 * r))L\(f(x - r)) \(f(y))Z"
        case .plus:
            d = "M\(f(x - 1.2 * r)) \(f(y))h\(f(2.4 * r))M\(f(x)) \(f(y - 1.2 * r))v\(f(2.4 * r))"
        case .cross:
            d = "M\(f(x - r)) \(f(y - r))l\(f(2 * r)) \(f(2 * r))M\(f(x - r)) \(f(y + r))l\(f(2 * r)) \(f(-2 * r))"
        case .star:
            d = (0..<10).map { k -> String in
                let angle = Double.pi / 5 * Double(k) - Double.pi / 2
                let radius = k % 2 == 0 ? 1.3 * r : 0.55 * r
                return (k == 0 ? "M" : "L") + "\(f(x + radius * cos(angle))) \(f(y + radius * sin(angle)))"
            }.joined() + "Z"
        }
        if isStroked {
            return "<path d=\"\(d)\" fill=\"none\" stroke=\"\(colour == "#F0E442" ? "#8a7d00" : colour)\" stroke-width=\"2\"/>"
        }
        return "<path d=\"\(d)\" fill=\"\(colour)\" stroke=\"#222\" stroke-width=\"0.6\"/>"
    }

    /// Every `k`-th point of `count`, so that a long run shows at most `limit` markers; `offset`
    /// staggers series so that their markers do not sit on the same updates.
    static func thinned(count: Int, limit: Int = 12, offset: Int = 0) -> [Int] {
        guard count > limit else { return Array(0..<count) }
        let every = (count + limit - 1) / limit
        let start = (offset * max(1, every / 3)) % every
        return Array(stride(from: start, to: count, by: every))
    }
}
