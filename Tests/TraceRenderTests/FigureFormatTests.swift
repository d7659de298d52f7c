import Foundation
import Testing
import TraceEngine
@testable import TraceRender

/// One figure, three writers: the LaTeX (pgfplots) form draws from the same ticks, styles and
/// contour segments as the SVG, and Markdown links the SVG saved beside the page.
@Suite struct FigureFormatTests {
    /// The `{…}` list after `key=` in pgfplots options.
    func list(_ key: String, in tex: String) -> [String] {
        guard let start = tex.range(of: "\(key)={") else { return [] }
        var depth = 1, end = start.upperBound
        while end < tex.endIndex, depth > 0 {
            if tex[end] == "{" { depth += 1 } else if tex[end] == "}" { depth -= 1 }
            if depth > 0 { end = tex.index(after: end) }
        }
        return tex[start.upperBound..<end].split(separator: ",").map { String($0) }
    }

    /// The loss axis of the issue (0.07856 … 0.08415): LaTeX ticks at the SVG's round numbers
    /// (0.078 … 0.086 by hand from Heckbert's rule), with the SVG's labels in math.
    @Test func linePlotUsesTheSVGTicks() {
        let series = [PlotSeries(name: "loss", points: [(1, 0.08415), (2, 0.08102), (3, 0.07856)])]
        let tex = PGFLinePlot.tikz(series, label: "loss")
        #expect(list("ytick", in: tex).compactMap(Double.init) == [0.078, 0.08, 0.082, 0.084, 0.086])
        #expect(list("yticklabels", in: tex) == ["{$0.078$}", "{$0.080$}", "{$0.082$}", "{$0.084$}", "{$0.086$}"])
        #expect(list("xticklabels", in: tex) == ["1", "2", "3"])
        #expect(!tex.contains("ymode=log") && !tex.contains("const plot") && !tex.contains("addlegendentry"))
        #expect(tex.contains("scaled y ticks=false"), "no ×10⁻² beside our own labels")
    }

    /// A step schedule is a `const plot` that holds its last value for one more update; values
    /// over decades get a log axis whose ticks are 1, 2, 5 × 10ᵏ.
    @Test func staircaseAndLogAxis() {
        let eta = PlotSeries(name: "η", points: [(1, 0.1), (2, 0.1), (3, 0.05), (4, 0.05)], isStepFunction: true)
        let tex = PGFLinePlot.tikz([eta], label: "η")
        #expect(tex.contains("const plot"))
        #expect(tex.contains("(4,0.05) (5,0.05)"), "the last value holds to t + 1")
        let loss = PlotSeries(name: "loss", points: [(1, 30), (2, 0.5), (3, 0.04)])
        let log = PGFLinePlot.tikz([loss], label: "loss")
        #expect(log.contains("ymode=log"))
        // 0.04 … 30 lies in the decades 10⁻² … 10²: four decades, more than three, so powers of ten.
        #expect(list("ytick", in: log).compactMap(Double.init) == [0.01, 0.1, 1, 10, 100])
        #expect(PGFStyle.tickLabel("2·10⁻⁵") == "$2\\cdot 10^{-5}$")
        #expect(PGFStyle.tickLabel("10⁴") == "$10^{4}$")
        #expect(PGFStyle.tickLabel("-0.5") == "$-0.5$")
    }

    /// Eight series: eight named colours, each defined in the preamble with the SVG's hex value,
    /// eight different dash patterns and marks, and a legend entry each.
    @Test func eightSeriesAreToldApart() {
        let series = (0..<8).map { k in PlotSeries(name: "s\(k)", points: (1...20).map { ($0, Double(k + $0)) }) }
        let tex = PGFLinePlot.tikz(series, label: "loss")
        let plots = tex.components(separatedBy: "\\addplot[").dropFirst().map { $0.prefix { $0 != "]" } }
        #expect(plots.count == 8)
        for (k, options) in plots.enumerated() {
            #expect(options.contains("color=\(PGFStyle.colourNames[k])"))
            #expect(PGFStyle.preamble.contains("\\definecolor{\(PGFStyle.colourNames[k])}{HTML}{\(SeriesStyle.all[k].colour.dropFirst())}"))
        }
        #expect(Set(plots.map { $0.components(separatedBy: "dash pattern=").last ?? "" }).count == 8)
        #expect(Set((0..<8).map { PGFStyle.marker($0, size: 2) }).count == 8)
        #expect(tex.components(separatedBy: "\\addlegendentry").count == 9)
        // Markers thinned as in the SVG: 20 points, at most 12 marks.
        #expect(list("mark indices", in: tex).count <= 12)
    }

