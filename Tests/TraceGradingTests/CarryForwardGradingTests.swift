import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

@testable import TraceGrading

/// The grader on the numpy reference's carry-forward cases (`Tests/Fixtures/reference/ecf.json`,
/// from `make_ecf_fixtures.py`): a student's answers are right exactly when they are within
/// tolerance of the key or of the reference's carried-forward value, so a consistent chain
/// after one early slip fails one test.
@Suite struct CarryForwardGradingTests {
    typealias Case = CarryForwardCase

    static func cases() throws -> [Case] { try CarryForwardCase.all() }

    static func key(for fixture: Case) throws -> AnswerKey {
        let asked = try fixture.expected.map { value in
            AskedValue(t: value.t, parameter: value.parameter, quantity: try #require(Symbol(rawValue: value.quantity)))
        }
        return AnswerKey(
            experiment: try fixture.case.experiment(), asked: asked, values: try fixture.expected.map { try #require($0.key) })
    }

    static func sheet(for fixture: Case) -> AnswerSheet {
        AnswerSheet(entries: fixture.answers.enumerated().map { n, answer in
            AnswerEntry(
                t: answer.t, parameter: answer.parameter, quantity: answer.quantity, value: .number(answer.value ?? .nan),
                location: "answers.json:\(n + 1)")
        })
    }

    @Test("a value is right exactly when it is near the key or the reference's carried-forward value",
          arguments: try CarryForwardGradingTests.cases())
    func verdicts(_ fixture: Case) throws {
        let key = try Self.key(for: fixture)
        let grader = Grader(key: key)
        let report = grader.grade(Self.sheet(for: fixture))
        var given: [String: Double] = [:]
        for answer in fixture.answers { given["\(answer.t) \(answer.parameter) \(answer.quantity)"] = answer.value }
        for (graded, expected) in zip(report.values, fixture.expected) {
            let place = "\(expected.quantity) of \(expected.parameter) at t = \(expected.t)"
            guard let answer = given["\(expected.t) \(expected.parameter) \(expected.quantity)"] else {
                #expect(graded.verdict == .missing, "\(place)")
                continue
            }
            let tolerance = grader.tolerance(for: graded.asked.quantity)
            let keyValue = try #require(expected.key), carried = try #require(expected.carried_forward)
            let right = tolerance.accepts(answer, expected: keyValue) || tolerance.accepts(answer, expected: carried)
            #expect(graded.verdict.isRight == right, "\(place): \(answer) vs key \(keyValue), carried \(carried)")
            #expect(agrees(graded.carriedForward ?? .nan, carried), "\(place)")
        }
    }

    @Test("one early slip carried consistently through fails exactly one test")
    func oneSlip() throws {
        let cases = try Self.cases().filter { $0.name.contains("slip") }
        #expect(!cases.isEmpty)
        for fixture in cases {
            let key = try Self.key(for: fixture)
            let report = Grader(key: key).grade(Self.sheet(for: fixture))
            let failed = report.values.filter { !$0.verdict.isRight }
            #expect(failed.count == 1, "\(fixture.name): \(failed.map(\.asked.description))")
            #expect(report.values.contains { $0.verdict == .rightCarriedForward }, "\(fixture.name)")

            var strict = Grader(key: key)
            strict.carryForward = false
            let strictFailures = strict.grade(Self.sheet(for: fixture)).values.filter { !$0.verdict.isRight }.count
            #expect(strictFailures > 1, "\(fixture.name): without carry-forward the slip should cost more than one mark")
        }
    }
}
