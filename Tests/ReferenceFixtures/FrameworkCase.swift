import Foundation

/// A case of `Tests/Fixtures/frameworks/frameworks.json`, written by
/// `make_framework_fixtures.py` with the real PyTorch, Keras and Optax: a lesson run by one
/// framework's optimizer (built from `recipe`), and what the framework computed at each step.
public struct FrameworkCase: Decodable, Sendable {
    /// One step: the learning rate used, and per parameter `w`, `g`, the framework's state
    /// under trace's names, `w_new` (and `g_data`, the gradient before L2).
    public struct Step: Decodable, Sendable {
        public let t: Int
        public let eta: Double?
        public let parameters: [String: [String: Double]]
    }

    public let name: String
    public let framework: String
    /// The trace convention the framework's numbers are (`reproduces`) or are not those of.
    public let convention: String
    public let reproduces: Bool
    /// The optimizer exactly as it was built, and PyTorch's scheduler (or `nil`).
    public let recipe: String
    public let scheduler: String?
    public let parameters: [String]
    public let expected: [Step]
    /// The run's settings, read as a reference case (lesson paths relative to `Tests/Fixtures`).
    public let run: ReferenceCase

    enum CodingKeys: String, CodingKey {
        case name, framework, convention, reproduces, recipe, scheduler, parameters, expected
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        framework = try container.decode(String.self, forKey: .framework)
        convention = try container.decode(String.self, forKey: .convention)
        reproduces = try container.decode(Bool.self, forKey: .reproduces)
        recipe = try container.decode(String.self, forKey: .recipe)
        scheduler = try container.decodeIfPresent(String.self, forKey: .scheduler)
        parameters = try container.decode([String].self, forKey: .parameters)
        expected = try container.decode([Step].self, forKey: .expected)
        run = try ReferenceCase(from: decoder)
    }

    struct File: Decodable {
        let cases: [FrameworkCase]
    }

    /// Every case of `frameworks.json`.
    public static func all() throws -> [FrameworkCase] {
        let data = try Data(contentsOf: fixturesFolder.appendingPathComponent("frameworks/frameworks.json"))
        return try JSONDecoder().decode(File.self, from: data).cases
    }
}
