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
    /// Each parameter's name and each recorded symbol's name as JSON keys (`"W1[1,2]"`,
    /// `"m_hat": `), made once in `begin`.
    private var nameKeys: [[UInt8]] = []
    private var symbolKeys: [[UInt8]] = []
    /// The step being written, reused from step to step.
    private var line: [UInt8] = []
    private var wroteStep = false
    /// With L2, `g` is the gradient of the penalised loss and `g_data` the chain rule's batch mean.
    private var writesDataGradient = false

    public init(output: TraceOutput) {
        self.output = output
    }

    public mutating func begin(_ run: RunDescription) throws {
        rule = run.rule
        let names = run.parameterNames
        nameKeys = names.map { Array(JSONText.string($0).utf8) }
        symbolKeys = run.rule.recordedSymbols.map { Array("\(JSONText.string($0.rawValue)): ".utf8) }
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
        // The step's line as UTF-8 in one reused buffer, numbers by ShortestDigits: the same
        // text as `JSONText.object` of the same pairs, without a String per value.
        var line = self.line
        self.line = []
        defer { self.line = line }
        line.removeAll(keepingCapacity: true)
        func append(_ text: StaticString) {
            line.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        }
        func appendNumbers(_ values: [Double]) {
            line.append(UInt8(ascii: "["))
            for (i, x) in values.enumerated() {
                if i > 0 { append(", ") }
                NumberFormat.appendJSON(x, to: &line)
            }
            line.append(UInt8(ascii: "]"))
        }
        append(wroteStep ? ",\n{\"t\": " : "\n{\"t\": ")
        NumberFormat.appendInteger(step.t, to: &line)
        append(", \"epoch\": ")
        NumberFormat.appendInteger(step.epoch, to: &line)
        append(", \"batch\": [")
        for (i, n) in step.batch.enumerated() {
            if i > 0 { append(", ") }
            NumberFormat.appendInteger(n, to: &line)
        }
        append("], \"eta\": ")
        NumberFormat.appendJSON(step.eta, to: &line)
        append(", \"loss\": ")
        NumberFormat.appendJSON(step.loss, to: &line)
        append(", \"parameters\": {")
        let symbols = rule.recordedSymbols
        for (index, nameKey) in nameKeys.enumerated() {
            if index > 0 { append(", ") }
            line.append(contentsOf: nameKey)
            append(": {")
            for (k, symbol) in symbols.enumerated() {
                if k > 0 { append(", ") }
                line.append(contentsOf: symbolKeys[k])
                NumberFormat.appendJSON(step.values[symbol]?[index] ?? .nan, to: &line)
                // With L2, g_data goes third, after w and g (recorded symbols start w, g).
                if k == 1, writesDataGradient {
                    append(", \"g_data\": ")
                    NumberFormat.appendJSON(step.carriedIn[.g]?[index] ?? .nan, to: &line)
                }
            }
            append("}")
        }
        append("}, \"samples\": [")
        for (n, sample) in step.samples.enumerated() {
            if n > 0 { append(", ") }
            append("{\"index\": ")
            NumberFormat.appendInteger(sample.index, to: &line)
            append(", \"x\": ")
            appendNumbers(sample.x)
            append(", \"y\": ")
            appendNumbers(sample.y)
            append(", \"loss\": ")
            NumberFormat.appendJSON(sample.loss, to: &line)
            append(", \"layers\": [")
            for (l, layer) in sample.layers.enumerated() {
                if l > 0 { append(", ") }
                append("{\"z\": ")
                appendNumbers(layer.z)
                append(", \"a\": ")
                appendNumbers(layer.a)
                append(", \"delta\": ")
                appendNumbers(layer.delta)
                append("}")
            }
            append("]}")
        }
        append("]}")
        try output.write(bytes: line)
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
        var modelFields = [
            ("loss", JSONText.string(experiment.network.loss.rawValue)),
            ("layers", "[" + layers.joined(separator: ", ") + "]"),
        ]
        if !experiment.network.fixed.isEmpty {
            let names = experiment.network.fixed.map { JSONText.string(experiment.layout.roles[$0].name) }
            modelFields.append(("fixed", "[" + names.joined(separator: ", ") + "]"))
        }
        let model = JSONText.object(modelFields)
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
