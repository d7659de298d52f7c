import Foundation
import Testing
import TraceEngine
import TraceLessons

@testable import TraceGrading

/// Where the chain rule's mistakes can be told from the right formula, and where not: a
/// symmetric or 1 × 1 `W`, one hidden layer whose weights are not shaped as the next
/// layer's, a bias that is fixed; and the new mistakes named on the sheets that make them.
@Suite struct ChainMistakeTests {
    /// A lesson of layers (activation, weights, biases) trained by one SGD step.
    static func experiment(_ layers: [(String, [[Double]], [Double])], inputs: [Double], targets: [Double], fixed: String = "") throws -> Experiment {
        let text = """
            title: t
            model:
              loss: half_sse
            \(fixed.isEmpty ? "" : "  fixed: [\(fixed)]\n")  layers:
            \(layers.map { "    - {activation: \($0.0), weights: \($0.1), biases: \($0.2)}" }.joined(separator: "\n"))
            data:
              inputs: [\(inputs)]
              targets: [\(targets)]
            optimizer:
              name: sgd
              eta: 0.5
            training:
              steps: 1
            """
        let lesson = try LessonParser.parse(text, file: "t.yaml")
        return try RunSettings(optimizer: .sgd).experiment(for: lesson)
    }

    static func applies(_ entry: Misconception, _ experiment: Experiment) -> Bool { entry.run(for: experiment) != nil }

    @Test("W untransposed and the wrong layer's weights apply only where their weights have the right shape")
    func shapes() throws {
        let sigmoid = "sigmoid"
        let twoTwoTwo = try Self.experiment(
            [(sigmoid, [[0.1, 0.2], [0.3, 0.4]], [0, 0]), (sigmoid, [[0.5, -0.2], [0.3, 0.1]], [0, 0])], inputs: [0.5, 0.9], targets: [0.1, 0.9])
        let twoTwoOne = try Self.experiment(
            [(sigmoid, [[0.1, 0.2], [0.3, 0.4]], [0, 0]), (sigmoid, [[0.5, -0.2]], [0])], inputs: [0.5, 0.9], targets: [0.1])
        let oneOneOne = try Self.experiment([(sigmoid, [[0.3]], [0]), (sigmoid, [[0.5]], [0])], inputs: [0.5], targets: [0.1])
        let threeTwoTwo = try Self.experiment(
            [(sigmoid, [[0.1, 0.2, 0.3], [0.3, 0.4, -0.1]], [0, 0]), (sigmoid, [[0.5, -0.2], [0.3, 0.1]], [0, 0])],
            inputs: [0.5, 0.9, 0.2], targets: [0.1, 0.9])
        let untransposed = MisconceptionCatalog.weightsUntransposed, wrongLayer = MisconceptionCatalog.deltaWrongLayerWeights
        #expect(Self.applies(untransposed, twoTwoTwo) && Self.applies(wrongLayer, twoTwoTwo))
        // W2 is 1 × 2: no row of it is a column; W1 (2 × 2) is not W2's shape.
        #expect(!Self.applies(untransposed, twoTwoOne) && !Self.applies(wrongLayer, twoTwoOne))
        // A 1 × 1 W2 is its own transpose; W1 has its shape, so the wrong layer's can be taken.
        #expect(!Self.applies(untransposed, oneOneOne) && Self.applies(wrongLayer, oneOneOne))
        // W2 is square, W1 (2 × 3) is not: untransposed applies, the wrong layer's cannot be written.
        #expect(Self.applies(untransposed, threeTwoTwo) && !Self.applies(wrongLayer, threeTwoTwo))
    }

