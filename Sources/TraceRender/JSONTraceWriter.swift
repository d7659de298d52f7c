import TraceEngine

/// Writes a run as the JSON trace `trace/v1` (see `docs/json-trace.md`), step by step.
///
/// Key order is fixed; each step is one line, written as soon as it is computed, so memory
/// stays flat however many steps are asked for. Non-finite numbers are the strings
/// `"nan"`, `"inf"`, `"-inf"` and `diverged_at` names the first step that had one.
public struct JSONTraceWriter: TraceSink {
    public static let schema = "trace/v1"

    let output: TraceOutput
    /// Keys written after `diverged_at`, in order, with values already JSON (an answer key's
    /// `asked`, for instance). The contract lets a trace add keys.
    public var closingKeys: [(key: String, json: String)] = []
    private var rule: UpdateRule?
    private var names: [String] = []
    private var wroteStep = false
    /// With L2, `g` is the gradient of the penalised loss and `g_data` the chain rule's batch mean.
    private var writesDataGradient = false

    public init(output: TraceOutput) {
        self.output = output
    }

    public mutating func begin(_ run: RunDescription) throws {
        rule = run.rule
        names = run.parameterNames
        writesDataGradient = run.experiment.l2 != nil
        let experiment = run.experiment
        let hyperparameters = experiment.updateHyperparameters.map { ($0.symbol.rawValue, NumberFormat.json($0.value)) }
        var optimizer = [
            ("name", JSONText.string(experiment.optimizer.rawValue)),
            ("convention", JSONText.string(experiment.convention.rawValue)),
            ("hyperparameters", JSONText.object(hyperparameters)),
        ]
        if let schedule = Self.scheduleObject(experiment.schedule) { optimizer.append(("schedule", schedule)) }
        try output.write("{\n")
        try output.write("\"schema\": \(JSONText.string(Self.schema)),\n")
        try output.write("\"lesson\": \(Self.lessonObject(experiment)),\n")
        try output.write("\"optimizer\": \(JSONText.object(optimizer)),\n")
        try output.write("\"parameters\": [\(names.map(JSONText.string).joined(separator: ", "))],\n")
        try output.write("\"steps\": [")
    }

    public mutating func record(_ step: StepRecord) throws {
        guard let rule else { return }
        var parameters: [(String, String)] = []
        parameters.reserveCapacity(names.count)
        for (index, name) in names.enumerated() {
            var values = rule.recordedSymbols.map { symbol in
                (symbol.rawValue, NumberFormat.json(step.values[symbol]?[index] ?? .nan))
            }
            if writesDataGradient {
                values.insert(("g_data", NumberFormat.json(step.carriedIn[.g]?[index] ?? .nan)), at: 2)
            }
            parameters.append((name, JSONText.object(values)))
        }
        let samples = step.samples.map { sample in
            let layers = sample.layers.map { layer in
                JSONText.object([
                    ("z", JSONText.numbers(layer.z)), ("a", JSONText.numbers(layer.a)),
                    ("delta", JSONText.numbers(layer.delta)),
                ])
            }
            return JSONText.object([
                ("index", String(sample.index)), ("x", JSONText.numbers(sample.x)), ("y", JSONText.numbers(sample.y)),
                ("loss", NumberFormat.json(sample.loss)), ("layers", "[" + layers.joined(separator: ", ") + "]"),
            ])
        }
        let line = JSONText.object([
            ("t", String(step.t)), ("epoch", String(step.epoch)),
            ("batch", "[" + step.batch.map(String.init).joined(separator: ", ") + "]"),
            ("eta", NumberFormat.json(step.eta)), ("loss", NumberFormat.json(step.loss)),
            ("parameters", JSONText.object(parameters)),
            ("samples", "[" + samples.joined(separator: ", ") + "]"),
        ])
        try output.write((wroteStep ? ",\n" : "\n") + line)
        wroteStep = true
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        let divergedAt = outcome.divergence.map { String($0.t) } ?? "null"
        let closing = closingKeys.map { ",\n\(JSONText.string($0.key)): \($0.json)" }.joined()
        try output.write((wroteStep ? "\n" : "") + "],\n\"diverged_at\": \(divergedAt)\(closing)\n}\n")
    }

    /// The lesson as it was run, under the lesson file's own keys: enough to run it again.
    static func lessonObject(_ experiment: Experiment) -> String {
        let layers = experiment.network.layers.map { layer in
            JSONText.object([
                ("activation", JSONText.string(layer.activation.rawValue)),
                ("weights", JSONText.matrix(layer.weights)),
                ("biases", JSONText.numbers(layer.biases)),
            ])
        }
        let model = JSONText.object([
            ("loss", JSONText.string(experiment.network.loss.rawValue)),
            ("layers", "[" + layers.joined(separator: ", ") + "]"),
        ])
        let data = JSONText.object([
            ("inputs", JSONText.matrix(experiment.data.inputs)),
            ("targets", JSONText.matrix(experiment.data.targets)),
        ])
        let batchSize: String
        switch experiment.batchSize {
        case .full: batchSize = JSONText.string("full")
        case let .samples(count): batchSize = String(count)
        }
        var training = [("steps", String(experiment.steps)), ("batch_size", batchSize)]
        if let seed = experiment.shuffleSeed {
            training += [("shuffle", "true"), ("seed", String(seed))]
        }
        var lesson = [("title", JSONText.string(experiment.title))]
        if let summary = experiment.summary { lesson.append(("summary", JSONText.string(summary))) }
        if let objective = experiment.objective {
            let fields = [("function", JSONText.string(objective.name))]
                + objective.constants.map { ($0.symbol.rawValue, NumberFormat.json($0.value)) }
                + [("start", JSONText.numbers(experiment.start))]
            lesson += [("objective", JSONText.object(fields)), ("training", JSONText.object(training))]
        } else {
            lesson += [("model", model), ("data", data), ("training", JSONText.object(training))]
        }
        if let schedule = scheduleObject(experiment.schedule) { lesson.append(("schedule", schedule)) }
        return JSONText.object(lesson)
    }

    /// `{"name": "step", "gamma": 0.5, "every": 2}` as the lesson writes it; `nil` when constant.
    static func scheduleObject(_ schedule: LearningRateSchedule) -> String? {
        guard schedule != .constant else { return nil }
        return JSONText.object(
            [("name", JSONText.string(schedule.name))]
                + schedule.parameters.map { symbol, value in
                    // K and T are whole numbers, written as the lesson file writes them.
                    (symbol.rawValue, symbol.validRange == .positiveWhole ? String(Int(value)) : NumberFormat.json(value))
                })
    }
}
