import Foundation
import Testing
import TraceEngine

/// Two-weight objectives: values worked by hand, and the hand-derived gradients against
/// central finite differences of the loss.
@Suite struct ObjectiveTests {
    func run(_ objective: Objective, start: [Double], eta: Double, steps: Int) throws -> CollectingSink {
        var hyperparameters = Hyperparameters(defaultsFor: .gd)
        hyperparameters[.eta] = eta
        var experiment = Experiment(
            title: "objective", network: Network(layers: [], loss: .halfSSE), data: Dataset(inputs: [], targets: []),
            optimizer: .gd, hyperparameters: hyperparameters, steps: steps)
        experiment.objective = objective
        experiment.start = start
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        return sink
    }

    /// L = 0.5·w₁² + 5·w₂² from (2, 1), η = 0.1: g = (2·0.5·2, 2·5·1) = (2, 10), w = (1.8, 0);
    /// then L = 0.5·1.8² = 1.62, g = (1.8, 0), w = (1.62, 0).
    @Test func quadraticBowlByHand() throws {
        let sink = try run(.quadratic(a: 0.5, b: 5), start: [2, 1], eta: 0.1, steps: 2)
        #expect(sink.run?.parameterNames == ["w1", "w2"])
        let first = try #require(sink.steps.first), second = try #require(sink.steps.last)
        #expect(first.loss == 7)
        #expect(first.values[.g] == [2, 10])
        #expect(first.values[.wNew] == [1.8, 0])
        #expect(abs(second.loss - 1.62) <= 1e-15)
        #expect(abs(second.values[.g]![0] - 1.8) <= 1e-15 && second.values[.g]![1] == 0)
        #expect(first.samples.isEmpty && first.batch.isEmpty)
    }

    /// Rosenbrock (a = 1, b = 100) at the classic start (−1.2, 1): L = 2.2² + 100·(1 − 1.44)² = 24.2;
    /// ∂L/∂w₁ = −2·2.2 − 400·(−1.2)·(−0.44) = −215.6; ∂L/∂w₂ = 200·(−0.44) = −88.
    @Test func rosenbrockByHand() throws {
        let sink = try run(.rosenbrock(a: 1, b: 100), start: [-1.2, 1], eta: 0.001, steps: 1)
        let step = try #require(sink.steps.first)
        #expect(abs(step.loss - 24.2) <= 1e-12 * 24.2)
        #expect(abs(step.values[.g]![0] - -215.6) <= 1e-12 * 215.6)
        #expect(abs(step.values[.g]![1] - -88) <= 1e-12 * 88)
        #expect(Objective.rosenbrock(a: 1, b: 100).minimum == [1, 1])
    }

    @Test(arguments: [Objective.quadratic(a: 0.5, b: 5), .rosenbrock(a: 1, b: 100), .rosenbrock(a: 2, b: 10)])
    func gradientMatchesFiniteDifferences(_ objective: Objective) {
        var generator = Xoshiro256StarStar(seed: 7)
        for _ in 0..<50 {
            let point = (0..<2).map { _ in Double(generator.uniform(below: 4001)) / 1000 - 2 }
            var evaluator = Evaluator(parameterCount: 1)
            for (symbol, value) in objective.constants { evaluator.scalars[symbol] = value }
            evaluator.scalars[.w1] = point[0]
            evaluator.scalars[.w2] = point[1]
            for k in 0..<2 {
                let h = 1e-6
                var up = point, down = point
                up[k] += h
                down[k] -= h
                let numeric = (objective.value(at: up) - objective.value(at: down)) / (2 * h)
                guard case let .scalar(analytic) = evaluator.evaluate(objective.gradient[k]) else { continue }
                #expect(abs(numeric - analytic) <= 1e-5 * max(1, abs(analytic)), "∂L/∂w\(k + 1) at \(point)")
            }
        }
    }
}
