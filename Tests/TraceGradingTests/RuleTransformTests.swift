import Testing
import TraceEngine

@testable import TraceGrading

/// The catalog's edits of a rule, checked against the mistaken formulas as
/// `Tests/Fixtures/reference/MISCONCEPTIONS.md` writes them, and where they must not apply.
@Suite struct RuleTransformTests {
    typealias E = Expression
    let w = E.symbol(.w), g = E.symbol(.g), m = E.symbol(.m), v = E.symbol(.v), ss = E.symbol(.ss)
    let mHat = E.symbol(.mHat), vHat = E.symbol(.vHat), η = E.symbol(.eta), ε = E.symbol(.epsilon)
    let β = E.symbol(.beta), ρ = E.symbol(.rho), β1 = E.symbol(.beta1), β2 = E.symbol(.beta2), λ = E.symbol(.lambda)

    func rule(_ o: Optimizer, _ c: Convention) -> UpdateRule { UpdateRule.rule(for: o, convention: c) }

    @Test func oneMinusBetaLeftOut() throws {
        let momentum = try #require(rule(.momentum, .lecture).withoutOneMinusDecay())
        #expect(momentum.expression(of: .v) == β * v + g)
        let adam = try #require(rule(.adam, .lecture).withoutOneMinusDecay())
        #expect(adam.expression(of: .m) == β1 * m + g)
        #expect(adam.expression(of: .v) == β2 * v + E.pow(g, 2))
        let rmsprop = try #require(rule(.rmsprop, .pytorch).withoutOneMinusDecay())
        #expect(rmsprop.expression(of: .ss) == ρ * ss + E.pow(g, 2))
        // PyTorch's momentum has no (1 − β); Keras's Adam moves m by (g − m)·(1 − β₁), no β₁·m.
        #expect(rule(.momentum, .pytorch).withoutOneMinusDecay() == nil)
        #expect(rule(.adam, .keras).withoutOneMinusDecay() == nil)
        #expect(rule(.adagrad, .lecture).withoutOneMinusDecay() == nil)
    }

    @Test func epsilonMovedAcrossTheRoot() throws {
        let lecture = try #require(rule(.adagrad, .lecture).edited(where: { $0.target == .wNew }) { $0.epsilonMoved })
        #expect(lecture.expression(of: .wNew) == w - η / (E.sqrt(E.symbol(.s)) + ε) * g)
        let pytorch = try #require(rule(.adam, .pytorch).edited(where: { $0.target == .wNew }) { $0.epsilonMoved })
        #expect(pytorch.expression(of: .wNew) == w - η * mHat / E.sqrt(vHat + ε))
        #expect(rule(.momentum, .lecture).edited(where: { $0.target == .wNew }) { $0.epsilonMoved } == nil)
    }

    @Test func biasCorrectionAndSwaps() throws {
        let omitted = try #require(rule(.adamw, .pytorch).withoutBiasCorrection())
        #expect(omitted.expression(of: .mHat) == m)
        #expect(omitted.expression(of: .vHat) == v)
        #expect(rule(.adam, .keras).withoutBiasCorrection() == nil)
        let swapped = try #require(rule(.adam, .lecture).betasSwapped())
        #expect(swapped.expression(of: .m) == β2 * m + (1 - β2) * g)
        #expect(swapped.expression(of: .v) == β1 * v + (1 - β1) * E.pow(g, 2))
        #expect(swapped.expression(of: .mHat) == m / (1 - E.pow(β2, .symbol(.t))))
        #expect(rule(.rmsprop, .lecture).betasSwapped() == nil)
        let twice = try #require(rule(.adam, .optax).biasCorrection(atStepShiftedBy: 1))
        #expect(twice.expression(of: .vHat) == v / (1 - E.pow(β2, .symbol(.t) + 1)))
    }

