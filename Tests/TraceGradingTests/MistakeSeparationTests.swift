import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
import TraceLessons

@testable import TraceGrading

/// Homework variants that tell the catalogued mistakes apart: in 300 variants of every bundled
/// homework lesson, the sheet of a student who makes one catalogued mistake (and no other) has
/// no wrong answer that another mistake's own formula gives too, and a mistake of the chain
/// rule is seen in every z, a, δ or loss where the lesson's own numbers show it. The draws
/// each lesson's variants took, and why the others were drawn again, are the table in
/// docs/misconceptions.md (`TRACE_RECORD_SNAPSHOTS=1` rewrites it).
///
/// The sheets are graded here again, independently of ``MistakeSeparation``'s own check, for
/// every variant of the lessons whose mistakes are the chain rule's (`backprop-homework`,
/// `classic-backprop`) and every tenth of the others: drawing 300 variants of 14 lessons in
/// a debug build takes about 75 s of one core, and grading every variant's sheets again
/// would more than double it.
@Suite struct MistakeSeparationTests {
    static let students = 300

    /// What trace grade says of each catalogued mistake's sheet, written here from the
    /// catalog and the grader (not from ``MistakeSeparation``): per mistake id, per asked value,
    /// `nil` where it is right, else the mistakes in that value's own formula that give it.
    static func sheets(
        _ experiment: Experiment, plan: HomeworkPlan, scope: Diagnoser.Scope = .ownFormula
    ) throws -> [String: [Set<String>?]] {
        var run = RecordingSink()
        try Engine.run(experiment, into: &run)
        let layout = experiment.layout
        func value(_ asked: AskedValue, in sink: RecordingSink) -> Double? {
            if let place = asked.place { return place.value(in: sink, at: asked.t, computed: false) }
            return layout.index(named: asked.parameter).flatMap { sink.steps[safe: asked.t - 1]?.values[asked.quantity]?[$0] }
        }
        var key = AnswerKey(
            experiment: experiment, asked: plan.asked, values: plan.asked.map { value($0, in: run) ?? .nan },
            tolerances: Dictionary(uniqueKeysWithValues: plan.tolerances))
        key.given = plan.givenValues.map { ($0, value($0, in: run) ?? .nan) }
        var sheets: [String: [Set<String>?]] = [:]
        for misconception in MisconceptionCatalog.all {
            guard let mistaken = misconception.run(for: experiment) else { continue }
            var replacements = key.givenReplacements
            if mistaken.othersKeepStartingWeights {
                // A student who carries only the asked parameters: the others stay at their start.
                let asked = Set(plan.asked.compactMap { layout.index(named: $0.parameter) })
                let others = (0..<layout.count).filter { !asked.contains($0) }
                guard key.given.isEmpty, experiment.steps >= 2, !others.isEmpty else { continue }
                for t in 2...experiment.steps {
                    for index in others { replacements.replace(.w, at: t, parameter: index, with: experiment.initialParameters[index]) }
                }
            }
            var mistakenExperiment = experiment
            mistakenExperiment.chainRule = mistaken.chainRule
            var sink = RecordingSink()
            _ = try? Engine.run(mistakenExperiment, rule: mistaken.rule, replacing: replacements, into: &sink)
            let entries = plan.asked.compactMap { asked -> AnswerEntry? in
                guard let number = value(asked, in: sink), number.isFinite else { return nil }
                return AnswerEntry(t: asked.t, parameter: asked.parameter, quantity: asked.quantityName, value: .number(number), location: "sheet")
            }
            var grader = Grader(key: key)
            grader.diagnosisScope = scope
            grader.writesFeedback = scope == .everyMistake
            sheets[misconception.id] = grader.grade(AnswerSheet(entries: entries)).values.map { graded in
                graded.verdict == .wrong ? Set(graded.mistakes.filter(\.inThisFormula).map(\.misconception.id)) : nil
            }
        }
        return sheets
    }

    /// One lesson's 300 variants: the draws they took and why draws were made again.
    struct LessonDraws: Sendable {
        var lesson: String
        var asked: String
        var draws = 0
        var reasons: [DrawProblem.Reason: Int] = [:]
        var mistakes: [String: Int] = [:]
    }

    /// Draws `students` variants of `lesson` and checks each against the lesson's own sheets.
    static func drawAndCheck(_ lesson: String, checkingEvery stride: Int) throws -> LessonDraws {
        let plan = try homeworkPlan(lesson: lesson)
        let onLesson = try sheets(plan.base, plan: plan)
        let drawing = plan.drawing()
        var result = LessonDraws(lesson: lesson, asked: Self.asked(plan))
        for n in 1...students {
            let variant = try drawing.variant(for: String(format: "%03d", n))
            result.draws += variant.draws
            for rejection in variant.rejections {
                result.reasons[rejection.reason, default: 0] += 1
                if !rejection.mistakes.isEmpty {
                    result.mistakes[rejection.mistakes.joined(separator: " and "), default: 0] += 1
                }
            }
            guard n % stride == 0 else { continue }
            for (id, named) in try sheets(variant.experiment, plan: plan) {
                let lessonNamed = onLesson[id] ?? []
                for (k, names) in named.enumerated() {
                    let asked = plan.asked[k].description, shownOnLesson = lessonNamed.indices.contains(k) ? lessonNamed[k] : nil
                    let others = (names ?? []).subtracting([id]).subtracting(shownOnLesson ?? [])
                    #expect(others.isEmpty, "\(lesson), student \(n): \(id)'s \(asked) is also \(others.sorted())")
                    if plan.asked[k].place != nil, shownOnLesson?.contains(id) == true {
                        #expect(names?.contains(id) == true, "\(lesson), student \(n): \(id) hides in \(asked)")
                    }
                }
            }
        }
        return result
    }

