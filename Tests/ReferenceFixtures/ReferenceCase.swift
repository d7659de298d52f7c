import Foundation
import TraceEngine
import TraceLessons

/// A case of `Tests/Fixtures/reference/cases.json` (written by the independent numpy script
/// `make_fixtures.py`): a lesson with an optimizer, its settings and a number of steps.
///
/// Shared by the test targets that check the engine and grading against the reference.
public struct ReferenceCase: Decodable, Sendable {
    public let name: String
    public let lesson: String
    public let optimizer: String
    public let convention: String
    public let hyperparameters: [String: Double]
    public let steps: Int
    public let batch_size: BatchSizeValue
    public let shuffle_seed: UInt64?
    public let schedule: [String: ScheduleValue]?
    public let l2: Double?


    /// A schedule field: its name (a string) or a parameter (a number).
    public enum ScheduleValue: Decodable, Sendable {
        case name(String), number(Double)
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .name(text) } else { self = .number(try container.decode(Double.self)) }
        }
    }

    public enum BatchSizeValue: Decodable, Sendable {
        case full, samples(Int)
        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let n = try? container.decode(Int.self) { self = .samples(n) } else { self = .full }
        }
    }

    /// Something the case should hold but does not.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String
    }

    /// `Tests/Fixtures/reference`.
    public static let folder = fixturesFolder.appendingPathComponent("reference")

    /// Every case of `cases.json`.
    public static func all() throws -> [ReferenceCase] {
        let data = try Data(contentsOf: folder.appendingPathComponent("cases.json"))
        return try JSONDecoder().decode([ReferenceCase].self, from: data)
    }

    /// The experiment the case describes; its lesson path is relative to `folder`.
    public func experiment(lessonsRelativeTo folder: URL = ReferenceCase.folder) throws -> Experiment {
        let lessonURL = folder.appendingPathComponent(lesson)
        let parsed = try LessonParser.parse(String(contentsOf: lessonURL, encoding: .utf8), file: lesson)
        guard let optimizer = Optimizer(rawValue: optimizer) else { throw Missing(description: "optimizer \(self.optimizer)") }
        guard let convention = Convention(rawValue: convention) else { throw Missing(description: "convention \(self.convention)") }
        // Every hyperparameter but a framework's own (AdaGrad's s₀), which may take its default.
        let required = Set(optimizer.hyperparameters.filter { $0 != .initialAccumulator }.map(\.rawValue))
        guard required.isSubset(of: hyperparameters.keys), Set(hyperparameters.keys).isSubset(of: optimizer.hyperparameters.map(\.rawValue)) else {
            throw Missing(description: "\(name) must give exactly \(optimizer.rawValue)'s hyperparameters")
        }
        var values = Hyperparameters(defaultsFor: optimizer, convention: convention)
        for (key, value) in hyperparameters {
            guard let symbol = Symbol(rawValue: key) else { throw Missing(description: "hyperparameter \(key)") }
            values[symbol] = value
        }
        let batchSize: BatchSize
        switch batch_size {
        case .full: batchSize = .full
        case let .samples(n): batchSize = .samples(n)
        }
        var experiment = Experiment(
            title: parsed.title, network: parsed.network, data: parsed.data, optimizer: optimizer,
            convention: convention, hyperparameters: values, steps: steps, batchSize: batchSize, shuffleSeed: shuffle_seed)
        experiment.l2 = l2
        if let schedule {
            func number(_ key: String) throws -> Double {
                guard case let .number(value)? = schedule[key] else { throw Missing(description: "schedule \(key)") }
                return value
            }
            switch schedule["name"] {
            case .name("step")?: experiment.schedule = .step(gamma: try number("gamma"), every: Int(try number("every")))
            case .name("cosine")?: experiment.schedule = .cosine(etaMin: try number("eta_min"), period: Int(try number("period")))
            default: throw Missing(description: "schedule name")
            }
        }
        return experiment
    }
}

/// The repository's `Tests/Fixtures` folder.
public let fixturesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

/// `true` when `a` and `b` agree to `relative` (both non-finite values must match exactly).
public func agrees(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if !a.isFinite || !b.isFinite { return a == b }
    return abs(a - b) <= relative * max(abs(a), abs(b))
}
