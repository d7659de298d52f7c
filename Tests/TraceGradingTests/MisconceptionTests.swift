import Foundation
import ReferenceFixtures
import Testing
import TraceEngine

@testable import TraceGrading

/// Misconception diagnosis against the numpy reference (`misconceptions.json`, from
/// `make_misconception_fixtures.py`): each wrong answer is diagnosed with exactly the known
/// mistakes whose formulas, applied to the student's own earlier answers, give it.
@Suite struct MisconceptionTests {
    static func cases() throws -> [MisconceptionCase] { try MisconceptionCase.all().cases }

    static func grade(
        _ fixture: MisconceptionCase, carryForward: Bool = true, givingWeights: Bool = false
    ) throws -> GradeReport {
        var key = try fixture.answerKey()
        if givingWeights {
            // As `trace homework --given weights` writes it: every weight from t = 2 on, the run's.
            var run = RecordingSink()
            try Engine.run(key.experiment, into: &run)
            let names = key.experiment.layout.names
            key.given = run.steps.dropFirst().flatMap { step in
                names.enumerated().map { index, name in
                    (AskedValue(t: step.t, parameter: name, quantity: .w), step.values[.w]?[index] ?? .nan)
                }
            }
        }
        let sheet = fixture.answerSheet
        var grader = Grader(key: key)
        grader.carryForward = carryForward
        return grader.grade(sheet)
    }

    /// Without carry-forward, values that follow from a student's own slip are graded wrong,
    /// but their formula was right: no mistake may be named for them.
    @Test func noDiagnosisForValuesRightFromTheStudentsOwn() throws {
        let slips = try Self.cases().filter { $0.name.contains("slip") }
        #expect(slips.count == 3)
        for fixture in slips {
            let report = try Self.grade(fixture, carryForward: false)
            #expect(report.values.filter { $0.verdict == .wrong }.count > 1, "\(fixture.name): strict grading fails the values after the slip")
            #expect(report.values.allSatisfy { $0.mistakes.isEmpty }, "\(fixture.name)")
        }
    }

    /// With the weights given, a g(t) from weights where only the asked parameters moved is
    /// a wrong g, not a student who could not carry the others: the mistake is not named.
    @Test func othersNotUpdatedNeedsWeightsToCarry() throws {
        let fixture = try #require(try Self.cases().first { $0.mistake == "others-not-updated" })
        let named = try Self.grade(fixture).values.filter { $0.mistakes.contains { $0.misconception.id == "others-not-updated" } }
        #expect(named.count == 4, "g of both asked parameters at t = 2 and 3")
        let given = try Self.grade(fixture, givingWeights: true)
        #expect(given.values.allSatisfy { $0.mistakes.allSatisfy { $0.misconception.id != "others-not-updated" } })
        #expect(given.values.filter { $0.asked.quantity == .g && $0.verdict == .wrong }.count == 4, "those g are still wrong")
    }

    /// Code that sums the batch's loss (`reduction='sum'`) takes the summed loss's gradient,
    /// Σ_n g_n: batch-sum's g. The losses a sheet asks are each sample's own, the same summed
    /// or averaged, so such a student's losses are right and their g is named batch-sum.
    @Test func summedLossIsBatchSum() throws {
        let fixture = try #require(try Self.cases().first { $0.name == "mc-batch-sum-minibatch-passes" })
        let report = try Self.grade(fixture)
        let losses = report.values.filter { $0.asked.place?.quantity == .loss }
        #expect(losses.count == 4, "both samples' losses at t = 1 and 2")
        #expect(losses.allSatisfy { $0.verdict.isRight })
        let gradients = report.values.filter { $0.asked.place == nil && $0.asked.quantity == .g && $0.asked.t == 1 }
        #expect(!gradients.isEmpty && gradients.allSatisfy { $0.mistakes.map(\.misconception.id) == ["batch-sum"] })
    }

    @Test("the catalog is the reference's, entry for entry")
    func catalog() throws {
        #expect(try MisconceptionCase.all().catalog == MisconceptionCatalog.all.map(\.id))
    }

    @Test("each wrong answer names exactly the mistakes that give it", arguments: try MisconceptionTests.cases())
    func diagnoses(_ fixture: MisconceptionCase) throws {
        let report = try Self.grade(fixture)
        #expect(report.values.count == fixture.expected.count)
        // The reference carries every answer forward; the follow-through rule does not build on
        // a w_new that leaves the weight where it was (η applied twice in RMSProp moves it by
        // less than its tolerance), so after such a shortcut the carried values differ by design,
        // and a mistake may fit the grader's replay that does not fit the reference's.
        let firstShortcut = report.values.first { $0.shortcut != nil }?.asked.t ?? .max
        for (graded, expected) in zip(report.values, fixture.expected) {
            let place = "\(expected.quantity) of \(expected.parameter)\(expected.sample.map { " of sample \($0)" } ?? "") at t = \(expected.t)"
            guard expected.t <= firstShortcut else {
                // After such a shortcut the replays differ too: the reference's mistakes are still named.
                #expect(Set(expected.explained_by).isSubset(of: graded.mistakes.map(\.misconception.id)), "\(fixture.name): \(place)")
                continue
            }
            #expect(graded.mistakes.map(\.misconception.id).sorted() == expected.explained_by, "\(fixture.name): \(place)")
            #expect(agrees(graded.carriedForward ?? .nan, expected.carried_forward, relative: 1e-12), "\(fixture.name): \(place)")
            let text = FeedbackText(revealing: true).text(for: graded)
            switch expected.explained_by.count {
            case 0:
                #expect(!text.contains("known mistake"), "\(fixture.name): \(place): \(text)")
            case 1:
                let name = try #require(MisconceptionCatalog.entry(expected.explained_by[0])).name
                #expect(text.contains("A known mistake gives your answer: \(name) (")
                        || text.contains("It follows from a known mistake in an earlier update, \(name): "), "\(fixture.name): \(place): \(text)")
            default:
                #expect(text.contains("More than one known mistake gives your answer, so it is one of these:"), "\(text)")
                for id in expected.explained_by {
                    #expect(text.contains(try #require(MisconceptionCatalog.entry(id)).name), "\(fixture.name): \(place)")
                }
            }
        }
        if let mistake = fixture.mistake {
            #expect(report.values.contains { $0.mistakes.map(\.misconception.id) == [mistake] }, "\(fixture.name): named alone somewhere")
        }
    }

    @Test("every catalog entry is recognised in a case of its own")
    func everyEntryRecognised() throws {
        let cases = try Self.cases()
        for entry in MisconceptionCatalog.all {
            let own = cases.filter { $0.mistake == entry.id }
            #expect(!own.isEmpty, "no case for \(entry.id)")
            var named = false
            for fixture in own {
                named = try named || Self.grade(fixture).values.contains { $0.mistakes.map(\.misconception.id) == [entry.id] }
            }
            #expect(named, "\(entry.id) is never named alone")
        }
    }
}
