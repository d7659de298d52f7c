import PropertyBased
import Testing
import TraceEngine

/// Properties over generated experiments: random networks (1 to 3 layers of 1 to 3 units,
/// any activation), data, optimizers, conventions and hyperparameters in their ranges.
@Suite struct EnginePropertyTests {
    /// An experiment drawn from `seed` with the project's own generator: the property
    /// library chooses the seed, the optimizer and the convention, and shrinks them.
    static func experiment(seed: UInt64, optimizer: Optimizer, convention: Convention) -> Experiment {
        var random = Xoshiro256StarStar(seed: seed)
        func uniform(_ low: Double, _ high: Double) -> Double {
            low + (high - low) * Double(random.next() >> 11) / Double(1 << 53)
        }
        func count(_ upTo: Int) -> Int { 1 + Int(random.uniform(below: UInt64(upTo))) }
        let inputs = count(3)
        var below = inputs
        var layers: [Layer] = []
        for _ in 0..<count(3) {
            let units = count(3)
            // Softmax needs cross-entropy and one-hot targets: the reference fixtures cover it.
            let elementwise = Activation.allCases.filter(\.isElementwise)
            let activation = elementwise[Int(random.uniform(below: UInt64(elementwise.count)))]
            let weights = (0..<units).map { _ in (0..<below).map { _ in uniform(-3, 3) } }
            layers.append(Layer(activation: activation, weights: weights, biases: (0..<units).map { _ in uniform(-1, 1) }))
            below = units
        }
        let samples = count(4)
        let data = Dataset(
            inputs: (0..<samples).map { _ in (0..<inputs).map { _ in uniform(-2, 2) } },
            targets: (0..<samples).map { _ in (0..<below).map { _ in uniform(0, 1) } })
        var hyperparameters = Hyperparameters(defaultsFor: optimizer)
        for (symbol, _) in hyperparameters.entries {
            switch symbol.validRange {
            case .unitInterval?: hyperparameters[symbol] = uniform(0, 0.999)
            default: hyperparameters[symbol] = symbol == .eta ? uniform(0, 2) : uniform(0, 0.1)
            }
        }
        let batch: BatchSize = optimizer.fixedBatchSize ?? .samples(count(samples))
        return Experiment(
            title: "generated", network: Network(layers: layers, loss: .halfSSE), data: data, optimizer: optimizer,
            convention: convention, hyperparameters: hyperparameters, steps: count(6), batchSize: batch,
            shuffleSeed: random.next() % 2 == 0 ? nil : random.next())
    }

    static let inputs = (Gen.uint64(), Gen<Optimizer>.case, Gen<Convention>.case)

    @Test("any generated experiment runs every step or reports where it diverged")
    func runsOrDiverges() async {
        await propertyCheck(count: 300, input: Self.inputs.0, Self.inputs.1, Self.inputs.2) { seed, optimizer, convention in
            let experiment = Self.experiment(seed: seed, optimizer: optimizer, convention: convention)
            #expect(experiment.problems().isEmpty, "\(experiment.problems())")
            var sink = RecordingSink()
            let outcome = try Engine.run(experiment, into: &sink)
            #expect(outcome.stepsRun == experiment.steps || outcome.divergence?.t == outcome.stepsRun)
            #expect(sink.steps.count == outcome.stepsRun)
        }
    }

    @Test("every worked formula, evaluated again from the numbers it shows, gives the recorded value")
    func workedFormulasEvaluateToTheirValues() async {
        await propertyCheck(count: 300, input: Self.inputs.0, Self.inputs.1, Self.inputs.2) { seed, optimizer, convention in
            let experiment = Self.experiment(seed: seed, optimizer: optimizer, convention: convention)
            var sink = RecordingSink()
            try Engine.run(experiment, into: &sink)
            let rule = experiment.rule
            for step in sink.steps {
                for index in 0..<experiment.layout.count {
                    for (k, equation) in rule.equations.enumerated() {
                        // The numbers a worked example puts into the formula, one parameter at a time.
                        var evaluator = Evaluator(parameterCount: 1)
                        for symbol in equation.expression.symbols {
                            let value = step.value(of: symbol, parameter: index, readBy: k, in: rule)
                            if symbol.kind == .perParameter { evaluator.vectors[symbol] = [value] } else { evaluator.scalars[symbol] = value }
                        }
                        let again: Double
                        switch evaluator.evaluate(equation.expression) {
                        case let .scalar(value): again = value
                        case let .vector(values): again = values[0]
                        }
                        let recorded = step.values[equation.target]?[index] ?? .nan
                        #expect(again == recorded || (again.isNaN && recorded.isNaN),
                                "\(equation.target.rawValue) of parameter \(index) at t = \(step.t): \(again) vs \(recorded)")
                    }
                }
            }
        }
    }

    @Test("with ε = 0, the lecture's and PyTorch's Adam and AdamW agree: they differ only in where ε goes")
    func conventionsDifferOnlyThroughEpsilon() async {
        await propertyCheck(count: 200, input: Self.inputs.0, Gen.element(of: [Optimizer.adam, .adamw])) { seed, optimizer in
            var lecture = Self.experiment(seed: seed, optimizer: optimizer ?? .adam, convention: .lecture)
            lecture.hyperparameters[.epsilon] = 0
            var pytorch = lecture
            pytorch.convention = .pytorch
            var a = RecordingSink(), b = RecordingSink()
            try Engine.run(lecture, into: &a)
            try Engine.run(pytorch, into: &b)
            // The first update reads the same w and g in both: its values must agree to rounding
            // (later updates start from weights that differ by those ulps, and drift).
            let x = try #require(a.steps.first), y = try #require(b.steps.first)
            for symbol in [Symbol.m, .v, .mHat, .vHat] {
                #expect(x.values[symbol] == y.values[symbol], "\(symbol.rawValue)")
            }
            for (index, (p, q)) in zip(x.values[.wNew] ?? [], y.values[.wNew] ?? []).enumerated() where p.isFinite && q.isFinite {
                let w = x.values[.w]?[index] ?? 0
                let scale = abs(w) + abs(p - w)
                #expect(abs(p - q) <= 1e-14 * scale, "w_new of parameter \(index): \(p) vs \(q)")
            }
        }
    }
}
