import Foundation

/// A point of a drawing, in pixels with y growing downwards (the SVG's own coordinates).
struct DrawingPoint: Equatable, Sendable {
    var x: Double
    var y: Double

    static func + (a: DrawingPoint, b: DrawingPoint) -> DrawingPoint { DrawingPoint(x: a.x + b.x, y: a.y + b.y) }
    static func - (a: DrawingPoint, b: DrawingPoint) -> DrawingPoint { DrawingPoint(x: a.x - b.x, y: a.y - b.y) }
    static func * (a: DrawingPoint, k: Double) -> DrawingPoint { DrawingPoint(x: a.x * k, y: a.y * k) }

    var length: Double { hypot(x, y) }
}

/// A convex outline (a text's box, a unit's circle as a polygon, a line as its two ends), to
/// tell whether two pieces of a drawing overlap: by the separating-axis theorem, two convex
/// shapes are apart exactly when their projections on some edge normal of either are apart.
struct ConvexShape: Sendable {
    let corners: [DrawingPoint]

    /// A line segment from `a` to `b`.
    static func segment(_ a: DrawingPoint, _ b: DrawingPoint) -> ConvexShape { ConvexShape(corners: [a, b]) }

    /// A circle, as the regular 16-gon around it.
    static func circle(_ center: DrawingPoint, radius: Double) -> ConvexShape {
        let r = radius / cos(Double.pi / 16)
        return ConvexShape(corners: (0..<16).map { k in
            let angle = Double(k) * Double.pi / 8
            return DrawingPoint(x: center.x + r * cos(angle), y: center.y + r * sin(angle))
        })
    }

    /// The rectangle spanning `along` in the direction `u` (a unit vector) and `across` in the
    /// direction `n` (perpendicular to it), from `origin`.
    static func box(origin: DrawingPoint, u: DrawingPoint, n: DrawingPoint, along: ClosedRange<Double>, across: ClosedRange<Double>) -> ConvexShape {
        ConvexShape(corners: [
            origin + u * along.lowerBound + n * across.lowerBound, origin + u * along.upperBound + n * across.lowerBound,
            origin + u * along.upperBound + n * across.upperBound, origin + u * along.lowerBound + n * across.upperBound,
        ])
    }

    /// Whether the two shapes share a point (touching counts when closer than 0.01 px).
    func overlaps(_ other: ConvexShape) -> Bool {
        !separates(from: other) && !other.separates(from: self)
    }

    /// Whether one of this shape's axes separates it from `other` (their projections on it are
    /// apart): each edge's normal, and a segment's own direction too, so that two segments on
    /// one line are told apart. Worked out without building arrays of axes or projections: a
    /// network diagram's labels try thousands of places.
    private func separates(from other: ConvexShape) -> Bool {
        let count = corners.count
        var first: DrawingPoint?
        for k in corners.indices {
            guard let axis = normal(ofEdge: k, count: count) else { continue }
            if first == nil { first = axis }
            if areApart(other, on: axis) { return true }
        }
        if count == 2, let normal = first { return areApart(other, on: DrawingPoint(x: normal.y, y: -normal.x)) }
        return false
    }

    private func areApart(_ other: ConvexShape, on axis: DrawingPoint) -> Bool {
        let (lowA, highA) = projection(on: axis), (lowB, highB) = other.projection(on: axis)
        return highA < lowB - 0.01 || highB < lowA - 0.01
    }

    /// Whether every corner lies within `0…width` × `0…height`.
    func isInside(width: Double, height: Double) -> Bool {
        corners.allSatisfy { $0.x >= 0 && $0.x <= width && $0.y >= 0 && $0.y <= height }
    }

    /// The unit normal of the edge from corner `k` to the next, `nil` for an edge of length 0.
    private func normal(ofEdge k: Int, count: Int) -> DrawingPoint? {
        let edge = corners[(k + 1) % count] - corners[k]
        let length = edge.length
        return length > 0 ? DrawingPoint(x: -edge.y / length, y: edge.x / length) : nil
    }

    /// The lowest and highest of the corners' projections on `axis`, compared as `min()` and
    /// `max()` compare them, without the array of them.
    private func projection(on axis: DrawingPoint) -> (Double, Double) {
        guard let first = corners.first else { return (0, 0) }
        var low = first.x * axis.x + first.y * axis.y, high = low
        for corner in corners.dropFirst() {
            let value = corner.x * axis.x + corner.y * axis.y
            if value < low { low = value }
            if high < value { high = value }
        }
        return (low, high)
    }
}
