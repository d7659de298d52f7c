import TraceEngine
import TraceLessons

/// What ``MistakeSeparation`` works out about a homework before it replays any sheet, worked
/// out once from the lesson's experiment and reused for every draw, instead of once per draw.
///
/// It holds the parameter layout, where each asked value sits in it, each asked value's
/// tolerance, the catalogued mistakes that can happen (each with the rule and chain rule its
/// student follows), which of them change each asked value's own formula
/// (``Diagnoser/isOwnFormula(of:for:parameter:in:)``), whether any asked value is one of the
/// passes' (the only reason a replay keeps each sample's z, a and δ), and each replay's rule
/// made ready to run (``PreparedRun``: compiled, with the layout and the chain rule's shapes),
/// the right formulas' and each mistake's.
///
/// Safe to share between the lesson and its draws because every one of these depends on the
/// experiment's shape only, which no draw changes: ``VariantDrawer`` draws numbers (weights,
/// biases, data values, the start, hyperparameters, λ₂'s value) and keeps the optimizer, the
/// convention, whether L2 is on, the layers' sizes, activations and loss, the fixed
/// parameters, the samples' count, the batch size and the steps. The catalog's entries and
/// `isOwnFormula` read only those (`SeparationSetupTests` checks, draw by draw, that a setup
/// worked out from a draw is the lesson's).
struct SeparationSetup: Sendable {
    let layout: ParameterLayout
    /// Each asked value's parameter index in ``layout``; `nil` for a value of the passes.
    let indices: [Int?]
    /// Each asked value's tolerance.
    let tolerance: [GradingSettings.Tolerance]
    /// The catalogued mistakes that can happen in the homework, in the catalog's order.
    let mistakes: [(misconception: Misconception, run: Misconception.MistakenRun)]
    /// For each asked value, the indices into ``mistakes`` of those whose own formula gives it
    /// (tried where an answer is wrong).
    let ownFormulas: [[Int]]
    /// Whether some asked value is a value of the passes, read from each sample's record.
    let readsSamples: Bool
    /// The right formulas with the lecture's chain rule, and each of ``mistakes``' rule and
    /// chain rule, ready to replay; `nil` for a network without parameters, which no draw
    /// can run (``Experiment/problems()``), so that nothing is replayed.
    let replays: (right: PreparedRun, mistaken: [PreparedRun])?

    init(_ experiment: Experiment, asked: [AskedValue], tolerances: [Symbol: GradingSettings.Tolerance]) {
        let layout = experiment.layout
        let indices = asked.map { $0.place == nil ? layout.index(named: $0.parameter) : nil }
        let mistakes = MisconceptionCatalog.all.compactMap { misconception in
            misconception.run(for: experiment).map { (misconception: misconception, run: $0) }
        }
        self.layout = layout
        self.indices = indices
        tolerance = asked.map { tolerances[$0.quantity] ?? GradingSettings().tolerance(for: $0.quantity) }
        self.mistakes = mistakes
        ownFormulas = asked.indices.map { n in
            mistakes.indices.filter { Diagnoser.isOwnFormula(of: mistakes[$0].run, for: asked[n], parameter: indices[n], in: experiment) }
        }
        readsSamples = asked.contains { $0.place != nil }
        func prepared(_ run: Misconception.MistakenRun?) -> PreparedRun {
            var experiment = experiment
            experiment.chainRule = run?.chainRule ?? .standard
            return PreparedRun(experiment, rule: run?.rule)
        }
        replays = layout.count > 0 ? (prepared(nil), mistakes.map { prepared($0.run) }) : nil
    }
}