    /// `z, a, δ, loss, g, w_new of W1[1,1], W2[1,1]; 1 update`.
    static func asked(_ plan: HomeworkPlan) -> String {
        let passes = plan.sampleQuantities.map { $0 == .delta ? "δ" : $0.rawValue }
        let quantities = plan.quantities.map { $0 == .wNew ? "w_new" : $0.unicode }
        return "\((passes + quantities).joined(separator: ", ")) of \(plan.parameters.joined(separator: ", ")); \(plan.base.steps) update\(plan.base.steps == 1 ? "" : "s")"
    }

    /// The Markdown table of the draws, in the lessons' order.
    static func table(_ results: [LessonDraws]) -> String {
        var lines = [
            "| lesson | asked | draws | two mistakes coincide | a mistake hides | other reasons |",
            "| --- | --- | ---: | ---: | ---: | --- |",
        ]
        let others: [(DrawProblem.Reason, String)] = [
            (.cancels, "terms cancel"), (.zero, "a value is zero"), (.unmoved, "w_new moves less than its tolerance"),
            (.saturates, "a unit saturates"), (.diverges, "diverges"), (.invalid, "invalid"),
        ]
        for result in results {
            let other = others.compactMap { reason, name in result.reasons[reason].map { "\($0) \(name)" } }
            lines.append(
                "| `\(result.lesson)` | \(result.asked) | \(result.draws) | \(result.reasons[.mistakesCoincide] ?? 0) | "
                    + "\(result.reasons[.mistakeHidden] ?? 0) | \(other.isEmpty ? "–" : other.joined(separator: ", ")) |")
        }
        lines.append("")
        lines.append("The mistakes behind the draws made again for them, most frequent first (three at most per lesson):")
        lines.append("")
        for result in results where !result.mistakes.isEmpty {
            let top = result.mistakes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
            lines.append("- `\(result.lesson)`: " + top.map { "\($0.key) (\($0.value))" }.joined(separator: "; "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let startMarker = "<!-- draw-rejections: written by MistakeSeparationTests; do not edit -->"
    static let endMarker = "<!-- end of draw-rejections -->"

    @Test("300 variants of every bundled homework lesson tell the catalogued mistakes apart; docs/misconceptions.md counts their draws")
    func bundledLessons() async throws {
        let results = try await withThrowingTaskGroup(of: LessonDraws.self) { group in
            for lesson in bundledHomeworkLessons {
                let stride = ["backprop-homework", "classic-backprop"].contains(lesson) ? 1 : 10
                group.addTask { try Self.drawAndCheck(lesson, checkingEvery: stride) }
            }
            var results: [LessonDraws] = []
            for try await result in group { results.append(result) }
            return results
        }
        let ordered = bundledHomeworkLessons.compactMap { lesson in results.first { $0.lesson == lesson } }
        let page = fixturesFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/misconceptions.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(text.range(of: Self.startMarker + "\n"), "no start marker in docs/misconceptions.md")
        let end = try #require(text.range(of: Self.endMarker, range: start.upperBound..<text.endIndex), "no end marker")
        let documented = String(text[start.upperBound..<end.lowerBound]), measured = Self.table(ordered)
        if ProcessInfo.processInfo.environment["TRACE_RECORD_SNAPSHOTS"] == "1", documented != measured {
            try (text[..<start.upperBound] + measured + text[end.lowerBound...]).write(to: page, atomically: true, encoding: .utf8)
            return
        }
        #expect(documented == measured, "docs/misconceptions.md's table of draws is stale")
    }

    /// The test's own-formula reading of a sheet is `trace grade`'s: graded with every mistake
    /// and its feedback, the mistakes named in a value's own formula are those the narrower
    /// diagnosis names.
    @Test("diagnosing only own formulas names what trace grade names in own formulas", arguments: bundledHomeworkLessons)
    func ownFormulaScopeIsTraceGrades(_ lesson: String) throws {
        let plan = try homeworkPlan(lesson: lesson)
        let drawing = plan.drawing()
        for n in 1...5 {
            let experiment = try drawing.variant(for: String(format: "%03d", n)).experiment
            #expect(try Self.sheets(experiment, plan: plan) == Self.sheets(experiment, plan: plan, scope: .everyMistake), "\(lesson), student \(n)")
        }
    }
}
