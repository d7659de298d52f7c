import Foundation
import FoundationXML
import Testing

/// `--format md`, `html` and `csv`: structure, safety and numbers.
@Suite struct HandoutTests {
    static let optimizers = ["gd", "sgd", "minibatch", "momentum", "adagrad", "rmsprop", "adam", "adamw"]
    /// Equations per rule, from `shared/lecture.md` and `shared/conventions.md` (not from the code).
    static let equationCounts = [
        "gd": 1, "sgd": 1, "minibatch": 1, "momentum": 2, "adagrad": 2, "rmsprop": 2, "adam": 5, "adamw": 5,
    ]

    func output(_ arguments: [String], in folder: URL? = nil) throws -> String {
        let result = try TraceBinary.run(arguments, in: folder)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.text
    }

    func xml(_ html: String) throws -> XMLDocument {
        try XMLDocument(xmlString: html, options: [])
    }

    func count(_ document: XMLDocument, _ element: String) throws -> Int {
        try document.nodes(forXPath: "//*[local-name()='\(element)']").count
    }

    @Test("every optimizer's HTML handout parses and holds MathML for every formula", arguments: optimizers)
    func htmlHandout(_ optimizer: String) throws {
        for convention in ["lecture", "pytorch"] {
            let html = try output([optimizer, "--steps", "1", "--format", "html", "--convention", convention])
            let document = try xml(html)
            let equations = try #require(Self.equationCounts[optimizer])
            // Hyperparameters (1), chain rule (3), the rule; then per step: batch loss (1), g (1), the rule.
            // AdaGrad, RMSProp, Adam and AdamW add their effective learning rate: its formula and its plot.
            let adaptive = ["adagrad", "rmsprop", "adam", "adamw"].contains(optimizer) ? 1 : 0
            // Each line one `div.equation` of MathML (one `math`, or one per equation of a line that wraps).
            let lines = try document.nodes(forXPath: "//*[local-name()='div' and contains(concat(' ', @class, ' '), ' equation ')]")
            #expect(lines.count == 1 + 3 + equations + 1 + 1 + equations + adaptive)
            #expect(try lines.allSatisfy { try !$0.nodes(forXPath: ".//*[local-name()='math']").isEmpty })
            // The loss, typeset in the network's description and in what to build in code.
            #expect(try document.nodes(forXPath: "//*[local-name()='p']/*[local-name()='math']").count == 2)
            #expect(try count(document, "svg") == (optimizer.hasPrefix("adam") ? 4 : 3) + adaptive,
                    "network, the first update's passes, loss, Adam's bias correction, the effective rate")
            #expect(try count(document, "table") >= 4)
            #expect(try document.nodes(forXPath: "//*[local-name()='section' and @class='keep' and starts-with(@id, 'step-')]").count == 1)
            if optimizer.hasPrefix("adam") {
                #expect(try count(document, "mover") > 0, "m̂ and v̂ are drawn with a hat")
                #expect(try count(document, "msubsup") > 0, "β₁ᵗ")
            }
        }
    }

    @Test func aScheduleAddsItsFormulaAndAPlotOfEta() throws {
        let html = try output(["sgd", "--steps", "4", "--schedule", "step", "--gamma", "0.5", "--every", "2", "--format", "html"])
        let document = try xml(html)
        #expect(try count(document, "svg") == 4, "network, the first update's passes, loss and η")
        #expect(html.contains("aria-label=\"η per step\""))
        #expect(html.contains("<mo>⌊</mo>"), "the schedule's floor, as MathML")
        let markdown = try output(["sgd", "--steps", "4", "--schedule", "step", "--gamma", "0.5", "--every", "2", "--format", "md"])
        #expect(markdown.contains("\\left\\lfloor"))
        #expect(markdown.contains("| t | η | loss |"))
    }

    @Test func htmlLoadsNothingFromOutside() throws {
        let html = try output(["adamw", "--steps", "2", "--format", "html"])
        for forbidden in ["<script", "<link", "src=", "href=", "@import", "url(", "<iframe", "<img"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // The only addresses are XML namespace names, which are never fetched.
        let addresses = html.components(separatedBy: "http").count - 1
        let namespaces = html.components(separatedBy: "xmlns=\"http").count - 1
        #expect(addresses == namespaces)
    }

    static let hostileLesson = """
        title: "<script>alert('t')</script> & <b onmouseover=alert(1)>bold</b>"
        summary: |
          Prose with <script>alert('s')</script> and <img src=x onerror=alert(2)>,
          a [link](javascript:alert(3)), ![a tracker](https://example.com/pixel.png) and **real** Markdown.
        \(TraceBinary.oneSigmoidNeuron())
        """

    @Test func hostileLessonTextIsEscapedOrRemoved() throws {
        let folder = try TraceBinary.temporaryFolder()
        try Self.hostileLesson.write(to: folder.appendingPathComponent("hostile.yaml"), atomically: true, encoding: .utf8)
        let html = try output(["gd", "--lesson", "hostile.yaml", "--format", "html"], in: folder)
        let document = try xml(html)
        for forbidden in ["<script", "<img", "<b ", "javascript:", "onerror"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // No element carries an event handler: the title's `onmouseover=` is escaped text.
        let elements = try document.nodes(forXPath: "//*").compactMap { $0 as? XMLElement }
        for element in elements {
            #expect(!(element.attributes ?? []).contains { $0.name?.lowercased().hasPrefix("on") == true })
            #expect(!["script", "img", "iframe", "object", "embed"].contains(element.localName ?? ""))
        }
        #expect(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp; &lt;b onmouseover=alert(1)&gt;"))
        #expect(html.contains("<strong>real</strong>"))

        let markdown = try output(["gd", "--lesson", "hostile.yaml", "--format", "md"], in: folder)
        let title = try #require(markdown.split(separator: "\n").first)
        #expect(title.hasPrefix("# &lt;script&gt;"))
        // Raw HTML from the summary never reaches the Markdown either.
        for forbidden in ["<script", "<img", "onerror", "<b "] { #expect(!markdown.contains(forbidden), "found \(forbidden)") }
        #expect(markdown.contains("**real** Markdown"))
    }

    /// A title or summary cannot open a fence or a heading that swallows the handout.
    @Test func markdownStructureSurvivesHostileText() throws {
        let folder = try TraceBinary.temporaryFolder()
        try """
            title: "Evil\\n~~~\\n# Injected"
            summary: |
              Intro
              ```
              an unclosed fence
            \(TraceBinary.oneSigmoidNeuron())
            """.write(to: folder.appendingPathComponent("evil.yaml"), atomically: true, encoding: .utf8)
        let markdown = try output(["gd", "--lesson", "evil.yaml", "--format", "md"], in: folder)
        let lines = markdown.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("# ") }.count == 1, "one title")
        #expect(lines.filter { $0.hasPrefix("## ") }.count == 5, "every section heading survives")
        #expect(!lines.contains { $0.hasPrefix("~~~") })
    }

    @Test("Markdown tables are well-formed pipe tables", arguments: optimizers)
    func markdownTables(_ optimizer: String) throws {
        let markdown = try output([optimizer, "--steps", "2", "--format", "md", "--focus", "all"])
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var tables = 0
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("| ") else {
                index += 1
                continue
            }
            tables += 1
            let columns = cells(lines[index]).count
            #expect(index + 1 < lines.count)
            let separator = cells(lines[index + 1])
            #expect(separator.count == columns)
            #expect(separator.allSatisfy { $0 == "---" || $0 == "---:" }, "\(lines[index + 1])")
            index += 2
            while index < lines.count, lines[index].hasPrefix("|") {
                #expect(cells(lines[index]).count == columns, "\(lines[index])")
                index += 1
            }
            #expect(index == lines.count || lines[index].isEmpty, "a table ends with a blank line")
        }
        // Layers and data; per step a table per sample and one of parameters, and at the first
        // the δ·a of the drawn passes; the loss per step; Adam's bias-correction factors; the
        // effective rates of AdaGrad, RMSProp, Adam and AdamW.
        let samplesPerStep = optimizer == "sgd" ? 1 : 2
        let adaptive = ["adagrad", "rmsprop", "adam", "adamw"].contains(optimizer) ? 1 : 0
        #expect(tables == 2 + 2 * (samplesPerStep + 1) + 1 + 1 + (optimizer.hasPrefix("adam") ? 1 : 0) + adaptive)
        #expect(markdown.components(separatedBy: "$$\n").count > 1)
    }

    /// Fields of a CSV line (RFC 4180 quoting).
    func csvFields(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted:
                fields.append(current)
                current = ""
            default: current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    /// Cells of a pipe-table row, splitting on `|` not preceded by a backslash.
    func cells(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var previous: Character = " "
        for character in line.dropFirst().dropLast() {
            if character == "|" && previous != "\\" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        cells.append(current.trimmingCharacters(in: .whitespaces))
        return cells
    }

    /// The CSV against the numpy reference script's numbers.
    @Test func csvMatchesTheReference() throws {
        let lesson = TraceBinary.fixture("reference/lessons/tanh-sigmoid-2-2-1.yaml")
        let csv = try output(["minibatch", "--lesson", lesson, "--eta", "0.4", "--steps", "7", "--batch-size", "3", "--format", "csv"])
        let data = try Data(contentsOf: URL(fileURLWithPath: TraceBinary.fixture("reference/expected/2-2-1-minibatch-lecture.json")))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((expected["hyperparameters"] as? [String: Double])?["eta"] == 0.4)
        let steps = try #require(expected["steps"] as? [[String: Any]])
        let names = try #require(expected["parameters"] as? [String])

        let rows = csv.split(separator: "\n").map { csvFields(String($0)) }
        #expect(rows.first == ["t", "epoch", "parameter", "eta", "loss", "w", "g", "w_new"])
        #expect(rows.count == 1 + steps.count * names.count)
        for (r, row) in rows.dropFirst().enumerated() {
            #expect(row.count == 8)
            let step = steps[r / names.count]
            let name = names[r % names.count]
            #expect(row[0] == "\(step["t"] as? Int ?? 0)")
            #expect(row[1] == "\(step["epoch"] as? Int ?? 0)")
            #expect(row[2] == name)
            let values = try #require((step["parameters"] as? [String: [String: Double]])?[name])
            for (column, key) in [(5, "w"), (6, "g"), (7, "w_new")] {
                let value = try #require(Double(row[column]))
                let reference = try #require(values[key])
                #expect(abs(value - reference) <= 1e-12 * max(abs(value), abs(reference)), "\(key) of \(name), row \(r + 2)")
            }
            let loss = try #require(Double(row[4]))
            let referenceLoss = try #require(step["loss"] as? Double)
            #expect(abs(loss - referenceLoss) <= 1e-12 * abs(referenceLoss))
        }
    }
}
