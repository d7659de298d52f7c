import TraceEngine
import TraceLessons

/// What a homework is: a lesson's experiment, how variants of it are drawn, what is asked,
/// and how answers are graded; ``variant(for:)`` gives each student their own.
public struct HomeworkPlan: Sendable {
    public var base: Experiment
    public var variants: VariantSettings
    public var grading: GradingSettings
    public var seed: UInt64
    /// The parameters asked about, by name (`W2[1,1]`).
    public var parameters: [String]
    /// The quantities asked, in the rule's order.
    public var quantities: [Symbol]
    /// What the worksheet prints instead of asking for it (`--given`), if anything.
    public var given: GivenValues?
    /// The values of each sample's forward and backward pass asked (`--ask z,a,delta,loss`),
    /// for every unit of every layer of every sample of each update's batch.
    public var sampleQuantities: [SampleQuantity] = []
    /// Each update's batch (sample numbers from 1): the same in every variant, which draws
    /// weights and data values, not how many samples there are or how they are batched.
    private let batches: [[Int]]

    /// The most updates a homework asks about: each value is computed by hand.
    public static let maximumSteps = 100

    /// How many draws a student's variant may take before the ranges are called unusable.
    public static let maximumDraws = 1000

    public init(
        base: Experiment, variants: VariantSettings, grading: GradingSettings, seed: UInt64,
        parameters: [String], quantities: [Symbol], given: GivenValues? = nil
    ) {
        self.base = base
        self.variants = variants
        self.grading = grading
        self.seed = seed
        self.parameters = parameters
        self.quantities = quantities
        self.given = given
        var sink = RecordingSink()
        _ = try? Engine.run(base, into: &sink)
        batches = sink.steps.map(\.batch)
    }

    /// Every asked value, update by update, in the lecture's order: each sample of the batch's
    /// forward pass (layer by layer, `z` then `a`), its loss, its backward pass (`δ` from the
    /// last layer down); then parameter by parameter, quantity by quantity.
    public var asked: [AskedValue] {
        (1...max(1, base.steps)).flatMap { t in
            sampleValues(at: t)
                + parameters.flatMap { parameter in quantities.map { AskedValue(t: t, parameter: parameter, quantity: $0) } }
        }
    }

    /// The asked values of the samples' passes at update `t`.
    private func sampleValues(at t: Int) -> [AskedValue] {
        guard !sampleQuantities.isEmpty, base.objective == nil, batches.indices.contains(t - 1) else { return [] }
        let units = base.network.layers.map(\.unitCount)
        var values: [AskedValue] = []
        func add(_ quantity: SampleQuantity, sample: Int, layer: Int) {
            guard sampleQuantities.contains(quantity) else { return }
            for unit in 1...units[layer - 1] {
                values.append(AskedValue(t: t, place: SamplePlace(sample: sample, quantity: quantity, layer: layer, unit: unit)))
            }
        }
        for sample in batches[t - 1] {
            for layer in 1...units.count {
                add(.z, sample: sample, layer: layer)
                add(.a, sample: sample, layer: layer)
            }
            if sampleQuantities.contains(.loss) { values.append(AskedValue(t: t, place: SamplePlace(sample: sample, quantity: .loss))) }
            for layer in (1...units.count).reversed() { add(.delta, sample: sample, layer: layer) }
        }
        return values
    }

    /// Every value the worksheet gives: `g` of the asked parameters at every update, or every
    /// parameter's `w` from update 2 on; empty without ``given``.
    public var givenValues: [AskedValue] {
        given?.values(steps: max(1, base.steps), parameters: parameters, layout: base.layout) ?? []
    }

    /// The parameter asked about by default: the last layer's first weight that is not fixed
    /// (its gradient is one product, δ·a), or `w1` for a two-weight objective.
    public static func defaultParameter(of experiment: Experiment) -> String {
        let names = experiment.layout.names
        if experiment.objective != nil { return names.first ?? "w1" }
        let free = names.indices.filter { !experiment.network.fixed.contains($0) }.map { names[$0] }
        let last = experiment.network.layers.count
        return free.first { $0.hasPrefix("W\(last)[") } ?? free.first ?? names.first ?? ""
    }

