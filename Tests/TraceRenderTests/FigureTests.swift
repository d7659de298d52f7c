import Foundation
import FoundationXML
import Testing
import TraceEngine
@testable import TraceRender

/// The plotting layer: tick rule, framing, staircases, palette, contours, accessible text.
@Suite struct FigureTests {
    /// Heckbert's rule worked by hand for the loss range of the issue (0.07856 … 0.08415, 5 ticks):
    /// range = nice(0.00559) = 0.01, step = nice(0.0025, round) = 0.002, axis [0.078, 0.086].
    @Test func tickRuleWorkedByHand() {
        let scale = NiceScale(low: 0.07856, high: 0.08415)
        #expect(scale.step == 0.002)
        #expect(scale.ticks == [0.078, 0.08, 0.082, 0.084, 0.086])
        #expect(scale.ticks.map(scale.label) == ["0.078", "0.080", "0.082", "0.084", "0.086"])
        // 7.157 … 9.5 (the η axis): range nice(2.343) = 5, step nice(1.25, round) = 1.
        let eta = NiceScale(low: 7.157, high: 9.5)
        #expect(eta.ticks == [7, 8, 9, 10])
        #expect(NiceScale(low: 0, high: 37.9).ticks.map(NiceScale(low: 0, high: 37.9).label) == ["0", "10", "20", "30", "40"])
    }

    /// Over many ranges: every step is 1, 2 or 5 × 10ᵏ, the axis covers the data and ends on ticks.
    @Test func tickRuleHoldsOverManyRanges() {
        var generator = SplitMix64(seed: 17)
        for _ in 0..<2000 {
            let magnitude = pow(10, Double.random(in: -6...6, using: &generator))
            let a = Double.random(in: -1...1, using: &generator) * magnitude
            let b = a + Double.random(in: 1e-3...1, using: &generator) * magnitude
            let scale = NiceScale(low: a, high: b)
            let mantissa = scale.step / pow(10, floor(log10(scale.step)))
            #expect([1, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }, "step \(scale.step)")
            #expect(scale.low <= a && scale.high >= b, "[\(a), \(b)] in [\(scale.low), \(scale.high)]")
            #expect((3...11).contains(scale.ticks.count), "\(scale.ticks.count) ticks for [\(a), \(b)]")
            #expect(abs(scale.low / scale.step - (scale.low / scale.step).rounded()) < 1e-6)
        }
    }

    /// Powers of ten when the values span four decades or more; nil under two decades.
    @Test func logScaleTicks() throws {
        let wide = try #require(LogScale(values: [0.003, 2]))
        #expect(wide.ticks == [0.001, 0.01, 0.1, 1, 10])
        let narrow = try #require(LogScale(values: [0.03, 4]))
        #expect(narrow.ticks == [0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5])
        #expect(LogScale(values: [0.5, 20]) == nil)
        #expect(LogScale(values: [0, 20]) == nil)
        #expect(wide.label(1e-5) == "10⁻⁵")
    }

    /// Every path point and the minimum lie inside the view; Rosenbrock's valley w₂ = w₁² shows
    /// over the path's w₁ (its point at w₁ = −1.2 has L = 2.2² = 4.84, below the start's 24.2).
    @Test func viewHoldsThePathsTheMinimumAndTheValley() {
        let cases: [(Objective, [[[Double]]])] = [
            (.rosenbrock(a: 1, b: 100), [[[-1.2, 1], [-1.05, 1.2], [-0.96, 0.9]]]),
            (.rosenbrock(a: 1, b: 100), [[[-1.2, 1], [5, 30]], [[0.5, -2]]]),
            (.quadratic(a: 1, b: 10), [[[3, 1], [2.4, -1], [1.9, 0.5]]]),
            (.quadratic(a: 1, b: 1), [[[0, 0]]]),
            (.quadratic(a: 1, b: 1), [[[1e-4, 2e-4], [5e-5, 1e-4]]]),
        ]
        for (objective, paths) in cases {
            let figure = ContourFigure(objective: objective, paths: paths.map { ("p", $0) }, resolution: 11)
            for point in paths.flatMap({ $0 }) + [objective.minimum] {
                #expect(figure.low[0] <= point[0] && point[0] <= figure.high[0], "\(point) in \(figure.low)…\(figure.high)")
                #expect(figure.low[1] <= point[1] && point[1] <= figure.high[1], "\(point) in \(figure.low)…\(figure.high)")
            }
            // Both axes end on multiples of the shared tick step.
            for v in figure.low + figure.high {
                #expect(abs(v / figure.tickStep - (v / figure.tickStep).rounded()) < 1e-6)
            }
            let (width, height, perUnit) = ContourPlot.scale(figure)
            #expect(abs(width / (figure.high[0] - figure.low[0]) - perUnit) < 1e-9)
            #expect(abs(height / (figure.high[1] - figure.low[1]) - perUnit) < 1e-9)
            #expect(min(width, height) >= 0.55 * max(width, height), "not a sliver")
        }
        let rosenbrock = ContourFigure(objective: .rosenbrock(a: 1, b: 100), paths: [("adam", [[-1.2, 1], [-0.96, 0.9]])], resolution: 11)
        #expect(rosenbrock.high[1] >= 1.44 && rosenbrock.low[1] <= 0, "the valley from w₁ = −1.2 through 0 to the minimum")
    }

