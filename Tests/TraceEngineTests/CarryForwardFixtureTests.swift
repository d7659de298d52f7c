import Foundation
import Testing
import TraceEngine
import ReferenceFixtures

/// Error carried forward against `Tests/Fixtures/reference/ecf.json`, written by the
/// independent numpy script `make_ecf_fixtures.py`: the run replayed with a student's own
/// values in place of the computed ones (``Replacements``) gives, for every asked value,
/// the reference's carried-forward value, and the plain run the key's, to 1e-12 relative.
@Suite struct CarryForwardFixtureTests {
    typealias Case = CarryForwardCase

    static func cases() throws -> [Case] { try CarryForwardCase.all() }

    @Test("the fixtures cover every optimizer, a case without answers, and answers that change the key")
    func coverage() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 12)
        for optimizer in Optimizer.allCases {
            #expect(cases.contains { $0.case.optimizer == optimizer.rawValue }, "no case for \(optimizer)")
        }
        #expect(cases.contains { $0.answers.isEmpty })
        #expect(cases.contains { $0.expected.contains { $0.key != $0.carried_forward } })
    }

    @Test("a replay on the student's values matches the numpy reference", arguments: try CarryForwardFixtureTests.cases())
    func replayMatchesReference(_ fixture: Case) throws {
        let experiment = try fixture.case.experiment()
        let layout = experiment.layout
        var replacements = Replacements()
        for answer in fixture.answers {
            let index = try #require(layout.index(named: answer.parameter))
            let symbol = try #require(Symbol(rawValue: answer.quantity))
            replacements.replace(symbol, at: answer.t, parameter: index, with: try #require(answer.value))
        }
        var plain = CollectingSink()
        try Engine.run(experiment, into: &plain)
        var replay = CollectingSink()
        try Engine.run(experiment, replacing: replacements, into: &replay)

        for expected in fixture.expected {
            let index = try #require(layout.index(named: expected.parameter))
            let symbol = try #require(Symbol(rawValue: expected.quantity))
            let place = "\(expected.quantity) of \(expected.parameter) at t = \(expected.t)"
            let plainStep = plain.steps[expected.t - 1], replayStep = replay.steps[expected.t - 1]
            let key = try #require(plainStep.values[symbol]?[index])
            let carried = try #require((replayStep.computed[symbol] ?? replayStep.values[symbol])?[index])
            #expect(agrees(key, try #require(expected.key)), "key \(place): \(key) vs \(expected.key ?? .nan)")
            #expect(agrees(carried, try #require(expected.carried_forward)), "carried forward \(place): \(carried) vs \(expected.carried_forward ?? .nan)")
        }
    }
}