    /// Joining marching-squares segments into lines keeps every segment: each appears once as two
    /// neighbouring points of one line (a circle's contour, level 0.9 of x² + y² on a grid).
    @Test func contourLinesKeepEverySegment() {
        var grid: [[Double]] = []
        for row in 0..<41 {
            var values: [Double] = []
            for column in 0..<41 {
                let x = Double(column - 20) / 10, y = Double(row - 20) / 10
                values.append(x * x + y * y)
            }
            grid.append(values)
        }
        let segments = MarchingSquares.segments(grid, level: 0.9)
        let lines = MarchingSquares.polylines(segments)
        func key(_ p: (Double, Double)) -> String { String(format: "%.6f,%.6f", p.0, p.1) }
        // Where a grid point lies on the level, marching squares gives segments of no length.
        let drawn = segments.filter { key($0.0) != key($0.1) }
        #expect(drawn.count > 40 && drawn.count < segments.count)
        #expect(lines.count == 1, "a circle is one closed line")
        #expect(lines.first.map { key($0[0]) == key($0[$0.count - 1]) } == true)
        #expect(lines.map { $0.count - 1 }.reduce(0, +) == drawn.count)
        func pair(_ a: (Double, Double), _ b: (Double, Double)) -> String {
            let keys: [String] = [key(a), key(b)].sorted()
            return keys.joined(separator: "|")
        }
        var pairs = Set<String>()
        for line in lines {
            for k in 1..<line.count { pairs.insert(pair(line[k - 1], line[k])) }
        }
        for segment in drawn { #expect(pairs.contains(pair(segment.0, segment.1))) }
    }

    /// A contour figure in LaTeX: the view and tick step of the SVG, both axes to one scale, the
    /// minimum marked, every path drawn.
    @Test func contourPlotMatchesTheSVGView() throws {
        let objective = Objective.rosenbrock(a: 1, b: 100)
        let path: [[Double]] = [[-1.2, 1], [-1, 0.9], [-0.5, 0.3], [0, 0], [0.5, 0.25], [1, 1]]
        let figure = ContourFigure(objective: objective, paths: [("adam", path), ("gd", path.map { [$0[0], $0[1] + 0.1] })], resolution: 41)
        let tex = PGFContourPlot.tikz(figure)
        let n = PGFStyle.number
        #expect(tex.contains("xmin=\(n(figure.low[0]))") && tex.contains("ymax=\(n(figure.high[1]))"))
        let width = try #require(Double(tex.components(separatedBy: "width=").dropFirst().first?.prefix { $0 != "c" } ?? ""))
        let height = try #require(Double(tex.components(separatedBy: "height=").dropFirst().first?.prefix { $0 != "c" } ?? ""))
        let ratio = (figure.high[0] - figure.low[0]) / (figure.high[1] - figure.low[1])
        #expect(abs(width / height - ratio) < 1e-4 * ratio, "one scale on both axes")
        #expect(list("xtick", in: tex).compactMap(Double.init) == NiceScale(low: figure.low[0], high: figure.high[0], step: figure.tickStep).ticks)
        #expect(tex.contains("at (axis cs:1,1) {$\\ast$}"), "the minimum (1, 1)")
        #expect(tex.contains("\\addlegendentry{adam}") && tex.contains("\\addlegendentry{gd}"))
        #expect(tex.contains("color=contourLine"))
    }

    /// Markdown: each figure is an image linking `NAME_files/figure-N.svg` and its caption; the
    /// SVG saved is the one HTML inlines. Without a folder, a line names the figure instead.
    @Test func markdownLinksSavedFigures() throws {
        let series = [PlotSeries(name: "loss", points: [(1, 0.3), (2, 0.2)])]
        let block = Block.plot(label: "loss", series: series, caption: "Batch loss before each update.")
        let figures = FigureFiles(folder: FigureFiles.folderName(forPage: "out/adam.md"))
        let page = StringOutput()
        var writer = MarkdownWriter(output: page, figures: figures)
        try writer.write(block)
        try writer.write(block)
        #expect(page.text == "![loss per update](adam_files/figure-1.svg)\n\n*Batch loss before each update.*\n\n"
            + "![loss per update](adam_files/figure-2.svg)\n\n*Batch loss before each update.*\n\n")
        #expect(figures.files.map(\.path) == ["adam_files/figure-1.svg", "adam_files/figure-2.svg"])
        #expect(figures.files[0].text.contains(LinePlot.svg(series, label: "loss")))
        let left = FigureFiles(omittedNote: "Use a file.")
        let stdout = StringOutput()
        var plain = MarkdownWriter(output: stdout, figures: left)
        try plain.write(block)
        #expect(stdout.text == "*Figure left out: loss per update. Use a file.*\n\n")
        #expect(left.omittedCount == 1 && left.files.isEmpty)
        #expect(FigureFiles.folderName(forPage: "a.b/notes.md") == "notes_files")
        #expect(FigureFiles.folderName(forPage: "README") == "README_files")
    }
}

extension FigureFormatTests {
    /// Figures are named for `--figure` from what they are: the plot's label in ASCII.
    @Test func figureNames() {
        #expect(Figure.slug("η") == "eta")
        #expect(Figure.slug("loss") == "loss")
        #expect(Figure.slug("Loss (log scale)") == "loss-log-scale")
        #expect(Figure.slug("1/(1 − β₁ᵗ)") == "1-1-beta")
        #expect(Figure.slug("—") == "figure")
    }
}
