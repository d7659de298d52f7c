import TraceEngine

/// The opening of a handout or worksheet: what the lesson is, before any update.
///
/// Numbers are written by the caller's `number` and `vector`, so a handout and a
/// worksheet of the same lesson show them alike.
struct LessonIntroduction {
    let number: (Double) -> String
    let vector: ([Double]) -> String
    /// Whether the lesson's own prose is shown (a worksheet leaves it out: it discusses the
    /// lesson's numbers, which a variant changes).
    var showsSummary = true
    /// Whether the network is drawn (a short worksheet leaves the drawing to its layer table).
    var showsDiagram = true

    /// The lesson's title and summary, its network and data (or objective), then the
    /// optimizer's hyperparameters and formulas as the lecture writes them.
    func write(_ run: RunDescription, to writer: inout any DocumentWriter) throws {
        let experiment = run.experiment
        try writer.write(.heading(level: 1, text: experiment.title))
        if showsSummary, let summary = experiment.summary { try writer.write(.prose(summary)) }

        if let objective = experiment.objective {
            try writeObjective(objective, experiment: experiment, to: &writer)
        } else {
            try writeNetworkAndData(experiment, to: &writer)
        }

        try writer.write(.beginGroup(id: "formulas"))
        try writer.write(.heading(level: 2, text: "\(experiment.optimizer.displayName), \(experiment.convention.displayName) convention"))
        try writer.write(.equations([.assignments(experiment.updateHyperparameters, number: number)]))
        if experiment.objective == nil {
            try writer.write(.paragraph("For each sample, the forward pass and the chain rule:"))
            try writer.write(.equations(ChainRuleFormulas.symbolic))
            if experiment.network.loss == .crossEntropy {
                try writer.write(.paragraph(
                    "The output layer is a softmax, with cross-entropy as the loss (y one-hot: 1 for the sample's class, 0 elsewhere). Every ŷₖ depends on every zⱼ, so the output δ sums over the outputs; with Σⱼ yⱼ = 1 it simplifies to ŷ − y, which is the output δ below (no f′ is taken):"))
                try writer.write(.equations(SoftmaxFormulas.symbolic))
            }
        }
        if let schedule = experiment.schedule.formula {
            let parameters: [MathNode] = [schedule, .op(","), .assignments(experiment.schedule.parameters, number: number)]
            try writer.write(.paragraph("The learning rate follows a \(experiment.schedule.name) schedule; the update reads η as ηₜ:"))
            try writer.write(.equations([.row(parameters)]))
        }
        try writer.write(.paragraph(
            experiment.objective == nil
                ? "Then, for each parameter, with g its gradient averaged over the batch:"
                : "Then, for each weight, with g its component of the gradient above:"))
        try writer.write(.equations(LectureFormulas.symbolic(run.rule, scheduled: experiment.schedule != .constant)))
        for note in run.rule.notes { try writer.write(.paragraph(note)) }
        try writer.write(.paragraph(Self.indexing(run.rule, start: run.experiment.scalars, number: number)))
        try writer.write(.endGroup)
    }

    private func writeNetworkAndData(_ experiment: Experiment, to writer: inout any DocumentWriter) throws {
        let network = experiment.network
        try writer.write(.heading(level: 2, text: "The network"))
        let units = network.layers.map { "\($0.unitCount) \($0.activation.rawValue)" }.joined(separator: " → ")
        try writer.write(.mathParagraph([
            .text("\(Wording.counted(network.inputCount, "input")) → \(units). Loss: \(network.loss.spokenName), "),
            network.loss.formulaPart, .text(", averaged over the samples of a batch."),
        ]))
        if let fixed = RunDescription.fixedSentence(experiment) {
            try writer.write(.paragraph(fixed))
        }
        if showsDiagram { try writer.write(.network(network)) }
        let layerRows = network.layers.enumerated().map { l, layer in
            ["\(l + 1)", layer.activation.rawValue, "[" + layer.weights.map(vector).joined(separator: ", ") + "]", vector(layer.biases)]
        }
        try writer.write(.table(Table(header: ["layer", "activation", "W (row j = into unit j)", "b"], rows: layerRows)))

        try writer.write(.heading(level: 2, text: "The data"))
        let dataRows = zip(experiment.data.inputs, experiment.data.targets).enumerated().map { n, sample in
            ["\(n + 1)", vector(sample.0), vector(sample.1)]
        }
        try writer.write(.table(Table(header: ["sample", "x", "y"], rows: dataRows)))
        let batch = experiment.batchSize.resolved(sampleCount: experiment.data.count)
        try writer.write(.paragraph(
            "\(batch == experiment.data.count ? "Full batch" : "Batches of \(batch)")\(experiment.shuffleSeed.map { ", shuffled each epoch (seed \($0))" } ?? ", in data order"); \(Wording.counted(experiment.steps, "update"))."))
    }

    /// The objective's formula, its gradient and the starting point, instead of a network and data.
    private func writeObjective(_ objective: Objective, experiment: Experiment, to writer: inout any DocumentWriter) throws {
        try writer.write(.heading(level: 2, text: "The objective"))
        try writer.write(.paragraph(
            "A loss of two weights (\(objective.name)), minimised directly: its gradient is written out, with no network or data. Start: (w₁, w₂) = \(vector(experiment.start)); minimum at \(vector(objective.minimum)); \(Wording.counted(experiment.steps, "update"))."))
        try writer.write(.equations(
            [objective.lossFormula, .assignments(objective.constants, number: number)] + objective.gradientFormulas))
    }

    /// How the formulas' `t` and the worked values' indices relate, said with the rule's own
    /// first state value (`m` for Adam, `v` for momentum), or the weight when it keeps none.
    static func indexing(_ rule: UpdateRule, start scalars: SymbolMap<Double>, number: (Double) -> String) -> String {
        let counting = "t counts updates from 1, as the frameworks do: a value's index is the update that produced it"
        let whose = rule.convention == .lecture ? "the lecture's formulas" : "\(rule.convention.displayName)'s formulas, in the lecture's notation"
        guard let first = rule.stateSymbols.first else {
            return "These are \(whose): the update from w(t) to w(t+1). Below, \(counting), so w(1) is the weight after the first update, from w(0), the starting weight."
        }
        let state = first.unicode
        let startValue = rule.initialState[first].map { "\($0.unicode) = \(number(scalars[$0] ?? 0))" } ?? "0"
        return "These are \(whose): the update from w(t) to w(t+1) reads the state as it was, \(state)(t), and writes \(state)(t+1). Below, \(counting), so \(state)(1) is \(state) after the first update, from \(state)(0) = \(startValue)."
    }
}
