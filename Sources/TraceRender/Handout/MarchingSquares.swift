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

    /// `grid` ready to draw `level`, or `nil` when the grid does not resolve it.
    ///
    /// The region {L < level} of both objectives (a bowl, Rosenbrock's valley) is one piece. On
    /// a grid, a level too low for its spacing shows that region as a chain of islands (the
    /// grid points that happen to fall on a valley floor narrower than a cell), which marching
    /// squares draws as dashes. So: the grid points below `level` are joined into pieces
    /// (4-neighbours: a diagonal pair is a saddle, which marching squares may draw apart); if
    /// the largest piece holds less than `share` of them the level is left out, and otherwise
    /// the stray points of the smaller pieces (at a valley's thin tips) are raised to `level`,
    /// so no speck is drawn around them.
    static func resolved(_ grid: [[Double]], level: Double, share: Double = 0.8) -> [[Double]]? {
        let rows = grid.count, columns = grid.first?.count ?? 0
        guard rows > 0, columns > 0, grid.allSatisfy({ $0.count == columns }) else { return nil }
        var piece = [[Int]](repeating: [Int](repeating: -1, count: columns), count: rows)
        var sizes: [Int] = []
        for row in 0..<rows {
            for column in 0..<columns where grid[row][column] < level && piece[row][column] < 0 {
                let label = sizes.count
                var stack = [(row, column)], size = 0
                piece[row][column] = label
                while let (r, c) = stack.popLast() {
                    size += 1
                    for (nr, nc) in [(r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)] {
                        guard nr >= 0, nr < rows, nc >= 0, nc < columns, piece[nr][nc] < 0, grid[nr][nc] < level else { continue }
                        piece[nr][nc] = label
                        stack.append((nr, nc))
                    }
                }
                sizes.append(size)
            }
        }
        let total = sizes.reduce(0, +)
        guard let largest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }) else { return grid }
        guard Double(sizes[largest]) >= share * Double(total) else { return nil }
        guard sizes.count > 1 else { return grid }
        var cleaned = grid
        for row in 0..<rows {
            for column in 0..<columns where piece[row][column] >= 0 && piece[row][column] != largest {
                cleaned[row][column] = level
            }
        }
        return cleaned
    }

    /// The contour lines of `grid` at `level`, joined (``polylines(_:)``), or `nil` where the
    /// grid does not resolve the level (``resolved(_:level:share:)``).
    static func lines(_ grid: [[Double]], level: Double) -> [[(Double, Double)]]? {
        resolved(grid, level: level).map { polylines(segments($0, level: level)) }
    }

    /// Segments joined end to end into lines (points in grid coordinates): each line is
    /// followed forwards and backwards from a segment until no segment continues it; segments of
    /// no length are left out.
    static func polylines(_ segments: [((Double, Double), (Double, Double))]) -> [[(Double, Double)]] {
        struct Key: Hashable { let x: Int64, y: Int64 }
        func key(_ p: (Double, Double)) -> Key { Key(x: Int64((p.0 * 1e6).rounded()), y: Int64((p.1 * 1e6).rounded())) }
        var at: [Key: [Int]] = [:]
        // A segment of no length (where a grid point lies exactly on the level) draws nothing.
        var used = segments.map { key($0.0) == key($0.1) }
        for (index, segment) in segments.enumerated() where !used[index] {
            at[key(segment.0), default: []].append(index)
            at[key(segment.1), default: []].append(index)
        }
        func next(from point: (Double, Double)) -> (Double, Double)? {
            guard let candidates = at[key(point)], let index = candidates.first(where: { !used[$0] }) else { return nil }
            used[index] = true
            let segment = segments[index]
            return key(segment.0) == key(point) ? segment.1 : segment.0
        }
        var lines: [[(Double, Double)]] = []
        for index in segments.indices where !used[index] {
            used[index] = true
            var forward = [segments[index].0, segments[index].1]
            while let last = forward.last, let point = next(from: last) { forward.append(point) }
            var backward: [(Double, Double)] = []
            while let first = backward.last ?? forward.first, let point = next(from: first) { backward.append(point) }
            lines.append(backward.reversed() + forward)
        }
        return lines
    }
}
