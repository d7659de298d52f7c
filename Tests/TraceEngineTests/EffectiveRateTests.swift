import Testing
import TraceEngine
import TraceLessons

/// `UpdateRule.effectiveRate` restates the factor in AdaGrad's and RMSProp's update; it must
/// agree with what the update did: `w_new = w − rate·g` for every parameter and step.
@Suite struct EffectiveRateTests {
    @Test(arguments: [Optimizer.adagrad, .rmsprop], [Convention.lecture, .pytorch])
    func rateTimesGradientIsTheStep(_ optimizer: Optimizer, _ convention: Convention) throws {
        let lesson = try #require(try BundledLessons.lesson(named: "adagrad"))
        let experiment = Experiment(
            title: lesson.title, network: lesson.network, data: lesson.data, optimizer: optimizer,
            convention: convention, steps: 4)
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        let rate = try #require(experiment.rule.effectiveRate)
        for step in sink.steps {
            var evaluator = Evaluator(parameterCount: step.values[.w]?.count ?? 0)
            evaluator.scalars = step.scalars
            for (symbol, column) in step.values { evaluator.vectors[symbol] = Array(column) }
            guard case let .vector(rates) = evaluator.evaluate(rate) else {
                Issue.record("the rate should be per parameter")
                return
            }
            for index in rates.indices {
                let w = step.values[.w]![index], g = step.values[.g]![index], wNew = step.values[.wNew]![index]
                #expect(abs((w - rates[index] * g) - wNew) <= 1e-15 * max(1, abs(w)), "t=\(step.t), parameter \(index)")
            }
        }
    }
}
