import TraceEngine
import Yams

/// Turns lesson YAML into a validated ``Lesson``, or one ``LessonError`` for the first problem.
///
/// Nothing runs until the whole file has been checked: keys (with did-you-mean), types,
/// finiteness, shapes that must chain, targets that fit the output, and hyperparameter ranges.
public enum LessonParser {
    /// The largest lesson accepted, in bytes: far above any hand-written lesson.
    public static let maximumSize = 1 << 20

    static let topLevelKeys = [
        "title", "summary", "model", "data", "objective", "optimizer", "training", "schedule", "variants", "grading", "handout", "homework",
    ]
    static let objectiveKeys = ["function", "a", "b", "start"]
    static let scheduleKeys = ["name", "gamma", "every", "eta_min", "period"]
    static let modelKeys = ["loss", "layers", "fixed"]
    static let layerKeys = ["activation", "weights", "biases"]
    static let dataKeys = ["inputs", "targets"]
    static let trainingKeys = ["steps", "batch_size", "shuffle", "seed"]

    /// Parses `yaml`, naming `file` in errors.
    public static func parse(_ yaml: String, file: String) throws(LessonError) -> Lesson {
        let reader = YAMLNodeReader(file: file)
        let start = SourceLocation(file: file, line: 1, column: 1)
        if yaml.utf8.count > maximumSize {
            throw LessonError(start, "the lesson is larger than 1 MiB; a lesson holds a tiny network and a few samples")
        }

        // Anchors and aliases have no use in a lesson, and nested aliases expand without
        // bound ("billion laughs"): refuse them before the lesson itself is composed.
        let anchor: (line: Int, column: Int)?
        do {
            anchor = try YAMLAnchorScan.firstAnchorOrAlias(in: yaml)
        } catch let error as YamlError {
            throw Self.located(error, file: file, in: yaml)
        } catch {
            throw LessonError(start, "could not read the lesson as YAML: \(error)")
        }
        if let (line, column) = anchor {
            throw LessonError(
                SourceLocation(file: file, line: line, column: column),
                "anchors (&name) and aliases (*name) are not supported in lessons; write the values out")
        }

        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw LessonError(start, "the lesson is empty; start it with 'title:' (see docs/lesson-format.md)")
            }
            root = composed
        } catch let error as LessonError {
            throw error
        } catch let error as YamlError {
            throw Self.located(error, file: file, in: yaml)
        } catch {
            throw LessonError(start, "could not read the lesson as YAML: \(error)")
        }

        let entries = try reader.mapping(root, context: "the lesson", allowed: topLevelKeys)
        func entry(_ key: String) -> (keyNode: Node, value: Node)? {
            entries.first { $0.key == key }.map { ($0.keyNode, $0.value) }
        }

        guard let titleEntry = entry("title"), let title = try reader.text(titleEntry.value, what: "title"),
            !title.trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw entry("title").map { reader.error(at: $0.value, "the title is empty; give the lesson a title") }
                ?? reader.error(at: root, "the lesson has no 'title:'; add one, e.g. 'title: Adam on a 2-2-1 network'")
        }
        let summary = try entry("summary").flatMap { e throws(LessonError) in try reader.text(e.value, what: "summary") }

        // Either a network with its data, or a two-weight objective.
        var network = Network(layers: [], loss: .halfSSE)
        var data = Dataset(inputs: [], targets: [])
        var objective: (function: Objective, start: [Double])?
        if let objectiveEntry = entry("objective") {
            if let other = entry("model") ?? entry("data") {
                throw reader.error(at: other.keyNode, "a lesson has either 'model:' and 'data:', or an 'objective:', not both")
            }
            objective = try parseObjective(objectiveEntry.value, reader: reader)
        } else {
            guard let modelEntry = entry("model") else {
                throw reader.error(
                    at: root, "the lesson has no 'model:' section; add one with 'loss:' and 'layers:' (or an 'objective:')")
            }
            network = try parseModel(modelEntry.value, reader: reader)
            guard let dataEntry = entry("data") else {
                throw reader.error(at: root, "the lesson has no 'data:' section; add 'inputs:' and 'targets:'")
            }
            data = try parseData(dataEntry.value, network: network, reader: reader)
        }

        let optimizer = try entry("optimizer").map { e throws(LessonError) in try parseOptimizer(e.value, reader: reader) }
        var training = Lesson.TrainingSettings()
        if let trainingEntry = entry("training") {
            training = try parseTraining(trainingEntry.value, sampleCount: max(1, data.count), reader: reader)
            if objective != nil {
                for (key, keyNode, _) in try reader.mapping(trainingEntry.value, context: "training", allowed: trainingKeys)
                where key != "steps" {
                    throw reader.error(at: keyNode, "\(key) does not apply to an objective, which has no samples; remove it")
                }
            }
        }

        let schedule = try entry("schedule").map { e throws(LessonError) in try parseSchedule(e.value, reader: reader) }

        var lesson = Lesson(
            source: file, title: title, summary: summary, network: network, data: data,
            optimizer: optimizer, training: training, schedule: schedule, objective: objective)
        lesson.variants = try entry("variants").map { e throws(LessonError) in try parseVariants(e.value, reader: reader) }
        lesson.grading = try entry("grading").map { e throws(LessonError) in try parseGrading(e.value, reader: reader) }
        lesson.handout = try entry("handout").map { e throws(LessonError) in
            try parseHandout(e.value, optimizer: optimizer?.name, reader: reader)
        }
        lesson.homework = try entry("homework").map { e throws(LessonError) in
            try parseHomework(e.value, layout: objective == nil ? network.layout : nil, reader: reader)
        }
        return lesson
    }

    // MARK: - Sections

    static func parseModel(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> Network {
        let entries = try reader.mapping(node, context: "model", allowed: modelKeys)
        guard let lossEntry = entries.first(where: { $0.key == "loss" }) else {
            throw reader.error(at: node, "model has no 'loss:'; choose one of \(Loss.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let loss: Loss = try choice(lossEntry.value, what: "loss", reader: reader)
        guard let layersEntry = entries.first(where: { $0.key == "layers" }) else {
            throw reader.error(at: node, "model has no 'layers:'; list the layers from the input side")
        }
        let layerNodes = try reader.list(layersEntry.value, what: "layers")
        guard !layerNodes.isEmpty else {
            throw reader.error(at: layersEntry.value, "layers is empty; a network needs at least one layer")
        }
        guard layerNodes.count <= LessonLimits.maximumLayers else {
            throw reader.error(
                at: layerNodes[LessonLimits.maximumLayers],
                "the network has \(layerNodes.count) layers; a lesson may have at most \(LessonLimits.maximumLayers)")
        }
        var parameterCount = 0

        var layers: [Layer] = []
        var lastActivationNode = layersEntry.value
        var unitsBelow: Int?
        for (index, layerNode) in layerNodes.enumerated() {
            let l = index + 1
            let fields = try reader.mapping(layerNode, context: "layer \(l)", allowed: layerKeys)
            guard let activationEntry = fields.first(where: { $0.key == "activation" }) else {
                throw reader.error(at: layerNode, "layer \(l) has no 'activation:'; choose one of \(Activation.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let activation: Activation = try choice(activationEntry.value, what: "activation", reader: reader)
            if activation == .softmax, index != layerNodes.count - 1 {
                throw reader.error(
                    at: activationEntry.value,
                    "softmax is for the last layer only (it turns the outputs into class probabilities); layer \(l) of \(layerNodes.count) needs another activation, such as sigmoid")
            }
            lastActivationNode = activationEntry.value
            guard let weightsEntry = fields.first(where: { $0.key == "weights" }) else {
                throw reader.error(at: layerNode, "layer \(l) has no 'weights:'; give one row per unit, one column per input")
            }
            let weights = try reader.matrix(weightsEntry.value, what: "W\(l)")
            guard !weights.isEmpty, let columns = weights.first?.count, columns > 0 else {
                throw reader.error(at: weightsEntry.value, "W\(l) is empty; give one row of weights per unit of layer \(l)")
            }
            let rowNodes = try reader.list(weightsEntry.value, what: "W\(l)")
            for (j, row) in weights.enumerated() where row.count != columns {
                throw reader.error(at: rowNodes[j], "row \(j + 1) of W\(l) has \(MessageText.counted(row.count, "weight")) but row 1 has \(columns); every row needs the same number")
            }
            for (count, what) in [(weights.count, "units"), (columns, "inputs")] where count > LessonLimits.maximumWidth {
                throw reader.error(
                    at: weightsEntry.value,
                    "layer \(l) has \(count) \(what); a lesson's layers may have at most \(LessonLimits.maximumWidth) units and inputs each")
            }
            parameterCount += weights.count * (columns + 1)
            guard parameterCount <= LessonLimits.maximumParameters else {
                throw reader.error(
                    at: weightsEntry.value,
                    "with layer \(l) the network has \(parameterCount) weights and biases; a lesson may have at most \(LessonLimits.maximumParameters)")
            }
            if let below = unitsBelow, columns != below {
                throw reader.error(
                    at: weightsEntry.value,
                    "W\(l) has \(columns) columns but layer \(l - 1) has \(below) units; each row of W\(l) needs one weight per unit of layer \(l - 1)")
            }
            var biases = [Double](repeating: 0, count: weights.count)
            if let biasEntry = fields.first(where: { $0.key == "biases" }) {
                biases = try reader.numbers(biasEntry.value, what: "b\(l)")
                guard biases.count == weights.count else {
                    throw reader.error(at: biasEntry.value, "b\(l) has \(MessageText.counted(biases.count, "bias", plural: "biases")) but layer \(l) has \(MessageText.counted(weights.count, "unit")); give one bias per unit")
                }
            }
            layers.append(Layer(activation: activation, weights: weights, biases: biases))
            unitsBelow = weights.count
        }

        if let last = layers.last, last.activation == .softmax {
            guard loss == .crossEntropy else {
                throw reader.error(
                    at: lossEntry.value,
                    "a softmax output needs loss: cross_entropy (its δ = ŷ − y comes from the two together), not \(loss.rawValue)")
            }
            guard last.unitCount >= 2 else {
                throw reader.error(
                    at: lastActivationNode,
                    "a softmax over one unit is always 1 and never learns; give the last layer one unit per class (at least 2), or use sigmoid with bce")
            }
        }
        if loss == .crossEntropy, let last = layers.last, last.activation != .softmax {
            throw reader.error(
                at: lastActivationNode,
                "cross_entropy needs a softmax output layer (class probabilities that add up to 1), but the last layer's activation is \(last.activation.rawValue); use softmax there (or bce with sigmoid for yes/no outputs)")
        }
        if loss == .bce, let last = layers.last, last.activation != .sigmoid {
            throw reader.error(
                at: lastActivationNode,
                "bce needs outputs between 0 and 1, but the last layer's activation is \(last.activation.rawValue); use sigmoid there")
        }
        var network = Network(layers: layers, loss: loss)
        if let fixedEntry = entries.first(where: { $0.key == "fixed" }) {
            network.fixed = try parseFixed(fixedEntry.value, layout: network.layout, reader: reader)
        }
        return network
    }

    /// `model.fixed`: `biases` (every bias) and parameter names such as `W2[1,2]`, as flat
    /// indices in layout order.
    static func parseFixed(_ node: Node, layout: ParameterLayout, reader: YAMLNodeReader) throws(LessonError) -> [Int] {
        let items = try reader.list(node, what: "fixed")
        var fixed = Set<Int>()
        for item in items {
            guard case let .scalar(scalar) = item else {
                throw reader.error(
                    at: item,
                    "fixed lists parameter names or 'biases', not \(reader.describe(item)); in a [ ] list quote a name with brackets, fixed: [\"b1[1]\", \"W2[1,2]\"], or write one per line")
            }
            let name = scalar.string.trimmingCharacters(in: .whitespaces)
            if name == "biases" {
                for (index, role) in layout.roles.enumerated() { if case .bias = role { fixed.insert(index) } }
                continue
            }
            guard let index = layout.index(named: name) else {
                let candidates = ["biases"] + layout.names
                let exact = layout.name(matching: name).map { "; did you mean '\($0)'?" }
                throw reader.error(
                    at: item,
                    "fixed names '\(name)', which is not a parameter of this network\(exact ?? Suggestion.clause(for: name, in: candidates)); its parameters are \(layout.names.joined(separator: ", ")), or write 'biases' for all biases")
            }
            fixed.insert(index)
        }
        if fixed.count == layout.count {
            throw reader.error(at: node, "fixed keeps every parameter out of the update, so nothing would learn; leave at least one free")
        }
        return fixed.sorted()
    }

    static func parseData(_ node: Node, network: Network, reader: YAMLNodeReader) throws(LessonError) -> Dataset {
        let entries = try reader.mapping(node, context: "data", allowed: dataKeys)
        guard let inputsEntry = entries.first(where: { $0.key == "inputs" }) else {
            throw reader.error(at: node, "data has no 'inputs:'; give one list of \(network.inputCount) numbers per sample")
        }
        guard let targetsEntry = entries.first(where: { $0.key == "targets" }) else {
            throw reader.error(at: node, "data has no 'targets:'; give one list of \(network.outputCount) numbers per sample")
        }
        let inputs = try reader.matrix(inputsEntry.value, what: "inputs")
        let targets = try reader.matrix(targetsEntry.value, what: "targets")
        guard !inputs.isEmpty else {
            throw reader.error(at: inputsEntry.value, "inputs is empty; give at least one sample")
        }
        guard inputs.count <= LessonLimits.maximumSamples else {
            throw reader.error(at: inputsEntry.value, "there are \(inputs.count) samples; a lesson may have at most \(LessonLimits.maximumSamples)")
        }
        let inputNodes = try reader.list(inputsEntry.value, what: "inputs")
        for (n, x) in inputs.enumerated() where x.count != network.inputCount {
            throw reader.error(at: inputNodes[n], "input \(n + 1) has \(MessageText.counted(x.count, "value")) but W1 has \(MessageText.counted(network.inputCount, "column")); give \(MessageText.counted(network.inputCount, "value")) per input")
        }
        guard targets.count == inputs.count else {
            throw reader.error(at: targetsEntry.value, "there \(targets.count == 1 ? "is" : "are") \(MessageText.counted(targets.count, "target")) for \(MessageText.counted(inputs.count, "input")); give one target per input")
        }
        let targetNodes = try reader.list(targetsEntry.value, what: "targets")
        if network.loss == .crossEntropy {
            let oneHot = try classTargets(targets, nodes: targetNodes, classes: network.outputCount, reader: reader)
            return Dataset(inputs: inputs, targets: oneHot)
        }
        for (n, y) in targets.enumerated() {
            guard y.count == network.outputCount else {
                throw reader.error(at: targetNodes[n], "target \(n + 1) has \(MessageText.counted(y.count, "value")) but the last layer has \(MessageText.counted(network.outputCount, "unit")); give \(MessageText.counted(network.outputCount, "value")) per target")
            }
            if network.loss == .bce, y.contains(where: { $0 < 0 || $0 > 1 }) {
                throw reader.error(at: targetNodes[n], "bce needs targets between 0 and 1; target \(n + 1) is outside")
            }
        }
        return Dataset(inputs: inputs, targets: targets)
    }

    /// Cross-entropy's targets as one-hot rows: each given as a one-hot row of `classes` values
    /// or as `[k]`, the class's number from 1.
    static func classTargets(_ targets: [[Double]], nodes: [Node], classes: Int, reader: YAMLNodeReader) throws(LessonError) -> [[Double]] {
        var rows: [[Double]] = []
        for (n, y) in targets.enumerated() {
            let elements = try reader.list(nodes[n], what: "target \(n + 1)")
            if y.count == 1 {
                let k = y[0]
                guard k == k.rounded(), k >= 1, k <= Double(classes) else {
                    throw reader.error(
                        at: elements[0],
                        "target \(n + 1) is \(MessageText.number(k)), but a class number must be a whole number from 1 to \(classes) (the last layer has \(classes) units, one per class)")
                }
                rows.append((1...classes).map { $0 == Int(k) ? 1 : 0 })
                continue
            }
            guard y.count == classes else {
                throw reader.error(
                    at: nodes[n],
                    "target \(n + 1) has \(MessageText.counted(y.count, "value")) but the last layer has \(MessageText.counted(classes, "unit")); give a one-hot row of \(classes) values or [k], the class's number from 1 to \(classes)")
            }
            if let k = y.firstIndex(where: { $0 != 0 && $0 != 1 }) {
                throw reader.error(
                    at: elements[k],
                    "target \(n + 1) is not one-hot: value \(k + 1) is \(MessageText.number(y[k])); cross_entropy's targets have one 1 (the class) and 0 elsewhere, or are written [k]")
            }
            let ones = y.filter { $0 == 1 }.count
            guard ones == 1 else {
                throw reader.error(
                    at: nodes[n],
                    "target \(n + 1) is not one-hot: it has \(ones == 0 ? "no 1" : "\(ones) ones"); cross_entropy's targets have exactly one 1 (the class), or are written [k]")
            }
            rows.append(y)
        }
        return rows
    }

    static func parseOptimizer(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> Lesson.OptimizerSettings {
        let allKeys = ["name", "convention", "l2"] + Optimizer.allCases.flatMap(\.hyperparameters).map(\.rawValue)
            .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let entries = try reader.mapping(node, context: "optimizer", allowed: allKeys)
        guard let nameEntry = entries.first(where: { $0.key == "name" }) else {
            throw reader.error(at: node, "optimizer has no 'name:'; choose one of \(Optimizer.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let optimizer: Optimizer = try choice(nameEntry.value, what: "optimizer", reader: reader)
        var convention: Convention?
        var values: [(symbol: Symbol, value: Double)] = []
        var l2: Double?
        for (key, keyNode, value) in entries where key != "name" {
            if key == "convention" {
                convention = try choice(value, what: "convention", reader: reader)
                continue
            }
            if key == "l2" {
                l2 = try checkedNumber(value, symbol: .l2, key: key, reader: reader)
                continue
            }
            guard let symbol = Symbol(rawValue: key), optimizer.hyperparameters.contains(symbol) else {
                let accepted = optimizer.hyperparameters.map(\.rawValue)
                throw reader.error(
                    at: keyNode,
                    "\(optimizer.rawValue) has no hyperparameter '\(key)'\(Suggestion.clause(for: key, in: accepted)) (it takes \(accepted.joined(separator: ", ")))")
            }
            values.append((symbol, try checkedNumber(value, symbol: symbol, key: key, reader: reader)))
        }
        return Lesson.OptimizerSettings(name: optimizer, convention: convention, hyperparameters: values, l2: l2)
    }

    static func parseObjective(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> (function: Objective, start: [Double]) {
        let entries = try reader.mapping(node, context: "objective", allowed: objectiveKeys)
        let function = try name("function", of: Objective.names, in: entries, section: "objective", node: node, reader: reader)
        func number(_ key: String, default value: Double) throws(LessonError) -> Double {
            guard let entry = entries.first(where: { $0.key == key }) else { return value }
            return try reader.number(entry.value, what: key)
        }
        guard let startEntry = entries.first(where: { $0.key == "start" }) else {
            throw reader.error(at: node, "objective has no 'start:'; give the starting point as [w1, w2]")
        }
        let start = try reader.numbers(startEntry.value, what: "start")
        guard start.count == 2 else {
            throw reader.error(at: startEntry.value, "start has \(MessageText.counted(start.count, "value")); give two, [w1, w2]")
        }
        let quadratic = function == "quadratic"
        let a = try number("a", default: 1), b = try number("b", default: quadratic ? 10 : 100)
        // A bowl needs both curvatures positive, Rosenbrock's valley a positive b: else there is no minimum.
        for (key, value) in quadratic ? [("a", a), ("b", b)] : [("b", b)] where value <= 0 {
            let at = entries.first { $0.key == key }?.value ?? node
            throw reader.error(at: at, "\(key) must be more than 0 for a \(function) objective to have a minimum, not \(MessageText.number(value))")
        }
        return (quadratic ? .quadratic(a: a, b: b) : .rosenbrock(a: a, b: b), start)
    }

    static func parseSchedule(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> Lesson.ScheduleSettings {
        let entries = try reader.mapping(node, context: "schedule", allowed: scheduleKeys)
        let name = try name("name", of: LearningRateSchedule.names, in: entries, section: "schedule", node: node, reader: reader)
        let accepted: [Symbol] = ScheduleParameters.symbols(for: name)
        var parameters: [Symbol: Double] = [:]
        for (key, keyNode, value) in entries where key != "name" {
            guard let symbol = Symbol(rawValue: key), accepted.contains(symbol) else {
                let names = accepted.map(\.rawValue)
                throw reader.error(
                    at: keyNode,
                    "a \(name) schedule has no '\(key)'\(names.isEmpty ? "" : " (it takes \(names.joined(separator: ", ")))")")
            }
            parameters[symbol] = try checkedNumber(value, symbol: symbol, key: key, reader: reader)
        }
        return Lesson.ScheduleSettings(name: name, parameters: parameters)
    }

    static func parseTraining(_ node: Node, sampleCount: Int, reader: YAMLNodeReader) throws(LessonError) -> Lesson.TrainingSettings {
        var settings = Lesson.TrainingSettings()
        for (key, _, value) in try reader.mapping(node, context: "training", allowed: trainingKeys) {
            switch key {
            case "steps":
                let steps = try reader.integer(value, what: "steps")
                guard (1...StepLimit.maximum).contains(steps) else {
                    throw reader.error(at: value, "steps must be between 1 and \(StepLimit.maximum), not \(steps)")
                }
                guard let limit = StepLimit.maximum(forSamples: sampleCount), steps <= limit else {
                    throw reader.error(at: value, StepLimit.tooMany(steps, samples: sampleCount))
                }
                settings.steps = steps
            case "batch_size":
                if case let .scalar(scalar) = value, scalar.string == "full" {
                    settings.batchSize = .full
                } else {
                    guard case let .scalar(scalar) = value, Int(scalar.string) != nil else {
                        throw reader.error(at: value, "batch_size must be 'full' or a whole number of samples, not \(reader.describe(value))")
                    }
                    let size = try reader.integer(value, what: "batch_size")
                    guard (1...sampleCount).contains(size) else {
                        throw reader.error(at: value, "batch_size must be 'full' or between 1 and \(sampleCount) (the number of samples), not \(size)")
                    }
                    settings.batchSize = .samples(size)
                }
            case "shuffle":
                settings.shuffle = try reader.boolean(value, what: "shuffle")
            case "seed":
                guard case let .scalar(scalar) = value, let seed = UInt64(scalar.string) else {
                    throw reader.error(at: value, "seed must be a whole number from 0 to \(UInt64.max), not \(reader.describe(value))")
                }
                settings.seed = seed
            default:
                break
            }
        }
        return settings
    }

    // MARK: - Helpers

    /// A number under `key` that lies in `symbol`'s range.
    static func checkedNumber(_ node: Node, symbol: Symbol, key: String, reader: YAMLNodeReader) throws(LessonError) -> Double {
        let number = try reader.number(node, what: key)
        if let problem = MessageText.rangeProblem(symbol, number, named: key) { throw reader.error(at: node, problem) }
        return number
    }

    /// The value of `key`, which must be one of `names`: `schedule needs a name: one of …; did you mean …?`.
    static func name(
        _ key: String, of names: [String], in entries: [(key: String, keyNode: Node, value: Node)], section: String,
        node: Node, reader: YAMLNodeReader
    ) throws(LessonError) -> String {
        let entry = entries.first { $0.key == key }
        if let entry, case let .scalar(scalar) = entry.value, names.contains(scalar.string) { return scalar.string }
        let at = entry?.value ?? node
        let given = (try? reader.text(at, what: key)).flatMap { $0 } ?? ""
        throw reader.error(
            at: at, "\(section) needs a \(key): one of \(names.joined(separator: ", "))\(Suggestion.clause(for: given, in: names))")
    }

    /// One of an enum's names, with a did-you-mean.
    static func choice<T: RawRepresentable & CaseIterable>(_ node: Node, what: String, reader: YAMLNodeReader) throws(LessonError) -> T
    where T.RawValue == String {
        let names = T.allCases.map(\.rawValue)
        guard case let .scalar(scalar) = node, let value = T(rawValue: scalar.string) else {
            let given = (try? reader.text(node, what: what)).flatMap { $0 } ?? ""
            throw reader.error(
                at: node,
                "unknown \(what) \(reader.describe(node))\(Suggestion.clause(for: given, in: names)) (choose one of \(names.joined(separator: ", ")))")
        }
        return value
    }

    /// ``syntaxError(_:file:)``, with the fix for the one mistake that is easy to make in a
    /// lesson: `fixed: [b1[1], W2[1,2]]` is not YAML, as brackets in a [ ] list need quotes.
    static func located(_ error: YamlError, file: String, in yaml: String) -> LessonError {
        var located = syntaxError(error, file: file)
        let line = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .dropFirst(max(0, located.location.line - 1)).first ?? ""
        if line.contains("fixed:"), line.contains("[") {
            located.message = "fixed's names hold brackets, which a [ ] list reads as lists; quote them, fixed: [\"b1[1]\", \"W2[1,2]\"], or write one per line (- W2[1,2])"
        } else if line.contains("parameters:"), line.contains("[") {
            located.message = "homework parameters' names hold brackets, which a [ ] list reads as lists; quote them, parameters: [\"W1[1,1]\", \"W2[1,1]\"], or write one per line (- W2[1,1])"
        }
        return located
    }

    static func syntaxError(_ error: YamlError, file: String) -> LessonError {
        func located(_ mark: Mark, _ problem: String) -> LessonError {
            // libyaml's own words for its nesting limit name its C function; say what it means.
            if problem.lowercased().contains("nesting level") {
                return LessonError(
                    SourceLocation(file: file, line: mark.line, column: mark.column),
                    "the lesson nests lists and mappings too deeply here; a lesson needs only a few levels")
            }
            return LessonError(
                SourceLocation(file: file, line: mark.line, column: mark.column),
                "this is not valid YAML (\(problem)); check the indentation, colons and brackets here")
        }
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return located(mark, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return LessonError(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "the key '\(duplicates.first ?? "?")' appears more than once in this mapping (first here); keep one")
        case let .reader(problem, _, _, _):
            return LessonError(SourceLocation(file: file, line: 1, column: 1), "the lesson is not readable text (\(problem)); save it as UTF-8")
        default:
            return LessonError(SourceLocation(file: file, line: 1, column: 1), "could not read the lesson as YAML: \(error)")
        }
    }
}

/// The most updates one run may ask for.
public enum StepLimit {
    public static let maximum = 10_000_000

    /// The most steps for a lesson with `samples` samples (samples × steps at most
    /// ``LessonLimits/maximumSampleSteps``), or `nil` if none is allowed.
    public static func maximum(forSamples samples: Int) -> Int? {
        let limit = min(maximum, LessonLimits.maximumSampleSteps / max(1, samples))
        return limit >= 1 ? limit : nil
    }

    /// Why `steps` are too many for `samples` samples.
    public static func tooMany(_ steps: Int, samples: Int) -> String {
        "\(steps) steps over \(samples) samples is more than \(LessonLimits.maximumSampleSteps) samples × steps; use at most \(maximum(forSamples: samples) ?? 0) steps"
    }
}
