import Foundation
import Testing

/// What a lesson's `handout:` section adds, checked against separate runs of the same
/// settings through the command line (JSON trace): the conventions side by side, the sweep,
/// the comparisons; and that no generated page refers to a format it is not.
@Suite struct HandoutAppendixTests {
    func output(_ arguments: [String]) throws -> String {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.text
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output(arguments + ["--format", "json"]).utf8)) as? [String: Any])
    }

    /// The cells of the Markdown table row that starts with `first` after the line `after`.
    func row(_ markdown: String, after: String, first: String) throws -> [String] {
        let start = try #require(markdown.range(of: after), "\(after) in the handout")
        let line = try #require(
            markdown[start.upperBound...].split(separator: "\n").first { $0.hasPrefix("| \(first) |") }, "row \(first)")
        return line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    func close(_ text: String, _ expected: Double) -> Bool {
        guard let value = Double(text) else { return false }
        return abs(value - expected) <= 1e-12 * max(1, abs(expected))
    }

    @Test func epsilonPlacementSetsBothConventionsSideBySide() throws {
        let markdown = try output(["handout", "epsilon-placement", "--format", "md", "--precision", "17"])
        #expect(!markdown.contains("Run this lesson twice"))
        for (t, heading) in [(1, "### Step t = 1, in each convention"), (3, "### Step t = 3, in each convention")] {
            for convention in ["lecture", "pytorch"] {
                let run = try json(["adam", "--lesson", "epsilon-placement", "--convention", convention])
                let steps = try #require(run["steps"] as? [[String: Any]])
                let parameters = try #require(steps[t - 1]["parameters"] as? [String: [String: Double]])
                for name in ["W1[1,2]", "b2[1]"] {
                    let escaped = name.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
                    let cells = try row(markdown, after: heading, first: escaped)
                    let values = try #require(parameters[name])
                    let offset = convention == "lecture" ? 1 : 4
                    let w = try #require(values["w"]), wNew = try #require(values["w_new"]), g = try #require(values["g"])
                    #expect(close(cells[offset], g), "\(name) g at t = \(t), \(convention): \(cells)")
                    #expect(close(cells[offset + 1], w - wNew), "\(name) step at t = \(t), \(convention): \(cells)")
                    #expect(close(cells[offset + 2], wNew), "\(name) w_new at t = \(t), \(convention): \(cells)")
                }
            }
        }
        // The summary keeps the first step's table.
        let summary = try output(["handout", "epsilon-placement", "--format", "md", "--detail", "summary"])
        #expect(summary.contains("### Step t = 1, in each convention"))
        #expect(!summary.contains("### Step t = 2, in each convention"))
    }

    @Test func hyperparameterTuningSweepsEtaAndLambda() throws {
        let markdown = try output(["handout", "hyperparameter-tuning", "--format", "md", "--precision", "17"])
        #expect(markdown.contains("## The sweep"))
        for eta in ["0.001", "0.01", "0.05", "0.2"] {
            let cells = try row(markdown, after: "## The sweep", first: eta)
            for (column, lambda) in [(1, "0.001"), (2, "0.01")] {
                // The loss after update 8 is the loss the 9th step starts from.
                let run = try json(["adamw", "--lesson", "hyperparameter-tuning", "--eta", eta, "--lambda", lambda, "--steps", "9"])
                let steps = try #require(run["steps"] as? [[String: Any]])
                let loss = try #require(steps[8]["loss"] as? Double)
                #expect(close(cells[column], loss), "η = \(eta), λ = \(lambda): \(cells[column]) against \(loss)")
            }
        }
        let html = try output(["handout", "hyperparameter-tuning"])
        #expect(html.contains("id=\"sweep-figure\""))
        #expect(html.components(separatedBy: "<polyline").count - 1 >= 8 + 1, "a line per run of the sweep, and the run's own")
    }

    @Test(arguments: [("quadratic-bowl", ["gd", "momentum", "adagrad", "adam"]), ("rosenbrock", ["gd", "adam"])])
    func objectiveLessonsCarryTheirComparison(_ lesson: String, _ optimizers: [String]) throws {
        let folder = try TraceBinary.temporaryFolder()
        let site = folder.appendingPathComponent("site")
        #expect(try TraceBinary.run(["handout", "--all", "--output", site.path], in: folder).status == 0)
        let html = try String(contentsOf: site.appendingPathComponent("\(lesson).html"), encoding: .utf8)
        #expect(html.contains("<h2>Comparing "))
        #expect(html.contains("id=\"compare-paths\""))
        // The comparison's path table names every optimizer; its end points are those of
        // `trace compare` with the same settings.
        let compare = try output(["compare"] + optimizers + ["--lesson", lesson] + (lesson == "rosenbrock" ? ["--eta", "0.002", "--steps", "300"] : ["--eta", "0.15"]) + ["--format", "html"])
        let table = { (page: String) -> String in
            let start = page.range(of: "Where each path starts and ends")?.lowerBound ?? page.startIndex
            return String(page[start...]).components(separatedBy: "</table>").first ?? ""
        }
        #expect(table(html) == table(compare), "the handout's path table is the comparison's")
        for optimizer in optimizers { #expect(table(html).contains(">\(optimizer)<")) }
    }

    /// A network lesson's `compare:` part in a summary handout keeps, as its builder says, the
    /// settings, the loss figure and the summary: the figure in every handout format (HTML's
    /// SVG, LaTeX's plot, an SVG file beside the Markdown page), its per-step table left out.
    @Test(arguments: ["md", "html", "latex"])
    func summaryComparisonKeepsTheLossFigure(_ format: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let lesson = try String(contentsOf: TraceBinary.repository.appendingPathComponent("lessons/default.yaml"), encoding: .utf8)
            + "handout:\n  compare:\n    optimizers: [sgd, momentum, adam]\n"
        try lesson.write(to: folder.appendingPathComponent("compared.yaml"), atomically: true, encoding: .utf8)
        let page = folder.appendingPathComponent("compared.\(format)")
        let result = try TraceBinary.run(["handout", "compared.yaml", "--format", format, "--detail", "summary", "--output", page.path], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: page, encoding: .utf8)
        let part = try #require(text.range(of: "Comparing Stochastic gradient descent").map { String(text[$0.lowerBound...]) }, "the compare part")
        #expect(part.contains("Loss per step"), "the loss figure's section in \(format)")
        #expect(part.contains("Batch loss before each update."), "the loss figure's caption in \(format)")
        #expect(part.contains("Summary"))
        // The per-step table (t down the side, a column per optimizer) is the full handout's.
        let tableHeader = ["md": "| t | sgd | momentum | adam |", "html": "class=\"num\">sgd</th><th scope=\"col\" class=\"num\">momentum", "latex": "t & sgd & momentum & adam"]
        #expect(!part.contains(try #require(tableHeader[format])), "no per-step loss table in \(format)")
    }

    /// Every page of `--all` and of the booklet, in every handout format, full and summary:
    /// none points to another format ("in the HTML format", `--format html`), and every
    /// heading in Markdown is followed by something before the next heading.
    @Test func noPageRefersToAFormatItIsNot() throws {
        let folder = try TraceBinary.temporaryFolder()
        for format in ["md", "html", "latex"] {
            for detail in ["full", "summary"] {
                let site = folder.appendingPathComponent("\(format)-\(detail)")
                #expect(try TraceBinary.run(["handout", "--all", "--format", format, "--detail", detail, "--output", site.path], in: folder).status == 0)
                // Markdown's figures are SVG files in a NAME_files/ folder beside each page.
                for file in try FileManager.default.contentsOfDirectory(atPath: site.path) where !file.hasSuffix("_files") {
                    let text = try String(contentsOf: site.appendingPathComponent(file), encoding: .utf8)
                    for phrase in ["in the HTML format", "in the Markdown format", "in the LaTeX format", "--format html", "--format md", "--format latex", "with `--format", "read as η below"] {
                        #expect(!text.contains(phrase), "\(format)/\(detail)/\(file) says '\(phrase)'")
                    }
                    if format == "md" {
                        let lines = text.split(separator: "\n")
                        for (k, line) in lines.enumerated() where line.hasPrefix("#") {
                            let next = k + 1 < lines.count ? lines[k + 1] : ""
                            #expect(!next.hasPrefix("#") || next.hasPrefix("# ") && line.hasPrefix("# "), "\(file): '\(line)' is followed by another heading")
                            #expect(k + 1 < lines.count, "\(file) ends with the heading '\(line)'")
                        }
                    }
                }
            }
        }
    }
}