    @Test func gradientForItsSquare() throws {
        #expect(try #require(rule(.adagrad, .lecture).gradientForItsSquare()).expression(of: .s) == E.symbol(.s) + g)
        #expect(try #require(rule(.adam, .lecture).gradientForItsSquare()).expression(of: .v) == β2 * v + (1 - β2) * g)
        #expect(rule(.momentum, .lecture).gradientForItsSquare() == nil)
    }

    /// AdamW without its decay is Adam, in each convention's own form.
    @Test(arguments: Convention.allCases)
    func adamWWithoutDecayIsAdam(_ convention: Convention) throws {
        let undecayed = try #require(rule(.adamw, convention).updateWithoutTerms(withFactor: .lambda))
        #expect(undecayed.expression(of: .wNew) == rule(.adam, convention).expression(of: .wNew))
        #expect(rule(.adam, convention).updateWithoutTerms(withFactor: .lambda) == nil)
    }
}

extension RuleTransformTests {
    /// AdaGrad's sum restarted: `s = g²` in every convention; no other optimizer keeps a sum.
    @Test(arguments: Convention.allCases)
    func runningSumRestarted(_ convention: Convention) throws {
        let restarted = try #require(rule(.adagrad, convention).withRunningSumRestarted())
        #expect(restarted.expression(of: .s) == E.pow(g, 2))
        for optimizer in Optimizer.allCases where optimizer != .adagrad {
            #expect(rule(optimizer, convention).withRunningSumRestarted() == nil, "\(optimizer)")
        }
    }
}

extension RuleTransformTests {
    /// AMSGrad's maximum left out: `v_max = v̂` where the convention keeps the maximum of v̂
    /// (the lecture's form, Optax), `v_max = v` where it keeps that of v (PyTorch, Keras); no
    /// other optimizer keeps a maximum.
    @Test(arguments: Convention.allCases)
    func runningMaximumLeftOut(_ convention: Convention) throws {
        let omitted = try #require(rule(.amsgrad, convention).withRunningMaximumLeftOut())
        let ofRawV = convention == .pytorch || convention == .keras
        #expect(omitted.expression(of: .vMax) == (ofRawV ? v : vHat))
        #expect(omitted.equations.filter { $0.target != .vMax } == rule(.amsgrad, convention).equations.filter { $0.target != .vMax })
        for optimizer in Optimizer.allCases where optimizer != .amsgrad {
            #expect(rule(optimizer, convention).withRunningMaximumLeftOut() == nil, "\(optimizer)")
        }
    }

    /// Without bias correction, PyTorch's AMSGrad divides by √v_max: its v̂ is v_max/(1 − β₂ᵗ),
    /// so the correction left out gives v̂ = v_max, not v.
    @Test func amsgradBiasCorrectionLeftOut() throws {
        let pytorch = try #require(rule(.amsgrad, .pytorch).withoutBiasCorrection())
        #expect(pytorch.expression(of: .mHat) == m)
        #expect(pytorch.expression(of: .vHat) == E.symbol(.vMax))
        let lecture = try #require(rule(.amsgrad, .lecture).withoutBiasCorrection())
        #expect(lecture.expression(of: .vHat) == v)
        #expect(lecture.expression(of: .vMax) == .maximum(E.symbol(.vMax), vHat))
    }
}