    @Test("with a symmetric W2, W untransposed gives the right δ: a sheet that makes it is all right, and nothing is named")
    func symmetricWeights() throws {
        let experiment = try Self.experiment(
            [("sigmoid", [[0.1, 0.2], [0.3, 0.4]], [0.1, -0.1]), ("sigmoid", [[0.5, -0.2], [-0.2, 0.3]], [0, 0.1])],
            inputs: [0.5, 0.9], targets: [0.1, 0.9])
        var plan = HomeworkPlan(
            base: experiment, variants: VariantSettings(), grading: GradingSettings(), seed: 1,
            parameters: ["W1[1,1]", "W2[1,1]"], quantities: [.g, .wNew])
        plan.sampleQuantities = SampleQuantity.allCases
        let sheets = try MistakeSeparationTests.sheets(experiment, plan: plan, scope: .everyMistake)
        let untransposed = try #require(sheets["weights-untransposed"])
        #expect(untransposed.allSatisfy { $0 == nil }, "every value right")
        // The same student with W2's two off-diagonal weights apart is named at both hidden δ.
        var apart = experiment
        apart.network.layers[1].weights = [[0.5, -0.2], [-0.1, 0.3]]
        let named = try #require(try MistakeSeparationTests.sheets(apart, plan: plan, scope: .everyMistake)["weights-untransposed"])
        let deltas = plan.asked.indices.filter { plan.asked[$0].place?.quantity == .delta && plan.asked[$0].place?.layer == 1 }
        #expect(deltas.count == 2)
        for k in deltas { #expect(named[k] == ["weights-untransposed"], "\(plan.asked[k].description)") }
    }

    @Test("backprop-homework draws again a variant whose W2 is symmetric, and hands out none")
    func symmetricDrawsAreDrawnAgain() throws {
        let plan = try homeworkPlan(lesson: "backprop-homework")
        let drawing = plan.drawing()
        var hidden = 0
        for n in 1...60 {
            let variant = try drawing.variant(for: String(n))
            let w2 = variant.experiment.network.layers[1].weights
            #expect(w2[0][1] != w2[1][0], "student \(n): W2 is symmetric")
            hidden += variant.rejections.filter { $0.reason == .mistakeHidden && $0.mistakes == ["weights-untransposed"] }.count
        }
        #expect(hidden > 0, "some draw had a symmetric W2")
    }

    @Test("a fixed bias's gradient cannot be mistaken: δ·a for a bias applies only where a bias is updated")
    func fixedBiases() throws {
        let layers: [(String, [[Double]], [Double])] = [
            ("sigmoid", [[0.1, 0.2], [0.3, 0.4]], [0.1, -0.1]), ("sigmoid", [[0.5, -0.2], [0.3, 0.1]], [0, 0.1]),
        ]
        let free = try Self.experiment(layers, inputs: [0.5, 0.9], targets: [0.1, 0.9])
        let fixed = try Self.experiment(layers, inputs: [0.5, 0.9], targets: [0.1, 0.9], fixed: "biases")
        #expect(Self.applies(MisconceptionCatalog.biasGradientTimesActivation, free))
        #expect(!Self.applies(MisconceptionCatalog.biasGradientTimesActivation, fixed))
    }

    /// Each new mistake of the chain rule, on the lesson's own numbers, is named (alone) on the
    /// sheet of a student who makes it, and on no other mistake's sheet.
    @Test("on backprop-homework each chain-rule mistake is named on its own sheet and on no other", arguments: [false, true])
    func namedWhereMade(askingABias: Bool) throws {
        var plan = try homeworkPlan(lesson: "backprop-homework")
        if askingABias { plan.parameters = ["b1[1]", "b2[1]"] }
        let sheets = try MistakeSeparationTests.sheets(plan.base, plan: plan, scope: .everyMistake)
        let new = ["derivative-omitted", "derivative-at-a", "delta-sign-flipped", "weights-untransposed", "delta-wrong-layer-weights"]
            + (askingABias ? ["bias-gradient-times-a"] : [])
        for id in new {
            let own = try #require(sheets[id], "\(id) does not apply")
            #expect(own.contains { $0 == [id] }, "\(id) is not named alone on its own sheet")
            for (other, named) in sheets where other != id {
                #expect(!named.contains { $0?.contains(id) == true }, "\(id) is named on \(other)'s sheet")
            }
        }
    }

    @Test("feedback names each mistake's slope as the equation it evaluates: f′(z), σ(z), σ′(a), tanh′(a), or none")
    func slopeTexts() throws {
        let experiment = try Self.experiment(
            [("tanh", [[0.1, 0.2], [0.3, 0.4]], [0, 0]), ("sigmoid", [[0.5, -0.2]], [0])], inputs: [0.5, 0.9], targets: [0.1])
        let network = experiment.network
        let text = { (variant: ChainRuleVariant, layer: Int, unit: Int) in
            variant.slope(layer: layer, unit: unit, in: network, z: 0.3, a: 0.6).text
        }
        #expect(text(.standard, 1, 2) == "f′(z1[2])")
        #expect(text(.standard, 2, 1) == "f′(z2[1])")
        #expect(text(.sigmoidSlopeIsActivation, 2, 1) == "σ(z2[1])")
        #expect(text(.sigmoidSlopeIsActivation, 1, 1) == "f′(z1[1])")
        #expect(text(.slopeAtActivation, 2, 1) == "σ′(a2[1])")
        #expect(text(.slopeAtActivation, 1, 2) == "tanh′(a1[2])")
        #expect(text(.slopeOmitted, 1, 1) == "")
        #expect(text(.outputDeltaSignFlipped, 2, 1) == "f′(z2[1])")
        // The loss's factor in the last layer's δ, and its sign flipped.
        #expect(ChainRuleVariant.standard.outputFactorText(unit: 1, in: network, slopeTaken: true) == "(ŷ1 − y1)")
        #expect(ChainRuleVariant.outputDeltaSignFlipped.outputFactorText(unit: 1, in: network, slopeTaken: true) == "(y1 − ŷ1)")
        #expect(ChainRuleVariant.standard.outputFactorText(unit: 2, in: network, slopeTaken: false) == "ŷ2 − y2")
        #expect(ChainRuleVariant.outputDeltaSignFlipped.outputFactorText(unit: 2, in: network, slopeTaken: false) == "y2 − ŷ2")
        var mse = network
        mse.loss = .mse
        #expect(ChainRuleVariant.standard.outputFactorText(unit: 1, in: mse, slopeTaken: true) == "∂L/∂ŷ1")
        #expect(ChainRuleVariant.outputDeltaSignFlipped.outputFactorText(unit: 1, in: mse, slopeTaken: true) == "−∂L/∂ŷ1")
    }
}
