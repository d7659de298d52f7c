import Foundation
import Testing
import TraceEngine
import ReferenceFixtures

extension ChainCarryForwardCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// Error carried forward through the forward and backward passes, against
/// `Tests/Fixtures/reference/chain-ecf.json` (the independent numpy script
/// `make_chain_ecf_fixtures.py`): a run with a student's `z`, `a`, `δ` or loss in place of
/// the computed one gives every later value of the chain, `g` and `w_new` as the reference
/// computes them from the student's values, and the plain run the key's, to 1e-12 relative.
@Suite struct ChainCarryForwardFixtureTests {
    static func cases() throws -> [ChainCarryForwardCase] { try ChainCarryForwardCase.all() }

    /// `z2[1]` → (z, layer 2, unit 1); `loss` → (loss, 0, 0).
    static func place(_ name: String) -> (quantity: SampleQuantity, layer: Int, unit: Int)? {
        if name == "loss" { return (.loss, 0, 0) }
        for quantity in [SampleQuantity.delta, .z, .a] where name.hasPrefix(quantity.rawValue) {
            let rest = name.dropFirst(quantity.rawValue.count)
            let parts = rest.split(separator: "[")
            guard parts.count == 2, let layer = Int(parts[0]), let unit = Int(parts[1].dropLast()) else { return nil }
            return (quantity, layer, unit)
        }
        return nil
    }

    static func value(_ quantity: SampleQuantity, layer: Int, unit: Int, in layers: [LayerTrace], loss: Double) -> Double? {
        let l = layer - 1, j = unit - 1
        switch quantity {
        case .loss: return loss
        case .z: return layers[safe: l]?.z[safe: j]
        case .a: return layers[safe: l]?.a[safe: j]
        case .delta: return layers[safe: l]?.delta[safe: j]
        }
    }

    @Test("the fixtures cover no answers, a slip in every quantity, a batch, softmax")
    func coverage() throws {
        let cases = try Self.cases()
        #expect(cases.contains { $0.answers.isEmpty })
        let answered = Set(cases.flatMap { $0.answers.compactMap { Self.place($0.name)?.quantity } })
        #expect(answered == Set(SampleQuantity.allCases))
        #expect(cases.contains { $0.answers.contains { $0.sample > 1 } })
        #expect(cases.contains { $0.case.lesson.contains("softmax") })
    }

    @Test("a replay on the student's values matches the numpy reference", arguments: try ChainCarryForwardFixtureTests.cases())
    func replayMatchesReference(_ fixture: ChainCarryForwardCase) throws {
        let experiment = try fixture.case.experiment()
        var replacements = Replacements()
        for answer in fixture.answers {
            let place = try #require(Self.place(answer.name))
            replacements.replace(place.quantity, at: answer.t, sample: answer.sample, layer: place.layer, unit: place.unit, with: answer.value)
        }
        var plain = CollectingSink()
        try Engine.run(experiment, into: &plain)
        var replay = CollectingSink()
        try Engine.run(experiment, replacing: replacements, into: &replay)

        for expected in fixture.expected {
            let where_ = "\(expected.name) of sample \(expected.sample) at t = \(expected.t)"
            let place = try #require(Self.place(expected.name))
            let plainSample = try #require(plain.steps[expected.t - 1].samples.first { $0.index == expected.sample })
            let replaySample = try #require(replay.steps[expected.t - 1].samples.first { $0.index == expected.sample })
            let key = try #require(Self.value(place.quantity, layer: place.layer, unit: place.unit, in: plainSample.layers, loss: plainSample.loss))
            let computedLayers = replaySample.computedLayers.isEmpty ? replaySample.layers : replaySample.computedLayers
            let carried = try #require(Self.value(
                place.quantity, layer: place.layer, unit: place.unit, in: computedLayers,
                loss: replaySample.computedLoss ?? replaySample.loss))
            #expect(agrees(key, expected.key), "key \(where_): \(key) vs \(expected.key)")
            #expect(agrees(carried, expected.carried_forward), "carried forward \(where_): \(carried) vs \(expected.carried_forward)")
        }
        // Every answer is recorded as the student wrote it, where the run goes on from it.
        for answer in fixture.answers {
            let place = try #require(Self.place(answer.name))
            let sample = try #require(replay.steps[answer.t - 1].samples.first { $0.index == answer.sample })
            #expect(Self.value(place.quantity, layer: place.layer, unit: place.unit, in: sample.layers, loss: sample.loss) == answer.value)
        }
        let layout = experiment.layout
        for expected in fixture.parameters {
            let index = try #require(layout.index(named: expected.parameter))
            let symbol = try #require(Symbol(rawValue: expected.quantity))
            let where_ = "\(expected.quantity) of \(expected.parameter) at t = \(expected.t)"
            let key = try #require(plain.steps[expected.t - 1].values[symbol]?[index])
            let carried = try #require(replay.steps[expected.t - 1].values[symbol]?[index])
            #expect(agrees(key, expected.key), "key \(where_): \(key) vs \(expected.key)")
            #expect(agrees(carried, expected.carried_forward), "carried forward \(where_): \(carried) vs \(expected.carried_forward)")
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
