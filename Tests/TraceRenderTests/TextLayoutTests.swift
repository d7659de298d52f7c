import Testing
import TraceEngine
import TraceLessons
@testable import TraceRender

/// Every line of the terminal output fits the width, for every optimizer, convention and
/// bundled lesson with `--focus all`; and the wrapping itself keeps numbers whole.
@Suite struct TextLayoutTests {
    static let widths = [60, 80, 100, 120]

    /// The longest line of `text`, in display columns.
    static func longestLine(_ text: String) -> (width: Int, line: String) {
        text.split(separator: "\n").map { (TextLayout.displayWidth($0), String($0)) }.max { $0.0 < $1.0 } ?? (0, "")
    }

    @Test("every line of every lesson fits", arguments: BundledLessons.names)
    func everyLineFits(_ lessonName: String) throws {
        let lesson = try #require(try BundledLessons.lesson(named: lessonName))
        var checked = 0
        for optimizer in Optimizer.allCases {
            for convention in Convention.allCases {
                var settings = RunSettings(optimizer: optimizer)
                settings.convention = convention
                settings.steps = min(lesson.training.steps ?? 2, 3)
                // A combination the lesson or convention does not allow is not output; skip it.
                guard let experiment = try? settings.experiment(for: lesson) else { continue }
                for width in Self.widths {
                    let output = StringOutput()
                    var builder = TerminalTraceBuilder(
                        writer: TextDocumentWriter(output: output, layout: TextLayout(width: width)), focus: .all)
                    _ = try Engine.run(experiment, into: &builder)
                    let longest = Self.longestLine(output.text)
                    #expect(longest.width <= width, "\(lessonName) \(optimizer) \(convention) at \(width): \(longest.line)")
                    checked += 1
                }
            }
        }
        #expect(checked >= Self.widths.count, "no combination of \(lessonName) was run")
    }

    @Test("display width counts m̂ as one column and escape codes as none")
    func displayWidth() {
        #expect(TextLayout.displayWidth("m̂ v̂") == 3)
        #expect(TextLayout.displayWidth("\u{1B}[1;32m0.101\u{1B}[0m") == 5)
        #expect(TextLayout.displayWidth("━━ β₁") == 5)
    }

    @Test("a formula wraps before an operator, under its first =, and no number is split")
    func formulaWraps() {
        let line = "  w(1) = 0.1 − 0.001/√(4.873e-05 + 1e-08)·(-0.006981) = 0.101"
        let lines = TextLayout(width: 60).fit(line).split(separator: "\n").map(String.init)
        #expect(lines == ["  w(1) = 0.1 − 0.001/√(4.873e-05 + 1e-08)·(-0.006981)", "       = 0.101"])
        // Every number of the line is whole on one of the lines it became.
        for number in ["0.001", "4.873e-05", "1e-08", "-0.006981", "0.101"] {
            #expect(lines.contains { $0.contains(number) }, "\(number) was split")
        }
    }

    @Test("items side by side go on lines of their own before anything is split")
    func gapsFirst() {
        let line = "    layer 1 (sigmoid): z = [0.1, -0.2]  a = [0.525, 0.4502]  δ = [-0.01396, 0.01663]"
        #expect(TextLayout(width: 80).fit(line) == "    layer 1 (sigmoid): z = [0.1, -0.2]  a = [0.525, 0.4502]\n      δ = [-0.01396, 0.01663]")
    }

    @Test("a style left open at a break is closed and opened again after the indent")
    func stylesDoNotLeak() {
        let style = TextStyle.ansi
        let line = style.header("━━ Step t = 1 · epoch 1 · samples 1, 2, 3, 4, 5, 6, 7, 8 · η = 0.001 ━━")
        let lines = TextLayout(width: 40).fit(line).split(separator: "\n")
        #expect(lines.count > 1)
        for line in lines {
            #expect(TextLayout.displayWidth(line) <= 40)
            #expect(line.hasSuffix(TextStyle.reset), "\(line)")
            #expect(!line.hasPrefix(" \u{1B}") || line.drop { $0 == " " }.hasPrefix("\u{1B}[1;36m"))
        }
    }

    @Test("a formula's symbol and the value it produces are set apart, not the note after the value")
    func equationStyle() {
        let style = TextStyle.ansi
        #expect(style.equation("m = 0.9·0 + 0.1·g = 0.00066 (after update 1)")
            == "\u{1B}[1;35mm\u{1B}[0m = 0.9·0 + 0.1·g = \u{1B}[1;32m0.00066\u{1B}[0m (after update 1)")
        #expect(style.equation("m = β₁·m + (1 − β₁)·g") == "\u{1B}[1;35mm\u{1B}[0m = β₁·m + (1 − β₁)·g")
        #expect(TextStyle.plain.equation("m = 0.9·0 = 0") == "m = 0.9·0 = 0")
    }

    @Test("a table too wide for the width is stacked in even blocks, each repeating the names")
    func tableStacks() {
        let table = TextTable(
            header: ["parameter", "w", "g", "m", "v", "m̂", "v̂", "w_new"],
            rows: [["W1[1,1]", "0.1", "-0.006981", "-0.0006981", "4.873e-08", "-0.006981", "4.873e-05", "0.101"]])
        let text = table.render(width: 60)
        let blocks = text.split(separator: "\n\n", omittingEmptySubsequences: true)
        #expect(blocks.count == 2)
        #expect(blocks.allSatisfy { $0.hasPrefix("parameter") })
        #expect(Self.longestLine(text).width <= 60)
        #expect(table.render(width: 120).split(separator: "\n").count == 2)
    }

    /// One space between columns where that saves a block: a row of eight numbers needs 84
    /// columns two spaces apart and 77 one space apart. Not when a cell holds a space, where
    /// one space would join two columns' words.
    @Test func oneSpaceApartWhereThatSavesABlock() {
        let header = ["parameter", "w", "g", "m", "v", "m̂", "v̂", "w_new"]
        let row = ["W1[1,1]", "0.1000", "-0.006981", "-0.0006981", "4.873e-08", "-0.006981", "4.873e-05", "0.001000"]
        let close = TextTable(header: header, rows: [row]).render(width: 80)
        #expect(close == """
            parameter      w         g          m         v         m̂         v̂    w_new
            W1[1,1]   0.1000 -0.006981 -0.0006981 4.873e-08 -0.006981 4.873e-05 0.001000

            """)
        #expect(TextTable(header: header, rows: [row]).render(width: 100).contains("W1[1,1]    0.1000  -0.006981"))
        let spaced = TextTable(header: header, rows: [["b1[1] (fixed)"] + row.dropFirst()]).render(width: 80)
        #expect(spaced.split(separator: "\n\n").count == 2)
        #expect(!spaced.contains("0 -0"))
    }
}
