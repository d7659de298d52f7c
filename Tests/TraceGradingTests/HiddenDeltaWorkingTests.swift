import Testing
import TraceEngine

@testable import TraceGrading

/// The working that feedback shows for a hidden layer's δ under each way of taking the weights
/// from the layer above: the sum as `shared/lecture.md` writes it (`δ_l = (W_(l+1)ᵀ·δ_(l+1))·f′`,
/// here for unit 1: `Σ_k W2[k,1]·δ2[k]`), or the student's row of W2 or own layer's W1, with
/// the numbers of those very weights put in.
@Suite struct HiddenDeltaWorkingTests {
    static let w1: [[Double]] = [[0.1, 0.2], [0.3, 0.4]]
    static let w2: [[Double]] = [[0.5, -0.2], [0.3, 0.1]]

    func working(_ variant: ChainRuleVariant) throws -> String {
        var experiment = try ChainMistakeTests.experiment(
            [("sigmoid", Self.w1, [0, 0]), ("sigmoid", Self.w2, [0, 0])], inputs: [0.5, 0.9], targets: [0.1, 0.9])
        experiment.chainRule = variant
        var replay = RecordingSink()
        try Engine.run(experiment, into: &replay)
        let place = SamplePlace(sample: 1, quantity: .delta, layer: 1, unit: 1)
        return try #require(Diagnoser.passWorking(of: place, at: 1, in: replay, experiment: experiment, variant: variant))
    }

    /// The two products of the sum, `weight·(δ2[k])` for k = 1, 2, as the working writes them.
    func terms(_ weights: [Double], in working: String) -> Bool {
        working.contains("(\(FeedbackText.number(weights[0]))·") && working.contains(" + \(FeedbackText.number(weights[1]))·")
            || working.contains(" + (\(FeedbackText.number(weights[1])))·")
    }

    @Test func theLecturesColumnOfTheLayerAbove() throws {
        let text = try working(.standard)
        #expect(text.hasPrefix("δ1[1] = (Σ_k W2[k,1]·δ2[k])·f′(z1[1]) = "), "\(text)")
        #expect(terms([Self.w2[0][0], Self.w2[1][0]], in: text), "\(text)")
    }

    @Test func weightsUntransposedTakeTheRow() throws {
        let text = try working(.weightsUntransposed)
        #expect(text.hasPrefix("δ1[1] = (Σ_k W2[1,k]·δ2[k])·f′(z1[1]) = "), "\(text)")
        #expect(terms([Self.w2[0][0], Self.w2[0][1]], in: text), "\(text)")
    }

    @Test func theLayersOwnWeights() throws {
        let text = try working(.deltaFromOwnLayerWeights)
        #expect(text.hasPrefix("δ1[1] = (Σ_k W1[k,1]·δ2[k])·f′(z1[1]) = "), "\(text)")
        #expect(terms([Self.w1[0][0], Self.w1[1][0]], in: text), "\(text)")
    }

    @Test func noSlopeNoParentheses() throws {
        let text = try working(.slopeOmitted)
        #expect(text.hasPrefix("δ1[1] = Σ_k W2[k,1]·δ2[k] = "), "\(text)")
    }
}

/// The working for a bias's gradient taken as δ times the unit's own a: `δ2[1]·a2[1]`, as
/// `shared/lecture.md`'s `g = δ_j·a_i` with the unit's a in place of the bias's input 1.
@Suite struct BiasTimesActivationWorkingTests {
    @Test func theUnitsOwnActivation() throws {
        let experiment = try ChainMistakeTests.experiment(
            [("sigmoid", HiddenDeltaWorkingTests.w1, [0, 0]), ("sigmoid", HiddenDeltaWorkingTests.w2, [0, 0])],
            inputs: [0.5, 0.9], targets: [0.1, 0.9])
        var replay = RecordingSink()
        try Engine.run(experiment, into: &replay)
        let step = try #require(replay.steps.first)
        let delta = try #require(step.samples.first?.layers[1].delta[0]), a = try #require(step.samples.first?.layers[1].a[0])
        let text = try #require(Diagnoser.biasTimesActivationWorking(layer: 2, unit: 1, step: step, value: delta * a))
        #expect(text == "g = δ2[1]·a2[1] = \(FeedbackText.number(delta))·\(FeedbackText.number(a)) = \(FeedbackText.number(delta * a))")
    }
}
