import Foundation
import FoundationXML
import Testing

/// Figures in the handouts a user writes: what they show, checked against the lecture's formulas.
@Suite struct FigureCommandTests {
    func document(_ arguments: [String]) throws -> XMLDocument {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try XMLDocument(xmlString: result.text, options: [])
    }

    /// The bias-correction table equals 1/(1 − βᵗ) computed here from β₁ = 0.9, β₂ = 0.999
    /// (the lecture's defaults), and its plot has a title and a description.
    @Test func adamShowsItsBiasCorrectionFactors() throws {
        let html = try document(["adam", "--steps", "5", "--format", "html"])
        let section = try #require(try html.nodes(forXPath: "//*[local-name()='section' and @id='bias-correction']").first)
        let rows = try section.nodes(forXPath: ".//*[local-name()='tbody']/*[local-name()='tr']")
        #expect(rows.count == 5)
        for (k, row) in rows.enumerated() {
            let cells = try row.nodes(forXPath: "./*").compactMap(\.stringValue)
            let t = Double(k + 1)
            #expect(cells[0] == "\(k + 1)")
            #expect(abs(try #require(Double(cells[1])) - 1 / (1 - pow(0.9, t))) < 1e-3 * (1 / (1 - pow(0.9, t))))
            #expect(abs(try #require(Double(cells[2])) - 1 / (1 - pow(0.999, t))) < 1e-3 * (1 / (1 - pow(0.999, t))))
        }
        #expect(try section.nodes(forXPath: ".//*[local-name()='svg']/*[local-name()='desc']").count == 1)
        let gd = try document(["gd", "--steps", "2", "--format", "html"])
        #expect(try gd.nodes(forXPath: "//*[@id='bias-correction']").isEmpty, "only Adam and AdamW correct for bias")
    }

    /// The step schedule is drawn as a staircase: every segment of the η line is level or upright.
    @Test func stepScheduleIsAStaircase() throws {
        let html = try document(["sgd", "--steps", "6", "--schedule", "step", "--gamma", "0.5", "--every", "2", "--format", "html"])
        let svg = try #require(try html.nodes(forXPath: "//*[local-name()='svg' and @aria-label='η per step']").first)
        let points = try #require(try svg.nodes(forXPath: ".//*[local-name()='polyline']/@points").first?.stringValue)
        let xy = points.split(separator: " ").map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(xy.count == 12, "two corners per update")
        for k in 1..<xy.count {
            #expect(xy[k][0] == xy[k - 1][0] || xy[k][1] == xy[k - 1][1], "segment \(k) is sloped: \(xy[k - 1]) → \(xy[k])")
        }
        #expect(Set(xy.map { $0[1] }).count == 3, "η takes 3 values over 6 updates, halving every 2")
    }

