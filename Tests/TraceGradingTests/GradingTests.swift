import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

@testable import TraceGrading

/// The grader's promises: a key earns full marks against itself, one wrong value fails
/// exactly one test, and one early slip carried consistently through fails exactly one.
@Suite struct GradingTests {
    @Test("each key graded against itself earns full marks", arguments: everyOptimizerLesson.indices)
    func keyAgainstItself(_ n: Int) throws {
        let (lesson, optimizer, convention) = everyOptimizerLesson[n]
        let plan = try plan(lesson: lesson, optimizer: optimizer, convention: convention)
        for student in ["001", "002", "003", "alice@example.edu"] {
            let variant = try plan.variant(for: student)
            // Through key.json, as the autograder reads it.
            let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
            #expect(key.asked == variant.asked)
            for carryForward in [true, false] {
                var grader = Grader(key: key)
                grader.carryForward = carryForward
                let report = grader.grade(sheet(key.asked, key.values))
                #expect(report.score == report.maximumScore, "\(lesson) \(student)")
                #expect(report.values.allSatisfy { $0.verdict == .rightByKey })
            }
        }
    }

    @Test("one wrong value fails exactly that test", arguments: everyOptimizerLesson.indices)
    func oneWrongValue(_ n: Int) throws {
        let (lesson, optimizer, convention) = everyOptimizerLesson[n]
        let variant = try plan(lesson: lesson, optimizer: optimizer, convention: convention).variant(for: "007")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        for wrong in key.asked.indices {
            var values = key.values
            values[wrong] *= 1.1
            for carryForward in [true, false] {
                var grader = Grader(key: key)
                grader.carryForward = carryForward
                let report = grader.grade(sheet(key.asked, values))
                let failed = report.values.indices.filter { !report.values[$0].verdict.isRight }
                #expect(failed == [wrong], "\(lesson): \(key.asked[wrong].description), carry-forward \(carryForward)")
                #expect(report.values[wrong].verdict == .wrong)
            }
        }
    }

    @Test("blank, missing and unusable answers fail their own test with a reason")
    func unansweredValues() throws {
        let variant = try plan(lesson: "adam").variant(for: "001")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        var answers = sheet(key.asked, key.values)
        answers.entries[0].value = .blank
        answers.entries[1].value = .unusable("is the text \"0.01\" (in quotes); write the number without quotes")
        answers.entries.remove(at: 2)
        let report = Grader(key: key).grade(answers)
        #expect(report.values[0].verdict == .missing)
        #expect(report.values[1].verdict == .unusable("is the text \"0.01\" (in quotes); write the number without quotes"))
        #expect(report.values[2].verdict == .missing)
        #expect(report.score == report.maximumScore - 3)
        let results = GradescopeResults(report: report).json
        #expect(results.contains("write the number without quotes"))
        #expect(results.contains("No answer for g at t = 1"))
    }

    @Test("answers for values nobody asked are ignored, said so, and never steer carry-forward")
    func unaskedValues() throws {
        let variant = try plan(lesson: "adam").variant(for: "001")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        var answers = sheet(key.asked, key.values)
        // A wrong gradient for another parameter, which was not asked.
        answers.entries.append(AnswerEntry(t: 1, parameter: "W1[1,1]", quantity: "g", value: .number(123), location: "answers.csv:99"))
        let report = Grader(key: key).grade(answers)
        #expect(report.score == report.maximumScore)
        #expect(report.notes.contains { $0.contains("not asked") && $0.contains("answers.csv:99") })
    }

    @Test("feedback gives the formula with its numbers and how far off the answer is")
    func feedbackWording() throws {
        let variant = try plan(lesson: "adam").variant(for: "001")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        let index = try #require(key.asked.firstIndex { $0.t == 2 && $0.quantity == .vHat })
        var values = key.values
        values[index] *= 0.91
        let report = Grader(key: key).grade(sheet(key.asked, values))
        let text = FeedbackText(revealing: true).text(for: report.values[index])
        #expect(text.hasPrefix("Not right: v̂(2) = v/(1 − β₂ᵗ) = "), "\(text)")
        #expect(text.contains("(1 − 0.999²)"), "\(text)")
        #expect(text.contains("is 9 % off"), "\(text)")
        let hidden = FeedbackText(revealing: false).text(for: report.values[index])
        #expect(hidden.contains("v/(1 − β₂ᵗ) with t = 2"))
        #expect(!hidden.contains(FeedbackText.number(key.values[index])))
    }

    @Test("feedback's numbers are the ones each formula read: the student's own, after a slip")
    func feedbackReadsTheStudentsValues() throws {
        let variant = try plan(lesson: "adam").variant(for: "001")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        let m2 = try #require(key.asked.firstIndex { $0.t == 2 && $0.quantity == .m })
        let mHat2 = try #require(key.asked.firstIndex { $0.t == 2 && $0.quantity == .mHat })
        var values = key.values
        values[m2] *= 1.1      // a slip in m(2) …
        values[mHat2] *= 0.5   // … and an m̂(2) that follows from nothing
        let report = Grader(key: key).grade(sheet(key.asked, values))
        let working = report.values[mHat2].working
        // m̂(2) = m/(1 − β₁ᵗ) with the student's m(2) put in, and the value that gives.
        #expect(working.contains(FeedbackText.number(values[m2]) + "/(1 − 0.9²)"), "\(working)")
        #expect(agrees(report.values[mHat2].carriedForward ?? .nan, values[m2] / (1 - 0.9 * 0.9), relative: 1e-15))
        #expect(working.hasSuffix(FeedbackText.number(values[m2] / (1 - 0.9 * 0.9))), "\(working)")
    }

    @Test("with expected values kept back, only the worked-solutions test shows them, with its visibility")
    func hiddenExpectedValues() throws {
        let variant = try plan(lesson: "adam").variant(for: "001")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        var values = key.values.map { $0 * 1.5 }
        values[0] = key.values[0]
        let report = Grader(key: key).grade(sheet(key.asked, values))
        let json = GradescopeResults(report: report, visibility: .afterDueDate).json
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.count == key.asked.count + 1)
        for (test, expected) in zip(tests, key.values).dropFirst() {
            let output = try #require(test["output"] as? String)
            #expect(!output.contains(FeedbackText.number(expected)), "\(output)")
            #expect(test["visibility"] as? String == "visible")
        }
        let solutions = try #require(tests.last)
        #expect(solutions["name"] as? String == "Worked solutions")
        #expect(solutions["visibility"] as? String == "after_due_date")
        #expect(solutions["max_score"] as? Int == 0)
        #expect((solutions["output"] as? String)?.contains(FeedbackText.number(key.values[1])) == true)
    }

    @Test("results.json holds Gradescope's fields, and the score is the sum of the tests'")
    func resultsShape() throws {
        let variant = try plan(lesson: "rmsprop").variant(for: "001")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        var values = key.values
        values[1] = -values[1]
        let json = GradescopeResults(report: Grader(key: key).grade(sheet(key.asked, values))).json
        let results = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(results["score"] as? Int == tests.compactMap { $0["score"] as? Int }.reduce(0, +))
        #expect(results["score"] as? Int == key.asked.count - 1)
        #expect(tests[1]["status"] as? String == "failed")
        #expect((tests[1]["output"] as? String)?.contains("has the wrong sign") == true)
        for test in tests {
            #expect(test["name"] is String && test["max_score"] as? Int == 1 && test["number"] is String)
            #expect(["passed", "failed"].contains(test["status"] as? String))
        }
    }
}