    /// A staircase holds each value until the next update: horizontal treads, vertical risers.
    @Test func staircaseGeometry() {
        let points: [(t: Int, value: Double)] = [(1, 1.0), (2, 1.0), (3, 0.5), (4, 0.25)]
        let corners = LinePlot.staircase(points)
        #expect(corners.map(\.0) == [1, 2, 2, 3, 3, 4, 4, 5])
        #expect(corners.map(\.1) == [1, 1, 1, 1, 0.5, 0.5, 0.25, 0.25])
        for k in 1..<corners.count {
            #expect(corners[k].0 == corners[k - 1].0 || corners[k].1 == corners[k - 1].1, "no sloped segment")
        }
    }

    /// Eight series differ in colour, in dash pattern and in marker, so each pair is told apart
    /// in greyscale print by its dashes and marker alone.
    @Test func paletteIsDistinct() {
        let styles = SeriesStyle.all
        #expect(styles.count == 8)
        #expect(Set(styles.map(\.colour)).count == 8)
        #expect(Set(styles.map(\.dashes)).count == 8)
        #expect(Set(styles.map(\.marker)).count == 8)
        // Okabe & Ito's eight colours, no other.
        #expect(Set(styles.map(\.colour)) == ["#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"])
    }

    @Test func markersAreThinnedOnLongRuns() {
        #expect(MarkerShape.thinned(count: 8) == Array(0..<8))
        let long = MarkerShape.thinned(count: 300, limit: 12)
        #expect(long.count <= 12 && long.count >= 10)
        #expect(MarkerShape.thinned(count: 300, limit: 12, offset: 1) != long, "series are staggered")
    }

    /// Contour points of x² + y² at level r² lie on the circle of radius r.
    @Test func marchingSquaresTracesACircle() {
        let n = 81, half = 2.0
        func coordinate(_ k: Double) -> Double { -half + 2 * half * k / Double(n - 1) }
        let grid = (0..<n).map { row in (0..<n).map { column in
            pow(coordinate(Double(column)), 2) + pow(coordinate(Double(row)), 2) } }
        let segments = MarchingSquares.segments(grid, level: 1)
        #expect(segments.count > 100)
        for (a, b) in segments {
            for p in [a, b] {
                #expect(abs(hypot(coordinate(p.0), coordinate(p.1)) - 1) < 2e-3)
            }
        }
        let (levels, logarithmic) = MarchingSquares.levels(lowest: 0.001, highest: 2000)
        // 6.3 decades: levels at 1 and 3 × 10ᵏ.
        #expect(logarithmic && levels.first == 0.003 && levels.last == 1000 && levels.count == 12)
        #expect(MarchingSquares.levels(lowest: 1, highest: 9).levels == [2, 3, 4, 5, 6, 7, 8])
    }

    /// A level the grid resolves is drawn, its stray grid points raised; a level whose region
    /// the grid sees as a chain of islands is left out. Grids built by hand: 0 is below the
    /// level 0.5, 1 above.
    @Test func unresolvedContourLevelsAreLeftOut() throws {
        // One block of 9 points and one stray point: 9 of 10 is over 80 %; the stray is raised.
        var grid = [[Double]](repeating: [Double](repeating: 1, count: 8), count: 8)
        for row in 1...3 { for column in 1...3 { grid[row][column] = 0 } }
        grid[6][6] = 0
        let cleaned = try #require(MarchingSquares.resolved(grid, level: 0.5))
        #expect(cleaned[6][6] == 0.5 && cleaned[2][2] == 0)
        #expect(try #require(MarchingSquares.lines(grid, level: 0.5)).count == 1, "one loop, no speck")
        // A dashed line of single points (a valley narrower than a cell): no piece holds 80 %.
        var dashes = [[Double]](repeating: [Double](repeating: 1, count: 12), count: 4)
        for column in stride(from: 1, to: 12, by: 2) { dashes[2][column] = 0 }
        #expect(MarchingSquares.resolved(dashes, level: 0.5) == nil)
        // Diagonal neighbours are apart (a saddle): a diagonal of 5 points is 5 pieces.
        var diagonal = [[Double]](repeating: [Double](repeating: 1, count: 7), count: 7)
        for k in 1...5 { diagonal[k][k] = 0 }
        #expect(MarchingSquares.resolved(diagonal, level: 0.5) == nil)
    }

