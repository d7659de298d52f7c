import Foundation

/// Contour lines of a function sampled on a grid, by marching squares: in each cell, the points
/// where `level` crosses the cell's edges (interpolated linearly along the edge) are joined in
/// pairs; a saddle cell (crossings on all four edges) is resolved by the mean of its corners.
enum MarchingSquares {
    /// Segments `((column, row), (column, row))` in grid coordinates, fractional along edges.
    static func segments(_ grid: [[Double]], level: Double) -> [((Double, Double), (Double, Double))] {
        guard grid.count > 1, let width = grid.first?.count, width > 1 else { return [] }
        var segments: [((Double, Double), (Double, Double))] = []
        let positions = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
        for row in 0..<(grid.count - 1) {
            for column in 0..<(width - 1) {
                let corners = [grid[row][column], grid[row][column + 1], grid[row + 1][column + 1], grid[row + 1][column]]
                guard corners.allSatisfy(\.isFinite) else { continue }
                // Crossing points on edges 0 (bottom), 1 (right), 2 (top), 3 (left), or nil.
                let crossings: [(Double, Double)?] = (0..<4).map { edge in
                    let a = corners[edge], b = corners[(edge + 1) % 4]
                    guard (a < level) != (b < level) else { return nil }
                    let share = (level - a) / (b - a)
                    let p = positions[edge], q = positions[(edge + 1) % 4]
                    return (Double(column) + p.0 + (q.0 - p.0) * share, Double(row) + p.1 + (q.1 - p.1) * share)
                }
                let found = crossings.compactMap { $0 }
                if found.count == 2 {
                    segments.append((found[0], found[1]))
                } else if found.count == 4, let e0 = crossings[0], let e1 = crossings[1], let e2 = crossings[2], let e3 = crossings[3] {
                    let centreBelow = corners.reduce(0, +) / 4 < level
                    if centreBelow == (corners[0] < level) {
                        segments += [(e0, e1), (e2, e3)]
                    } else {
                        segments += [(e3, e0), (e1, e2)]
                    }
                }
            }
        }
        return segments
    }

    /// Contour levels for values from `lowest` to `highest`: at 1, 2 and 5 × 10ᵏ (or at powers of
    /// ten) when positive values span two decades or more, so a deep valley and a steep wall both
    /// show; else at round-number steps (``NiceScale``). Only levels strictly inside the range.
    static func levels(lowest: Double, highest: Double) -> (levels: [Double], logarithmic: Bool) {
        guard highest > lowest else { return ([], false) }
        // Below a millionth of the highest value, log-spaced levels would only ring the minimum.
        let floorValue = max(lowest, highest * 1e-6)
        if floorValue > 0, log10(highest / floorValue) >= 2 {
            // About 8 to 18 levels: 1, 2, 5 × 10ᵏ over few decades, 1, 3 × 10ᵏ or 10ᵏ over more.
            let decades = log10(highest / floorValue)
            let mantissas: [Double] = decades <= 5 ? [1, 2, 5] : decades <= 8 ? [1, 3] : [1]
            var levels: [Double] = []
            for exponent in Int(floor(log10(floorValue)))...Int(ceil(log10(highest))) {
                for m in mantissas {
                    let level = m * pow(10, Double(exponent))
                    if level > floorValue, level < highest { levels.append(level) }
                }
            }
            return (levels, true)
        }
        let scale = NiceScale(low: lowest, high: highest, count: 12)
        return (scale.ticks.filter { $0 > lowest && $0 < highest }, false)
    }
}
