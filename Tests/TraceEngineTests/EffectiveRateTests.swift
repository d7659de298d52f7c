import Testing
import TraceEngine
import TraceLessons

/// `UpdateRule.effectiveRate` restates the factor in AdaGrad's and RMSProp's update; it must
/// agree with what the update did: `w_new = w − rate·g` for every parameter and step.
@Suite struct EffectiveRateTests {
    @Test(arguments: [Optimizer.adagrad, .rmsprop], Convention.allCases)
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

    /// The rate exists exactly where the update divides g by a root: AdaGrad and RMSProp, in
    /// every convention; not gd, momentum (no root) or Adam (it moves w along m̂).
    @Test func onlyTheOptimizersThatScaleGByARootHaveOne() {
        for optimizer in Optimizer.allCases {
            for convention in Convention.allCases {
                let rule = UpdateRule.rule(for: optimizer, convention: convention)
                #expect((rule.effectiveRate != nil) == [.adagrad, .rmsprop].contains(optimizer), "\(optimizer) \(convention)")
            }
        }
    }

    /// Where each rule puts ε, as conventions.md tables it: inside the root in the lecture's
    /// AdaGrad, RMSProp and Adam and in Keras's and Optax's AdaGrad and RMSProp; outside in
    /// PyTorch's, in Optax's Adam and in Keras's Adam (on √v).
    @Test func epsilonPlacementIsReadFromTheRule() {
        func inside(_ o: Optimizer, _ c: Convention) -> Bool? {
            switch UpdateRule.rule(for: o, convention: c).epsilonPlacement {
            case .insideRoot?: return true
            case .outsideRoot?: return false
            case nil: return nil
            }
        }
        for o in [Optimizer.adagrad, .rmsprop] {
            #expect(inside(o, .lecture) == true)
            #expect(inside(o, .pytorch) == false)
            #expect(inside(o, .keras) == true)
            #expect(inside(o, .optax) == true)
        }
        for o in [Optimizer.adam, .adamw] {
            #expect(inside(o, .lecture) == true)
            #expect(inside(o, .pytorch) == false)
            #expect(inside(o, .keras) == false)
            #expect(inside(o, .optax) == false)
        }
        for o in [Optimizer.gd, .sgd, .minibatch, .momentum] {
            for c in Convention.allCases { #expect(inside(o, c) == nil) }
        }
        #expect(UpdateRule.rule(for: .adam, convention: .keras).epsilonPlacement?.radicand == .symbol(.v))
        #expect(UpdateRule.rule(for: .adam, convention: .lecture).epsilonPlacement?.radicand == .symbol(.vHat))
    }
}