    /// Rosenbrock's valley is narrower than a grid cell below L ≈ 0.3 (its half-width in w₂ is
    /// √(L/100), 0.03 at L = 0.1 against a cell of 5/240 ≈ 0.021): no drawn contour is a speck
    /// of a cell or two, and the contours that are drawn reach the valley near the minimum.
    @Test func rosenbrockContoursHaveNoSpecks() {
        let figure = ContourFigure(objective: .rosenbrock(a: 1, b: 100), paths: [("adam", [[-1.2, 1], [-0.96, 0.9]])])
        let contours = figure.contours.levels
        #expect(!contours.isEmpty)
        let last = Double(figure.grid.count - 1)
        for contour in contours {
            for line in contour.lines {
                let xs = line.map(\.0), ys = line.map(\.1)
                let touchesFrame = line.contains { $0.0 <= 0 || $0.1 <= 0 || $0.0 >= last || $0.1 >= last }
                let extent = max((xs.max() ?? 0) - (xs.min() ?? 0), (ys.max() ?? 0) - (ys.min() ?? 0))
                #expect(touchesFrame || extent >= 3, "a speck at level \(contour.level)")
            }
        }
        #expect(contours.map(\.level).allSatisfy { $0 >= 0.3 - 1e-12 })
        #expect(abs((contours.first?.level ?? 0) - 0.3) < 1e-12, "the lowest level the grid resolves")
    }

    /// Runs that diverge alike (gd, sgd and minibatch on an objective are one run) leave the
    /// view at one point: one label names them all, in SVG and in LaTeX, instead of three drawn
    /// over each other; a run leaving elsewhere keeps its own.
    @Test func pathsLeavingTogetherShareOneLabel() {
        let diverging: [[Double]] = [[-1.2, 1], [-1.0, 1.1], [1e30, 1e30]]
        let figure = ContourFigure(
            objective: .rosenbrock(a: 1, b: 100),
            paths: [("gd", diverging), ("sgd", diverging), ("adam", [[-1.2, 1], [-0.9, 0.8]]), ("momentum", [[-1.2, 1], [0.5, 1.5], [1e30, 1]])],
            resolution: 11)
        let labels = ContourPlot.leavingLabels(figure)
        #expect(labels.map(\.text) == ["gd, sgd leave the view", "momentum leaves the view"])
        #expect(labels.first?.point == [-1.0, 1.1])
        let svg = ContourPlot.svg(figure), tex = PGFContourPlot.tikz(figure)
        for text in ["gd, sgd leave the view", "momentum leaves the view"] {
            #expect(svg.components(separatedBy: text).count == 2, "once in the SVG: \(text)")
            #expect(tex.components(separatedBy: text).count == 2, "once in LaTeX: \(text)")
        }
        #expect(!svg.contains("gd leaves") && !tex.contains("sgd leaves"))
    }

    /// The SVG parses as XML and says in words what it shows: the trend and the end values.
    @Test func figuresHaveTitleAndDescription() throws {
        let plot = LinePlot.svg([PlotSeries(name: "loss", points: [(1, 0.5), (2, 0.25), (3, 0.3)])], label: "loss")
        let document = try XMLDocument(xmlString: plot, options: [])
        let desc = try #require(try document.nodes(forXPath: "//*[local-name()='desc']").first?.stringValue)
        #expect(desc.contains("loss falls from 0.5 at t = 1 to 0.3 at t = 3 (lowest 0.25 at t = 2)"))
        #expect(try document.nodes(forXPath: "//*[local-name()='title']").count == 1)

        let figure = ContourFigure(objective: .quadratic(a: 1, b: 1), paths: [("gd", [[1, 1], [0.5, 0.5]])], resolution: 21)
        let contour = try XMLDocument(xmlString: ContourPlot.svg(figure), options: [])
        let contourDesc = try #require(try contour.nodes(forXPath: "//*[local-name()='desc']").first?.stringValue)
        #expect(contourDesc.contains("gd starts at (1, 1) and ends after 1 updates at (0.5, 0.5), L = 0.5."))
    }
}

extension FigureTests {
    @Test func logTickLabelsArePlainNumbersBetweenTheExtremes() throws {
        let scale = try #require(LogScale(values: [2, 1000]))
        #expect(scale.ticks.map(scale.label) == ["2", "5", "10", "20", "50", "100", "200", "500", "1000"])
        #expect(scale.label(0.002) == "0.002")
    }
}

extension FigureTests {
    /// A diverging loss (1 to 10³⁰⁰) gets a tick every 50 decades (300/8 = 37.5, rounded up to
    /// 1, 2 or 5 × 10ᵏ), not three hundred ticks.
    @Test func logScaleOverHundredsOfDecades() throws {
        let scale = try #require(LogScale(values: [1, 1e300]))
        #expect(scale.ticks.count <= 12)
        #expect(scale.ticks.first == 1 && scale.ticks.last.map { $0 >= 1e300 } == true)
        #expect(scale.ticks.map { log10($0).rounded() } == stride(from: 0.0, through: 300, by: 50).map { $0 })
    }
}
