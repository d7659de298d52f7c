import Foundation
import Testing
import TraceEngine
import TraceLessons

/// The chain rule's equations (``ChainRule``, each ``Loss/equation`` and
/// ``Activation/equation``), evaluated as written by ``PassEvaluator``, give what the
/// engine's hand-written passes compute: on every bundled lesson's network, under every
/// activation and every loss, to 1e-12 relative. So the definition that every writer draws
/// and the computation cannot drift apart.
@Suite struct ChainRuleEquationTests {
    /// A bundled lesson's network and data, with its activations or loss changed.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var network: Network
        var data: Dataset
        var testDescription: String { name }
    }

    /// Every bundled lesson's network as written; with every layer's activation set to each
    /// elementwise one under each squared error; with a sigmoid output and binary
    /// cross-entropy (targets clipped to [0, 1]); and, where it has two outputs or more,
    /// with a softmax output and cross-entropy (targets one-hot at their largest value).
    static let cases: [Case] = {
        var cases: [Case] = []
        for name in BundledLessons.names {
            guard let lesson = try? BundledLessons.lesson(named: name), lesson.objective == nil else { continue }
            let network = lesson.network, data = lesson.data
            cases.append(Case(name: "\(name) as written", network: network, data: data))
            for activation in [Activation.identity, .sigmoid, .tanh, .relu] {
                for loss in [Loss.halfSSE, .mse] {
                    var changed = network
                    for l in changed.layers.indices { changed.layers[l].activation = activation }
                    changed.loss = loss
                    cases.append(Case(name: "\(name), \(activation) layers, \(loss.rawValue)", network: changed, data: data))
                }
            }
            var bce = network
            bce.layers[bce.layers.count - 1].activation = .sigmoid
            bce.loss = .bce
            let clipped = data.targets.map { $0.map { min(max($0, 0), 1) } }
            cases.append(Case(name: "\(name), sigmoid output, bce", network: bce, data: Dataset(inputs: data.inputs, targets: clipped)))
            if network.outputCount >= 2, network.loss != .crossEntropy {
                var softmax = network
                softmax.layers[softmax.layers.count - 1].activation = .softmax
                softmax.loss = .crossEntropy
                let oneHot = data.targets.map { y in
                    let largest = y.indices.max { y[$0] < y[$1] } ?? 0
                    return y.indices.map { $0 == largest ? 1.0 : 0.0 }
                }
                cases.append(Case(name: "\(name), softmax output, cross_entropy", network: softmax, data: Dataset(inputs: data.inputs, targets: oneHot)))
            }
        }
        return cases
    }()

    /// `|definition − engine| ≤ 1e-12·max(|definition|, |engine|, scale)`; `scale` is the
    /// size of the terms a value was added up from, where they can cancel (a batch's mean).
    private func expectClose(_ definition: Double, _ engine: Double, scale: Double = 0, _ what: @autoclosure () -> String) {
        let tolerance = 1e-12 * max(abs(definition), abs(engine), scale)
        #expect(abs(definition - engine) <= tolerance, "\(what()): equations \(definition), engine \(engine)")
    }

    @Test(arguments: cases)
    func equationsComputeWhatTheEngineComputes(_ testCase: Case) throws {
        let experiment = Experiment(title: testCase.name, network: testCase.network, data: testCase.data, optimizer: .gd, steps: 1)
        var sink = RecordingSink()
        try Engine.run(experiment, into: &sink)
        let step = try #require(sink.steps.first)
        let engineGradient = try #require(step.values[.g])
        let evaluator = PassEvaluator(network: testCase.network)
        #expect(step.samples.count == testCase.data.count)

        var gradientSum = [Double](repeating: 0, count: engineGradient.count)
        var gradientSize = [Double](repeating: 0, count: engineGradient.count)
        var lossSum = 0.0
        for sample in step.samples {
            let passes = evaluator.run(x: sample.x, y: sample.y)
            for (l, (layer, engine)) in zip(passes.layers, sample.layers).enumerated() {
                for j in engine.z.indices {
                    let place = "sample \(sample.index), layer \(l + 1), unit \(j + 1)"
                    expectClose(layer.z[j], engine.z[j], "z of \(place)")
                    expectClose(layer.a[j], engine.a[j], "a of \(place)")
                    expectClose(layer.delta[j], engine.delta[j], "δ of \(place)")
                }
            }
            expectClose(passes.loss, sample.loss, "loss of sample \(sample.index)")
            lossSum += passes.loss
            #expect(passes.gradient.count == engineGradient.count)
            for index in passes.gradient.indices {
                gradientSum[index] += passes.gradient[index]
                gradientSize[index] += abs(passes.gradient[index])
            }
        }
        let count = Double(step.samples.count)
        expectClose(lossSum / count, step.loss, "batch loss")
        for index in engineGradient.indices {
            expectClose(gradientSum[index] / count, engineGradient[index], scale: gradientSize[index] / count,
                        "g of \(experiment.layout.names[index])")
        }
    }

    /// The equations' gradient is the slope of their own loss: each parameter nudged by ±h
    /// (central differences, error about h²) changes the loss the forward equations compute
    /// by what `g = δ·a` says. This checks the chain rule's backward equations (and every
    /// slope `f′`, `∂L/∂ŷ` and the output δ they use, including `ŷ − y` after a sigmoid with
    /// bce and a softmax with cross-entropy) against the forward ones, independently of the engine.
    @Test(arguments: cases)
    func gradientIsTheSlopeOfTheLoss(_ testCase: Case) {
        let h = 1e-6
        let layout = testCase.network.layout
        var checked = 0
        for (x, y) in zip(testCase.data.inputs, testCase.data.targets) {
            let passes = PassEvaluator(network: testCase.network).run(x: x, y: y)
            // ReLU has a kink at z = 0 (its slope there taken as 0): a nudge across it is no derivative.
            let nearKink = zip(testCase.network.layers, passes.layers).contains { layer, values in
                layer.activation == .relu && values.z.contains { abs($0) < 1e-3 }
            }
            if nearKink { continue }
            checked += 1
            let gradient = passes.gradient
            for (index, role) in layout.roles.enumerated() {
                func loss(nudgedBy step: Double) -> Double {
                    var network = testCase.network
                    switch role {
                    case let .weight(l, j, i): network.layers[l - 1].weights[j - 1][i - 1] += step
                    case let .bias(l, j): network.layers[l - 1].biases[j - 1] += step
                    case .coordinate: break
                    }
                    return PassEvaluator(network: network).run(x: x, y: y).loss
                }
                let slope = (loss(nudgedBy: h) - loss(nudgedBy: -h)) / (2 * h)
                #expect(abs(slope - gradient[index]) <= 1e-7 * max(1, abs(slope)),
                        "g of \(layout.names[index]) at x = \(x): equations \(gradient[index]), slope of the loss \(slope)")
            }
        }
        #expect(checked > 0, "every sample sits at a ReLU's kink")
    }

    /// Each activation's ``Activation/slope`` is the derivative of its ``Activation/equation``
    /// (for softmax, `∂a_k/∂z_k`), by central differences at a few `z` away from ReLU's kink.
    @Test(arguments: Activation.allCases)
    func slopeIsTheDerivativeOfTheActivation(_ activation: Activation) {
        let zs = [-1.3, 0.4, 2.1]
        let layer = Layer(activation: activation, weights: zs.map { _ in [1] }, biases: zs.map { _ in 0 })
        let evaluator = PassEvaluator(network: Network(layers: [layer], loss: .halfSSE))
        let one = PassIndex(number: 1)
        for k in zs.indices {
            let unit = PassIndex(number: k + 1)
            func value(_ function: PassFunction, nudgedBy step: Double) -> Double {
                var z = zs
                z[k] += step
                let passes = PassEvaluator.Passes(x: [0], y: zs, layers: [LayerTrace(z: z, a: z, delta: z)])
                return evaluator.value(of: .apply(function, .z(one, unit)), in: passes)
            }
            let h = 1e-6
            let difference = (value(.activation(one), nudgedBy: h) - value(.activation(one), nudgedBy: -h)) / (2 * h)
            let slope = value(.slope(one), nudgedBy: 0)
            #expect(abs(slope - difference) <= 1e-8, "f′(z_\(k + 1)) of \(activation): \(slope), derivative \(difference)")
        }
    }

    /// Each loss's ``Loss/slope`` is the derivative of its ``Loss/equation`` in `ŷ_k`.
    @Test(arguments: Loss.allCases)
    func slopeIsTheDerivativeOfTheLoss(_ loss: Loss) {
        let prediction = [0.2, 0.7, 0.45], target = [0.0, 1.0, 0.0]
        let layer = Layer(activation: .identity, weights: prediction.map { _ in [1] }, biases: prediction.map { _ in 0 })
        let evaluator = PassEvaluator(network: Network(layers: [layer], loss: loss))
        for k in prediction.indices {
            func value(_ expression: IndexedExpression, nudgedBy step: Double) -> Double {
                var a = prediction
                a[k] += step
                let passes = PassEvaluator.Passes(x: [0], y: target, layers: [LayerTrace(z: a, a: a, delta: a)])
                return evaluator.value(of: expression, in: passes)
            }
            let h = 1e-6
            let difference = (value(loss.equation.expression, nudgedBy: h) - value(loss.equation.expression, nudgedBy: -h)) / (2 * h)
            let slope = value(.lossSlope(PassIndex(number: k + 1)), nudgedBy: 0)
            #expect(abs(slope - difference) <= 1e-7 * max(1, abs(slope)), "∂L/∂ŷ_\(k + 1) of \(loss.rawValue): \(slope), derivative \(difference)")
        }
    }
}
