import Testing
import TraceEngine
@testable import TraceRender

/// Overlap by the separating-axis theorem, against what is plain for simpler shapes: two
/// axis-aligned boxes overlap exactly when their x and their y intervals do (touching within
/// 0.01 px counts), and segments on one line overlap exactly when their intervals on it do.
@Suite struct ConvexShapeTests {
    static func box(x: ClosedRange<Double>, y: ClosedRange<Double>) -> ConvexShape {
        .box(origin: DrawingPoint(x: 0, y: 0), u: DrawingPoint(x: 1, y: 0), n: DrawingPoint(x: 0, y: 1), along: x, across: y)
    }

    static func intervalsMeet(_ a: ClosedRange<Double>, _ b: ClosedRange<Double>) -> Bool {
        !(a.upperBound < b.lowerBound - 0.01 || b.upperBound < a.lowerBound - 0.01)
    }

    @Test func boxesOverlapWhenBothIntervalsDo() {
        var generator = Xoshiro256StarStar(seed: 7)
        func interval() -> ClosedRange<Double> {
            let low = Double(generator.uniform(below: 40)) / 2, length = Double(generator.uniform(below: 20)) / 2
            return low...(low + length)
        }
        for _ in 0..<2_000 {
            let (ax, ay, bx, by) = (interval(), interval(), interval(), interval())
            let expected = Self.intervalsMeet(ax, bx) && Self.intervalsMeet(ay, by)
            #expect(Self.box(x: ax, y: ay).overlaps(Self.box(x: bx, y: by)) == expected, "\(ax)×\(ay) and \(bx)×\(by)")
        }
    }

    @Test func segmentsOnOneLineAreToldApart() {
        let a = ConvexShape.segment(DrawingPoint(x: 0, y: 0), DrawingPoint(x: 1, y: 1))
        #expect(!a.overlaps(.segment(DrawingPoint(x: 2, y: 2), DrawingPoint(x: 3, y: 3))))
        #expect(a.overlaps(.segment(DrawingPoint(x: 0.5, y: 0.5), DrawingPoint(x: 3, y: 3))))
        #expect(a.overlaps(.segment(DrawingPoint(x: 0, y: 1), DrawingPoint(x: 1, y: 0))))
        #expect(!a.overlaps(.segment(DrawingPoint(x: 0, y: 2), DrawingPoint(x: 2, y: 4))))
    }

    @Test func aCircleAndABox() {
        let circle = ConvexShape.circle(DrawingPoint(x: 0, y: 0), radius: 1)
        #expect(circle.overlaps(Self.box(x: 0.5...2, y: -0.2...0.2)))
        #expect(!circle.overlaps(Self.box(x: 1.1...2, y: -0.2...0.2)))
        #expect(!circle.overlaps(Self.box(x: 0.8...2, y: 0.8...2)))
    }
}
