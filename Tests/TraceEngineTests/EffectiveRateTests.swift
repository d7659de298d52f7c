import Testing
import TraceEngine
import TraceLessons

/// `UpdateRule.effectiveRate` restates the factor in an adaptive update; it must agree with
/// what the update did: `w_new = w − rate·g` for AdaGrad and RMSProp, `w_new = w − rate·m̂`
/// for Adam (`m` in Keras's form, which keeps no m̂), less AdamW's decay, for every parameter
/// and step.
@Suite struct EffectiveRateTests {
    @Test(arguments: [Optimizer.adagrad, .rmsprop], Convention.allCases)
    func rateTimesGradientIsTheStep(_ optimizer: Optimizer, _ convention: Convention) throws {
        let lesson = try #require(try BundledLessons.lesson(named: "adagrad"))
        let experiment = Experiment(
            title: lesson.title, network: lesson.network, data: lesson.data, optimizer: optimizer,
            convention: convention, steps: 4)
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        let rate = try #require(experiment.rule.effectiveRate?.rate)
        #expect(experiment.rule.effectiveRate?.direction == .g)
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

    /// Adam and AdamW in every convention: the update is `w − rate·m̂` (Keras: `m`) plus what
    /// is left when the direction is 0 (AdamW's decayed weight), to a few ulps of w (the rule
    /// multiplies in another order).
    @Test(arguments: [Optimizer.adam, .adamw, .amsgrad], Convention.allCases)
    func rateTimesDirectionIsTheStep(_ optimizer: Optimizer, _ convention: Convention) throws {
        let lesson = try #require(try BundledLessons.lesson(named: "adam"))
        var hyperparameters = Hyperparameters(defaultsFor: optimizer, convention: convention)
        hyperparameters[.eta] = 0.05
        let experiment = Experiment(
            title: lesson.title, network: lesson.network, data: lesson.data, optimizer: optimizer,
            convention: convention, hyperparameters: hyperparameters, steps: 4)
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        let rate = try #require(experiment.rule.effectiveRate)
        #expect(rate.direction == (convention == .keras ? .m : .mHat))
        let update = try #require(experiment.rule.equations.last?.expression)
        for step in sink.steps {
            var evaluator = Evaluator(parameterCount: step.values[.w]?.count ?? 0)
            evaluator.scalars = step.scalars
            for (symbol, column) in step.values { evaluator.vectors[symbol] = Array(column) }
            guard case let .vector(rates) = evaluator.evaluate(rate.rate),
                  case let .vector(rest) = evaluator.evaluate(update.substituting(rate.direction, with: 0)) else {
                Issue.record("the rate should be per parameter")
                return
            }
            for index in rates.indices {
                let w = step.values[.w]![index], direction = step.values[rate.direction]![index], wNew = step.values[.wNew]![index]
                #expect(abs((rest[index] - rates[index] * direction) - wNew) <= 1e-15 * max(1, abs(w)), "t=\(step.t), parameter \(index)")
            }
        }
    }

    /// The rate exists exactly where the update divides by a root of squared gradients:
    /// AdaGrad and RMSProp (times g), Adam, AdamW and AMSGrad (times m̂, or Keras's m), in every
    /// convention; not gd, momentum or Nesterov (no root: their rate is η). In the lecture's
    /// form ε is inside the root, as the update has it; in PyTorch's outside.
    @Test func theAdaptiveOptimizersHaveOne() {
        for optimizer in Optimizer.allCases {
            for convention in Convention.allCases {
                let rule = UpdateRule.rule(for: optimizer, convention: convention)
                #expect((rule.effectiveRate != nil) == [.adagrad, .rmsprop, .adam, .adamw, .amsgrad].contains(optimizer), "\(optimizer) \(convention)")
            }
        }
        let η = Expression.symbol(.eta), ε = Expression.symbol(.epsilon), vHat = Expression.symbol(.vHat)
        for optimizer in [Optimizer.adam, .adamw] {
            #expect(UpdateRule.rule(for: optimizer, convention: .lecture).effectiveRate == EffectiveRate(rate: η / .sqrt(vHat + ε), direction: .mHat))
            #expect(UpdateRule.rule(for: optimizer, convention: .pytorch).effectiveRate == EffectiveRate(rate: η / (.sqrt(vHat) + ε), direction: .mHat))
            #expect(UpdateRule.rule(for: optimizer, convention: .optax).effectiveRate == EffectiveRate(rate: η / (.sqrt(vHat) + ε), direction: .mHat))
        }
        // AMSGrad's lecture form divides by the root of the largest v̂ so far.
        #expect(UpdateRule.rule(for: .amsgrad, convention: .lecture).effectiveRate == EffectiveRate(rate: η / .sqrt(.symbol(.vMax) + ε), direction: .mHat))
        #expect(UpdateRule.rule(for: .adagrad, convention: .lecture).effectiveRate == EffectiveRate(rate: η / .sqrt(.symbol(.s) + ε), direction: .g))
        #expect(UpdateRule.rule(for: .rmsprop, convention: .optax).effectiveRate == EffectiveRate(rate: η / .sqrt(.symbol(.ss) + ε), direction: .g))
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
