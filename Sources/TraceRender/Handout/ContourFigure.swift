import TraceEngine

/// What a contour plot of a two-weight objective needs: the loss on a grid (evaluated by the
/// engine's ``Objective``), the minimum, and each optimizer's path `(w₁, w₂)` per update.
public struct ContourFigure: Sendable {
    public var low: [Double]
    public var high: [Double]
    /// `grid[row][column]`, rows from `low[1]` up, columns from `low[0]` right.
    public var grid: [[Double]]
    public var minimum: [Double]
    public var paths: [(name: String, points: [[Double]])]

    /// A figure framing every path and the minimum, with a margin, over `objective`.
    public init(objective: Objective, paths: [(name: String, points: [[Double]])], resolution: Int = 64) {
        let points = paths.flatMap(\.points).filter { $0.allSatisfy(\.isFinite) } + [objective.minimum]
        var low = [points.map { $0[0] }.min() ?? -1, points.map { $0[1] }.min() ?? -1]
        var high = [points.map { $0[0] }.max() ?? 1, points.map { $0[1] }.max() ?? 1]
        for k in 0..<2 {
            let span = max(high[k] - low[k], 1e-6)
            low[k] -= 0.15 * span
            high[k] += 0.15 * span
        }
        self.low = low
        self.high = high
        self.grid = objective.grid(low: low, high: high, resolution: resolution)
        self.minimum = objective.minimum
        self.paths = paths
    }
}
