import TraceEngine
import TraceLessons

/// The parts of a trace/v1 answer key that grading reads, as JSON decodes them.
struct KeyFile: Decodable {
    struct Layer: Decodable {
        let activation: String
        let weights: [[Double]]
        let biases: [Double]
    }
    struct Model: Decodable {
        let loss: String
        let layers: [Layer]
        /// `model.fixed` as parameter names; absent when none is fixed.
        let fixed: [String]?
    }
    struct Data: Decodable {
        let inputs: [[Double]]
        let targets: [[Double]]
    }
    struct ObjectiveSection: Decodable {
        let function: String
        let a: Double?
        let b: Double?
        let start: [Double]
    }
    struct Training: Decodable {
        let steps: Int
        let batch_size: BatchSizeValue?
        let seed: UInt64?
    }
    /// `"full"` or a number of samples.
    enum BatchSizeValue: Decodable {
        case full, samples(Int)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let count = try? container.decode(Int.self) { self = .samples(count); return }
            let text = try container.decode(String.self)
            guard text == "full" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "batch_size '\(text)' is not 'full' or a number")
            }
            self = .full
        }
    }
    /// `{"name": "step", "gamma": 0.5, "every": 2}`.
    struct Schedule: Decodable {
        let name: String
        let values: [Symbol: Double]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            name = try container.decode(String.self, forKey: Key(stringValue: "name"))
            var values: [Symbol: Double] = [:]
            for key in container.allKeys where key.stringValue != "name" {
                if let symbol = Symbol(rawValue: key.stringValue) { values[symbol] = try container.decode(Double.self, forKey: key) }
            }
            self.values = values
        }
    }
    struct Lesson: Decodable {
        let title: String
        let summary: String?
        let model: Model?
        let data: Data?
        let objective: ObjectiveSection?
        let training: Training
        let schedule: Schedule?
    }
    struct OptimizerSection: Decodable {
        let name: String
        let convention: String
        let hyperparameters: [String: Double]
    }
    struct Step: Decodable {
        let t: Int
        let parameters: [String: [String: Double]]
    }
    struct Asked: Decodable {
        let t: Int
        /// For a value of a sample's passes: the sample's number (from 1); `parameter` is then `z2[1]`, `delta1[2]` or `loss`.
        let sample: Int?
        let parameter: String
        let quantity: String
    }
    struct Tolerance: Decodable {
        let rtol: Double
        let atol: Double
    }

    let schema: String
    let lesson: Lesson
    let optimizer: OptimizerSection
    let steps: [Step]
    let student: String?
    let asked: [Asked]?
    /// What the worksheet printed instead of asking (`trace homework --given`); absent in
    /// keys made without it, and in keys older than it.
    let given: [Asked]?
    let tolerances: [String: Tolerance]?

    /// The experiment the key's trace came from.
    func experiment(file: String) throws(KeyError) -> Experiment {
        func refuse(_ what: String) -> KeyError {
            KeyError(file: file, message: "the key's \(what) is not one trace knows; make the keys again with this version of trace")
        }
        guard let optimizer = Optimizer(rawValue: self.optimizer.name) else { throw refuse("optimizer '\(self.optimizer.name)'") }
        guard let convention = Convention(rawValue: self.optimizer.convention) else { throw refuse("convention '\(self.optimizer.convention)'") }
        var hyperparameters = Hyperparameters(defaultsFor: optimizer, convention: convention)
        var l2: Double?
        for (name, value) in self.optimizer.hyperparameters {
            guard let symbol = Symbol(rawValue: name) else { throw refuse("hyperparameter '\(name)'") }
            if symbol == .l2 { l2 = value } else if optimizer.hyperparameters.contains(symbol) { hyperparameters[symbol] = value } else {
                throw refuse("hyperparameter '\(name)' of \(optimizer.rawValue)")
            }
        }
        var network = Network(layers: [], loss: .halfSSE)
        var dataset = Dataset(inputs: [], targets: [])
        if let model = lesson.model, let data = lesson.data {
            guard let loss = Loss(rawValue: model.loss) else { throw refuse("loss '\(model.loss)'") }
            var layers: [TraceEngine.Layer] = []
            for layer in model.layers {
                guard let activation = Activation(rawValue: layer.activation) else { throw refuse("activation '\(layer.activation)'") }
                layers.append(TraceEngine.Layer(activation: activation, weights: layer.weights, biases: layer.biases))
            }
            network = Network(layers: layers, loss: loss)
            for name in model.fixed ?? [] {
                guard let index = network.layout.index(named: name) else { throw refuse("fixed parameter '\(name)'") }
                network.fixed.append(index)
            }
            network.fixed.sort()
            dataset = Dataset(inputs: data.inputs, targets: data.targets)
        } else if lesson.objective == nil {
            throw refuse("lesson (it has neither a model with data nor an objective)")
        }
        let batchSize: BatchSize?
        switch lesson.training.batch_size {
        case .full: batchSize = .full
        case let .samples(count): batchSize = .samples(count)
        case nil: batchSize = nil
        }
        var experiment = Experiment(
            title: lesson.title, summary: lesson.summary, network: network, data: dataset, optimizer: optimizer,
            convention: convention, hyperparameters: hyperparameters, steps: lesson.training.steps, batchSize: batchSize,
            shuffleSeed: lesson.training.seed)
        experiment.l2 = l2
        if let objective = lesson.objective {
            switch objective.function {
            case "quadratic": experiment.objective = .quadratic(a: objective.a ?? 1, b: objective.b ?? 10)
            case "rosenbrock": experiment.objective = .rosenbrock(a: objective.a ?? 1, b: objective.b ?? 100)
            default: throw refuse("objective '\(objective.function)'")
            }
            experiment.start = objective.start
        }
        if let schedule = lesson.schedule {
            guard LearningRateSchedule.names.contains(schedule.name) else { throw refuse("schedule '\(schedule.name)'") }
            for (symbol, value) in schedule.values.sorted(by: { $0.key < $1.key }) {
                // K and T are whole numbers of updates; the rest must lie in their ranges.
                let whole = symbol.validRange == .positiveWhole
                guard value.isFinite, !whole || (value == value.rounded() && (1...Double(StepLimit.maximum)).contains(value)),
                    symbol.validRange?.problem(with: value) == nil
                else { throw refuse("schedule \(symbol.rawValue) = \(value)") }
            }
            experiment.schedule = ScheduleParameters.schedule(named: schedule.name, values: schedule.values, steps: experiment.steps)
        }
        return experiment
    }
}
