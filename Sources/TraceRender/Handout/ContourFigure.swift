import TraceEngine

/// What a contour plot of a two-weight objective needs: the view, the loss on a fine grid over it
/// (evaluated by the engine's ``Objective``), the minimum, and each optimizer's path `(w₁, w₂)`.
///
/// The view is chosen from the surface as well as the paths: it holds every path point, the
/// minimum, and the part of the sublevel set {L ≤ the highest starting loss} near them, so that a
/// valley the path follows (Rosenbrock's parabola w₂ = w₁²) shows whole. Both axes share one tick
/// step and end at ticks, and the plot draws them to the same scale.
public struct ContourFigure: Sendable {
    public var objective: Objective
    public var low: [Double]
    public var high: [Double]
    /// The tick step of both axes (1, 2 or 5 × 10ᵏ).
    public var tickStep: Double
    /// `grid[row][column]`, rows from `low[1]` up, columns from `low[0]` right.
    public var grid: [[Double]]
    public var minimum: [Double]
    public var paths: [(name: String, points: [[Double]])]

    public init(objective: Objective, paths: [(name: String, points: [[Double]])], resolution: Int = 241) {
        let view = Self.view(objective: objective, paths: paths.map(\.points))
        self.objective = objective
        self.low = view.low
        self.high = view.high
        self.tickStep = view.step
        self.grid = objective.grid(low: view.low, high: view.high, resolution: resolution)
        self.minimum = objective.minimum
        self.paths = paths
    }

    /// The rectangle to draw and its tick step: see the type's description. A point whose loss is
    /// over 100 times the highest starting loss belongs to a run that is diverging: it is left
    /// out of the frame (the plot cuts that path at the frame's edge).
    static func view(objective: Objective, paths: [[[Double]]]) -> (low: [Double], high: [Double], step: Double) {
        let starts = paths.compactMap(\.first).filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
        let startLoss = starts.map { objective.value(at: $0) }.filter(\.isFinite).max() ?? 0
        let points = paths.flatMap { $0 }.filter {
            $0.count == 2 && $0.allSatisfy(\.isFinite) && objective.value(at: $0) <= max(100 * startLoss, startLoss + 1)
        } + [objective.minimum]
        var low = [points.map { $0[0] }.min() ?? -1, points.map { $0[1] }.min() ?? -1]
        var high = [points.map { $0[0] }.max() ?? 1, points.map { $0[1] }.max() ?? 1]
        var span = max(high[0] - low[0], high[1] - low[1])
        if !(span > 1e-9) { span = max(1, abs(low[0]), abs(low[1])) }

        // The sublevel set below the highest starting loss, sampled around the paths.
        let ceiling = startLoss
        let sampleLow = [low[0] - span, low[1] - span], sampleHigh = [high[0] + span, high[1] + span]
        let samples = 81
        let grid = objective.grid(low: sampleLow, high: sampleHigh, resolution: samples)
        for (row, values) in grid.enumerated() {
            for (column, value) in values.enumerated() where value <= ceiling {
                let w1 = sampleLow[0] + (sampleHigh[0] - sampleLow[0]) * Double(column) / Double(samples - 1)
                let w2 = sampleLow[1] + (sampleHigh[1] - sampleLow[1]) * Double(row) / Double(samples - 1)
                low = [min(low[0], w1), min(low[1], w2)]
                high = [max(high[0], w1), max(high[1], w2)]
            }
        }
        // A margin, and no side shorter than 60 % of the other, so the plot is never a sliver.
        var spans = [high[0] - low[0], high[1] - low[1]].map { max($0, 1e-9) }
        let longest = spans.max() ?? 1
        for k in 0..<2 {
            let wanted = max(spans[k], 0.6 * longest)
            let pad = (wanted - spans[k]) / 2 + 0.06 * longest
            low[k] -= pad
            high[k] += pad
            spans[k] = high[k] - low[k]
        }
        let step = NiceScale.nice(NiceScale.nice(spans.max() ?? 1, round: false) / 6, round: true)
        return ([(low[0] / step).rounded(.down) * step, (low[1] / step).rounded(.down) * step],
                [(high[0] / step).rounded(.up) * step, (high[1] / step).rounded(.up) * step], step)
    }

    /// The contour lines both writers draw, in grid coordinates `(column, row)`: the levels of
    /// ``MarchingSquares/levels(lowest:highest:)`` over the grid's values that the grid resolves
    /// (``MarchingSquares/resolved(_:level:share:)``), each with its lines; `logarithmic` when
    /// the levels are log-spaced.
    public var contours: (levels: [(level: Double, lines: [[(Double, Double)]])], logarithmic: Bool) {
        let values = grid.flatMap { $0 }.filter(\.isFinite)
        let (levels, logarithmic) = MarchingSquares.levels(lowest: values.min() ?? 0, highest: values.max() ?? 0)
        let drawn = levels.compactMap { level in MarchingSquares.lines(grid, level: level).map { (level: level, lines: $0) } }
        return (drawn, logarithmic)
    }

    /// The numbers behind the figure, for the page beside it: each path's start, end and loss
    /// at the end (3 significant digits, as the figure's description gives them).
    public var pathTable: Table {
        func n(_ v: Double) -> String { NumberFormat.significant(v, digits: 3) }
        let rows = paths.map { path -> [String] in
            let finite = path.points.filter { $0.count == 2 && $0.allSatisfy(\.isFinite) }
            guard let first = finite.first, let last = finite.last else { return [path.name, "", "", "", "0"] }
            return [path.name, "(\(n(first[0])), \(n(first[1])))", "(\(n(last[0])), \(n(last[1])))",
                    n(objective.value(at: last)), "\(finite.count - 1)"]
        }
        return Table(header: ["path", "start (w₁, w₂)", "end (w₁, w₂)", "L at the end", "updates"], rows: rows,
                     caption: "Where each path starts and ends; the minimum is at (\(n(minimum[0])), \(n(minimum[1]))).")
    }
}
