import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

@testable import TraceGrading

/// The follow-through rule on the numpy reference's sheets (`Tests/Fixtures/reference/grading-rule.json`,
/// from `make_grading_rule_fixtures.py`): zeros and copied values earn nothing, honest
/// rounded or truncated work keeps full marks, one slip costs one mark.
@Suite struct FollowThroughRuleTests {
    static func cases() throws -> [CarryForwardCase] { try CarryForwardCase.all(file: "grading-rule.json") }

    @Test("each value's verdict, shortcut and carried-forward value are the reference's", arguments: try FollowThroughRuleTests.cases())
    func verdicts(_ fixture: CarryForwardCase) throws {
        let key = try CarryForwardGradingTests.key(for: fixture)
        let report = Grader(key: key).grade(CarryForwardGradingTests.sheet(for: fixture))
        #expect(report.values.count == fixture.expected.count)
        for (graded, expected) in zip(report.values, fixture.expected) {
            let place = "\(fixture.name): \(expected.quantity) of \(expected.parameter) at t = \(expected.t)"
            let verdict: String
            switch graded.verdict {
            case .rightByKey: verdict = "right"
            case .rightCarriedForward: verdict = "carried"
            case .wrong: verdict = "wrong"
            case .missing, .unusable: verdict = "missing"
            }
            #expect(verdict == expected.verdict, "\(place)")
            #expect((graded.shortcut != nil) == (expected.shortcut ?? false), "\(place): \(graded.shortcut ?? "no shortcut")")
            #expect(agrees(graded.carriedForward ?? .nan, try #require(expected.carried_forward)), "\(place)")
        }
        #expect(report.score == fixture.score, "\(fixture.name)")
        #expect(report.maximumScore == fixture.max_score, "\(fixture.name)")
    }

    @Test("the exploit sheets score 0 and say why; honest ones keep their marks")
    func scores() throws {
        let cases = try Self.cases()
        let exploits = cases.filter { $0.name.hasPrefix("exploit") }
        #expect(exploits.count >= 4)
        for fixture in exploits {
            let report = Grader(key: try CarryForwardGradingTests.key(for: fixture)).grade(CarryForwardGradingTests.sheet(for: fixture))
            #expect(report.score == 0, "\(fixture.name)")
            let feedback = FeedbackText(revealing: true)
            for value in report.values where value.shortcut != nil {
                #expect(feedback.text(for: value).contains("so later values are not computed from it"), "\(fixture.name)")
            }
        }
        for name in ["honest-rounded", "honest-truncated"] {
            let fixture = try #require(cases.first { $0.name == name })
            let report = Grader(key: try CarryForwardGradingTests.key(for: fixture)).grade(CarryForwardGradingTests.sheet(for: fixture))
            #expect(report.score == 18, "\(name)")
        }
        let slip = try #require(cases.first { $0.name == "one-slip" })
        #expect(Grader(key: try CarryForwardGradingTests.key(for: slip)).grade(CarryForwardGradingTests.sheet(for: slip)).score == 17)
    }
}
