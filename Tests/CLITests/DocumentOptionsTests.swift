import Foundation
import Testing

/// `--paper` and `--detail` on every command that writes a document (homework worksheets,
/// the class report, compare, diff), and the terminal's notation: the loss named in words,
/// ηₜ in the update under a schedule.
@Suite struct DocumentOptionsTests {
    @Test func textOutputNamesTheLossInWordsAndWritesEtaTUnderASchedule() throws {
        let plain = try TraceBinary.run(["adam", "--steps", "1"])
        #expect(plain.status == 0)
        #expect(plain.text.contains("loss: half the sum of squared errors"))
        #expect(!plain.text.contains("half_sse"))
        let scheduled = try TraceBinary.run(["momentum", "--lesson", "learning-rate-schedules", "--steps", "1", "--width", "120"])
        #expect(scheduled.status == 0)
        #expect(scheduled.text.contains("w ← w − ηₜ·v"), "\(scheduled.text.prefix(1200))")
        #expect(!scheduled.text.contains("read as η"))
        let constant = try TraceBinary.run(["momentum", "--steps", "1"])
        #expect(constant.text.contains("w ← w − η·v"))
    }

    @Test(arguments: [("a4", "A4"), ("letter", "letter")])
    func worksheetsAreLaidOutForThePaper(_ paper: String, _ css: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let out = folder.appendingPathComponent("hw")
        let run = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "3", "--paper", paper, "--output", out.path], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("001/worksheet.html"), encoding: .utf8)
        #expect(html.contains("@page { size: \(css);"))
        #expect(html.contains("<svg"), "the full worksheet draws the network")
        let short = folder.appendingPathComponent("short")
        #expect(try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "3", "--detail", "summary", "--output", short.path], in: folder).status == 0)
        let summary = try String(contentsOf: short.appendingPathComponent("001/worksheet.html"), encoding: .utf8)
        #expect(!summary.contains("<svg"), "the summary leaves the drawing to the layer table")
        #expect(summary.contains("W (row j = into unit j)"))
        // The same variant: the key does not depend on the layout.
        #expect(try Data(contentsOf: out.appendingPathComponent("001/key.json")) == Data(contentsOf: short.appendingPathComponent("001/key.json")))
    }

    @Test func classReportTakesPaperAndDetail() throws {
        let folder = try TraceBinary.temporaryFolder()
        let keys = folder.appendingPathComponent("keys")
        #expect(try TraceBinary.run(["homework", "adam", "--count", "2", "--seed", "5", "--output", keys.path], in: folder).status == 0)
        let answers = folder.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: keys.appendingPathComponent("001/answers.csv"), to: answers.appendingPathComponent("001.csv"))
        for (detail, paper) in [("full", "a4"), ("summary", "letter")] {
            let report = folder.appendingPathComponent("report-\(detail)")
            let run = try TraceBinary.run(
                ["grade", "--report", report.path, "--key-dir", keys.path, "--answers-dir", answers.path, "--paper", paper, "--detail", detail], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
            let html = try String(contentsOf: report.appendingPathComponent("report.html"), encoding: .utf8)
            #expect(html.contains("@page { size: \(paper == "a4" ? "A4" : "letter");"))
            #expect(html.contains("Each asked value") == (detail == "full"))
            #expect(html.contains("Scores"))
        }
        let alone = try TraceBinary.run(["grade", "--key", keys.appendingPathComponent("001/key.json").path, "--answers", answers.appendingPathComponent("001.csv").path, "--paper", "letter"], in: folder)
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("--paper and --detail lay out the class report: use them with --report DIR"))
    }

    @Test func diffSummaryShowsWhereTheRunsPartAndTheLast() throws {
        let full = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,pytorch", "--steps", "4"])
        #expect(full.status == 0)
        #expect(full.text.components(separatedBy: "━━ t = ").count - 1 == 4)
        let summary = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,pytorch", "--steps", "4", "--detail", "summary"])
        #expect(summary.status == 0)
        #expect(summary.text.components(separatedBy: "━━ t = ").count - 1 == 2)
        #expect(summary.text.contains("━━ t = 1 ━━") && summary.text.contains("━━ t = 4 ━━"))
        #expect(summary.text.contains("(where the runs part, and the last)"))
        // PyTorch's and Optax's Adam are the same formulas: the note does not claim they part.
        let same = try TraceBinary.run(["diff", "adam", "--conventions", "pytorch,optax", "--steps", "3", "--detail", "summary"])
        #expect(same.text.contains("The tables of t = 1 and t = 3 (the first and the last; the runs never part)"), "\(same.text.prefix(1500))")
        let html = try TraceBinary.run(["diff", "adam", "--conventions", "lecture,pytorch", "--steps", "4", "--detail", "summary", "--format", "html"])
        #expect(html.text.components(separatedBy: "<h3>Step t = ").count - 1 == 2)
    }

    @Test func compareSummaryLeavesOutThePerStepTables() throws {
        let arguments = ["compare", "gd", "adam", "--lesson", "quadratic-bowl", "--steps", "5", "--format", "md"]
        let full = try TraceBinary.run(arguments)
        let summary = try TraceBinary.run(arguments + ["--detail", "summary"])
        #expect(full.status == 0 && summary.status == 0)
        #expect(full.text.contains("Every point of every path"))
        #expect(!summary.text.contains("Every point of every path"))
        #expect(summary.text.contains("Where each path starts and ends"))
        #expect(summary.text.contains("## Summary"))
        #expect(!summary.text.contains("## Loss per step"), "Markdown draws no figure: no heading over a missing one")
        // The last losses keep their trailing zeros: 4 significant digits each (0.06200, not 0.062).
        let rates = try TraceBinary.run(["compare", "adagrad", "rmsprop", "--lesson", "adagrad", "--detail", "summary", "--format", "md"])
        let lastLosses = rates.text.split(separator: "\n").filter { $0.contains(" at t = ") }.map { line in
            line.split(separator: "|")[1].trimmingCharacters(in: .whitespaces).split(separator: " ")[0]
        }
        #expect(lastLosses.count == 2)
        for loss in lastLosses {
            let digits = loss.drop { $0 == "0" || $0 == "." }.filter(\.isNumber)
            #expect(digits.count == 4, "\(loss) has 4 significant digits")
        }
        let text = try TraceBinary.run(["compare", "gd", "adam", "--steps", "3", "--detail", "summary"])
        #expect(!text.text.contains("Loss per step"), "text draws no figure, so no section that would hold only one")
    }
}
