import Foundation
import PropertyBased
import Testing
import TraceEngine
import TraceRender

@testable import TraceGrading

/// Answers at the edges of what a double holds go down the whole grading path (carry-forward,
/// diagnosis, feedback at every visibility, results.json, the class report) without a trap,
/// and results.json stays valid JSON.
@Suite struct ExtremeAnswerTests {
    /// ±1e±308, the smallest subnormals, 0 and −0, huge whole numbers, and near-misses of
    /// the key's own value (scaled by factors from 1e-20 to 1e20).
    static let extremes: [Double] = [
        1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-308, -1e-308,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 0, -0.0,
        1e16, -1e16, 9_007_199_254_740_992, 1.2345678901234567e29, -6.109e-20,
    ]
    static let scales: [Double] = [1, -1, 1e-20, 1e20, 1.0001, 0.999, 10, 0.1]

    static let keys: [AnswerKey] = {
        ["adam", "sgd", "momentum", "rmsprop"].compactMap { lesson in
            guard let variant = try? plan(lesson: lesson, steps: 3).variant(for: "001") else { return nil }
            return try? AnswerKeyReader.read(Data((try? variant.keyJSON())?.utf8 ?? "".utf8), file: "key.json")
        }
    }()

    @Test("random sheets of extreme values are graded, explained and reported without a trap")
    func extremeSheets() async throws {
        #expect(Self.keys.count == 4)
        await propertyCheck(count: 250, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            var students: [ClassReport.Student] = []
            for (n, key) in Self.keys.enumerated() {
                let values = key.values.map { keyValue -> Double in
                    let pick = Int(random.next() % UInt64(Self.extremes.count + Self.scales.count + 1))
                    if pick < Self.extremes.count { return Self.extremes[pick] }
                    if pick < Self.extremes.count + Self.scales.count { return keyValue * Self.scales[pick - Self.extremes.count] }
                    return .nan  // not answered: the entry is skipped below
                }
                let asked = zip(key.asked, values).filter { !$0.1.isNaN }
                let sheet = sheet(asked.map(\.0), asked.map(\.1))
                for carryForward in [true, false] {
                    var grader = Grader(key: key)
                    grader.carryForward = carryForward
                    let report = grader.grade(sheet)
                    #expect(report.score >= 0 && report.score <= report.maximumScore)
                    for visibility in GradescopeResults.Visibility.allCases {
                        let json = GradescopeResults(report: report, visibility: visibility).json
                        #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(json)")
                    }
                    students.append(.init(id: "s\(n)\(carryForward)", assignment: .init(key: key), report: report))
                }
            }
            let report = ClassReport(students: students, lessons: ["Extremes"])
            var builder = ClassReportBuilder(writer: try OutputFormat.html.writer(StringOutput()))
            try builder.write(report.gradedClass)
            #expect(report.scoresCSV.split(separator: "\n").count == students.count + 1)
        }
    }

    @Test("the distance text is bounded for any pair of numbers", arguments: ExtremeAnswerTests.extremes)
    func distanceText(_ answer: Double) {
        for expected in Self.extremes + [1, -1, 0.001] {
            let text = FeedbackText.distance(answer, from: expected)
            #expect(!text.isEmpty && text.count < 60, "\(answer) vs \(expected): \(text)")
            #expect(FeedbackText.agreeingDigits(answer, expected) <= 17)
        }
    }

    @Test("an answer right to fewer significant digits than asked is told so")
    func precision() {
        #expect(FeedbackText.agreeingDigits(0.123, 0.12345) == 3)
        #expect(FeedbackText.agreeingDigits(0.1234, 0.12345) == 4)
        #expect(FeedbackText.agreeingDigits(-335, -330.73) == 2)
        #expect(FeedbackText.agreeingDigits(-331.4, -330.73) == 3)
        #expect(FeedbackText.agreeingDigits(5, 0.12345) == 0)
        var value = GradedValue(
            asked: AskedValue(t: 1, parameter: "W2[1,1]", quantity: .m), verdict: .wrong, answer: 0.123, location: nil,
            keyValue: 0.12345, tolerance: .handArithmetic, carriedForward: nil, working: "", formula: "")
        for revealing in [true, false] {
            #expect(FeedbackText(revealing: revealing).text(for: value).contains("Yours is right to 3 significant digits; 4 are asked"))
        }
        value.answer = 0.2
        #expect(!FeedbackText(revealing: true).text(for: value).contains("significant digits"))
    }
}