    /// The quantities asked by default: every value the rule computes, `g` first, `w_new` last.
    public static func defaultQuantities(of experiment: Experiment) -> [Symbol] {
        experiment.rule.recordedSymbols.filter { $0 != .w }
    }

    /// `student`'s variant: drawn from a generator seeded by the plan's seed and the
    /// student's id (so a student's variant does not depend on the roster's order or
    /// size), drawn again until it passes ``VariantCheck`` and tells the catalogued mistakes
    /// apart (``MistakeSeparation``). For many students, ``drawing()`` once and its
    /// ``Drawing/variant(for:)`` for each.
    public func variant(for student: String) throws(HomeworkError) -> HomeworkVariant {
        try drawing().variant(for: student)
    }

    /// What every draw of this plan is measured against: the catalogued mistakes' sheets on
    /// the lesson's own numbers.
    public func drawing() -> Drawing {
        let separation = MistakeSeparation(
            asked: asked, given: givenValues, tolerances: Dictionary(uniqueKeysWithValues: tolerances), lesson: base)
        var sink = RecordingSink()
        let runs = (try? Engine.run(base, into: &sink)) != nil
        return Drawing(plan: self, separation: separation, lessonSheets: MistakeSeparation.byID(runs ? separation.sheets(of: base, run: sink) : []))
    }

    /// A plan's draws, with the lesson's sheets worked out once.
    public struct Drawing: Sendable {
        let plan: HomeworkPlan
        let separation: MistakeSeparation
        let lessonSheets: MistakeSeparation.LessonSheets

        /// `student`'s variant (see ``HomeworkPlan/variant(for:)``).
        public func variant(for student: String) throws(HomeworkError) -> HomeworkVariant {
            var mixer = SplitMix64(seed: plan.seed)
            var generator = Xoshiro256StarStar(seed: mixer.next() ^ HomeworkPlan.fnv1a(student))
            let drawer = VariantDrawer(base: plan.base, settings: plan.variants)
            let asked = separation.asked
            var rejections: [DrawProblem] = []
            for draw in 1...HomeworkPlan.maximumDraws {
                let experiment = drawer.draw(using: &generator)
                if let problem = experiment.problems().first {
                    rejections.append(DrawProblem(reason: .invalid, text: problem))
                    continue
                }
                var sink = RecordingSink()
                do {
                    try Engine.run(experiment, into: &sink)
                } catch {
                    rejections.append(DrawProblem(reason: .invalid, text: "\(error)"))
                    continue
                }
                if let problem = VariantCheck.problem(with: sink, experiment: experiment, asked: asked, tolerance: plan.grading.tolerance(for:))
                    ?? separation.problem(of: experiment, run: sink, lesson: lessonSheets)
                {
                    rejections.append(problem)
                    continue
                }
                guard let run = sink.run, let outcome = sink.outcome else { continue }
                return HomeworkVariant(
                    student: student, run: run, steps: sink.steps, outcome: outcome, asked: asked, given: separation.given,
                    tolerances: plan.tolerances, draws: draw, rejections: rejections)
            }
            throw HomeworkError(
                location: plan.variants.location,
                message: "no usable variant for \(student) in \(HomeworkPlan.maximumDraws) draws: \(DrawProblem.tally(rejections))",
                rejections: rejections)
        }
    }

    /// The tolerance of each asked quantity, as the key records it.
    var tolerances: [(quantity: Symbol, tolerance: GradingSettings.Tolerance)] {
        let symbols = sampleQuantities.isEmpty || quantities.contains(.g) ? quantities : [.g] + quantities
        return symbols.map { ($0, grading.tolerance(for: $0)) }
    }

    /// FNV-1a, 64 bits, of the id's UTF-8: a fixed hash, the same on every machine.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