extension RuleTransformTests {
    /// The moving averages restarted at every update, each form as `MISCONCEPTIONS.md` writes
    /// it (the update before's state read as 0): only this update's term is left, and nothing
    /// else of the rule changes; a rule without a moving average has none to restart.
    @Test func movingAveragesRestarted() throws {
        let vMax = E.symbol(.vMax)
        func restarted(_ o: Optimizer, _ c: Convention) throws -> UpdateRule {
            try #require(rule(o, c).withKeptStateRestarted(.movingAverage), "\(o) \(c)")
        }
        #expect(try restarted(.momentum, .lecture).expression(of: .v) == (1 - β) * g)
        #expect(try restarted(.momentum, .pytorch).expression(of: .v) == g)
        #expect(try restarted(.momentum, .keras).expression(of: .v) == 0 - η * g)
        #expect(try restarted(.nesterov, .lecture).expression(of: .v) == (1 - β) * g)
        // Nesterov's step reads this update's v, which the restart leaves as it is.
        #expect(try restarted(.nesterov, .lecture).expression(of: .wNew) == rule(.nesterov, .lecture).expression(of: .wNew))
        #expect(try restarted(.rmsprop, .lecture).expression(of: .ss) == (1 - ρ) * E.pow(g, 2))
        #expect(try restarted(.rmsprop, .optax).expression(of: .ss) == (1 - ρ) * E.pow(g, 2))
        let adam = try restarted(.adam, .lecture)
        #expect(adam.expression(of: .m) == (1 - β1) * g)
        #expect(adam.expression(of: .v) == (1 - β2) * E.pow(g, 2))
        #expect(adam.equations.filter { ![.m, .v].contains($0.target) } == rule(.adam, .lecture).equations.filter { ![.m, .v].contains($0.target) })
        #expect(try restarted(.adam, .keras).expression(of: .m) == g * (1 - β1))
        // AMSGrad's maximum is not a moving average: it is kept (restarted, it is amsgrad-max-omitted).
        let amsgrad = try restarted(.amsgrad, .pytorch)
        #expect(amsgrad.expression(of: .m) == (1 - β1) * g)
        #expect(amsgrad.expression(of: .vMax) == .maximum(vMax, v))
        for convention in Convention.allCases {
            #expect(rule(.adagrad, convention).withKeptStateRestarted(.movingAverage) == nil, "\(convention)")
            #expect(rule(.sgd, convention).withKeptStateRestarted(.movingAverage) == nil, "\(convention)")
            #expect(rule(.adagrad, convention).withKeptStateRestarted(.runningSum)?.expression(of: .s) == E.pow(g, 2))
        }
    }

    /// Each kept value of each optimizer is of one kind: the three restarts edit disjoint equations.
    @Test(arguments: Convention.allCases)
    func keptStateKinds(_ convention: Convention) {
        for optimizer in Optimizer.allCases {
            let r = rule(optimizer, convention)
            let kinds = Dictionary(uniqueKeysWithValues: r.keptState.map { ($0, r.kind(ofKept: $0)) })
            let expected: [Symbol: UpdateRule.KeptStateKind] = switch optimizer {
            case .gd, .sgd, .minibatch: [:]
            case .momentum, .nesterov: [.v: .movingAverage]
            case .adagrad: [.s: .runningSum]
            case .rmsprop: [.ss: .movingAverage]
            case .adam, .adamw: [.m: .movingAverage, .v: .movingAverage]
            case .amsgrad: [.m: .movingAverage, .v: .movingAverage, .vMax: .runningMaximum]
            }
            #expect(kinds == expected, "\(optimizer) \(convention)")
        }
    }

    /// The weight decay left out: AdamW's update is Adam's; L2's `g ← g + λ₂·w` goes whole, in
    /// every optimizer; a rule with neither has nothing to leave out.
    @Test(arguments: Convention.allCases)
    func weightDecayLeftOut(_ convention: Convention) throws {
        let adamw = try #require(rule(.adamw, convention).withoutWeightDecay())
        #expect(adamw.equations == rule(.adam, convention).equations)
        for optimizer in Optimizer.allCases {
            let base = rule(optimizer, convention)
            let withL2 = UpdateRule(
                optimizer: optimizer, convention: convention, equations: [Equation(.g, g + E.symbol(.l2) * w)] + base.equations,
                initialState: base.initialState)
            let undecayed = try #require(withL2.withoutWeightDecay(), "\(optimizer)")
            #expect(undecayed.expression(of: .g) == nil, "\(optimizer)")
            if optimizer != .adamw {
                #expect(undecayed.equations == base.equations, "\(optimizer)")
                #expect(base.withoutWeightDecay() == nil, "\(optimizer)")
            }
        }
    }
}