    /// Every figure of every bundled lesson has a title and a description; the network's caption
    /// names real parameters, never the pattern W{l}[j,i].
    @Test func everyBundledFigureIsDescribed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-figures-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try TraceBinary.run(["handout", "--all", "--output", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") && $0 != "index.html" }
        #expect(pages.count >= 10)
        for page in pages {
            let html = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
            let document = try XMLDocument(xmlString: html, options: [])
            let figures = try document.nodes(forXPath: "//*[local-name()='svg']")
            #expect(!figures.isEmpty, "\(page)")
            for figure in figures {
                #expect(try figure.nodes(forXPath: "./*[local-name()='title']").count == 1, "\(page)")
                let desc = try figure.nodes(forXPath: "./*[local-name()='desc']").first?.stringValue ?? ""
                #expect(desc.count > 40, "\(page): \(desc)")
            }
            #expect(!html.contains("W{l}[j,i]"), "\(page)")
        }
    }
}

extension FigureCommandTests {
    /// In the real Rosenbrock and bowl figures every drawn path point and the minimum ✱ lie
    /// inside the plot's frame, and both axes have the same pixels per unit (read from the ticks).
    @Test(arguments: ["rosenbrock", "quadratic-bowl"])
    func pathsAndMinimumInsideTheFrame(_ lesson: String) throws {
        let html = try document(["compare", "gd", "momentum", "adam", "--lesson", lesson, "--steps", "60", "--format", "html"])
        let svg = try #require(try html.nodes(forXPath: "//*[local-name()='svg' and @aria-label='Paths over the loss contours']").first as? XMLElement)
        let frame = try #require(try svg.nodes(forXPath: "./*[local-name()='rect']").first as? XMLElement)
        func attribute(_ node: XMLNode, _ name: String) -> String { (try? node.nodes(forXPath: "@\(name)").first?.stringValue) ?? "" }
        func number(_ node: XMLNode, _ name: String) -> Double { Double(attribute(node, name)) ?? .nan }
        let x0 = number(frame, "x"), y0 = number(frame, "y"), x1 = x0 + number(frame, "width"), y1 = y0 + number(frame, "height")
        let polylines = try svg.nodes(forXPath: "./*[local-name()='polyline']").compactMap { $0 as? XMLElement }
        #expect(polylines.count == 3)
        var count = 0
        for polyline in polylines {
            for pair in attribute(polyline, "points").split(separator: " ") {
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                #expect(xy.count == 2 && x0 <= xy[0] && xy[0] <= x1 && y0 <= xy[1] && xy[1] <= y1, "\(pair) outside \(x0)…\(x1) × \(y0)…\(y1)")
                count += 1
            }
        }
        // gd diverges on Rosenbrock at this rate: only its finite points are drawn.
        #expect(lesson == "rosenbrock" ? count >= 61 : count == 3 * 61)
        let star = try #require(try svg.nodes(forXPath: "./*[local-name()='text' and .='✱']").first as? XMLElement)
        #expect(x0 <= number(star, "x") && number(star, "x") <= x1 && y0 <= number(star, "y") && number(star, "y") <= y1)
        // Tick labels are round numbers: each a multiple of the step between the first two.
        let labels = try svg.nodes(forXPath: "./*[local-name()='text' and @text-anchor='middle']").compactMap { $0.stringValue }.compactMap(Double.init)
        #expect(labels.count >= 3)
        let step = labels[1] - labels[0]
        for label in labels { #expect(abs(label / step - (label / step).rounded()) < 1e-6, "\(label) is not a multiple of \(step)") }
    }
}

extension FigureCommandTests {
    /// A diverged run (the reference's diverge lesson, gd with η = 50: inf at t = 60) writes its
    /// handout in every format; its loss figure shows the loss up to 1000 times the first and marks
    /// where it diverged. Its axis once reached 10³⁵⁰, past Double's range, and the run crashed.
    @Test func divergedRunsLossFigure() throws {
        let lesson = TraceBinary.fixture("reference/lessons/diverge-1-1.yaml")
        for format in ["html", "md", "latex"] {
            let result = try TraceBinary.run(["gd", "--lesson", lesson, "--eta", "50", "--steps", "400", "--format", format])
            #expect(result.status == 0, "\(format): \(result.stderr)")
            #expect(result.stderrLines.contains { $0.hasPrefix("trace: diverged at t = 60") }, "\(format)")
            // Markdown on standard output leaves its figures out, and so their captions.
            #expect(result.text.contains("The run diverged at t = 60 (the dashed line)") == (format != "md"), "\(format)")
        }
        let html = try document(["gd", "--lesson", lesson, "--eta", "50", "--steps", "400", "--format", "html"])
        let loss = try #require(try html.nodes(forXPath: "//*[local-name()='svg' and @aria-label='loss per step']").first)
        #expect(try loss.nodes(forXPath: "./*[local-name()='text' and .='diverged at t = 60']").count == 1)
        let ticks = try loss.nodes(forXPath: "./*[local-name()='text' and @text-anchor='end']").compactMap(\.stringValue).filter { Double($0) != nil }
        #expect(ticks.first == "1" && ticks.last == "10000", "\(ticks): from the first loss, 1.47, to 1000 times it")
    }
}

