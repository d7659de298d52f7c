import Foundation

/// A case of `Tests/Fixtures/reference/ecf.json` (written by the independent numpy script
/// `make_ecf_fixtures.py`): a reference case, a student's answers, and for each asked value
/// the key's value and the value carried forward from the student's answers.
public struct CarryForwardCase: Decodable, Sendable {
    /// An answer (with `value`) or an expected value (with `key` and `carried_forward`).
    public struct Value: Decodable, Sendable {
        public let t: Int
        public let parameter: String
        public let quantity: String
        public let value: Double?
        public let key: Double?
        public let carried_forward: Double?
        /// In `grading-rule.json`: `right`, `carried`, `wrong` or `missing`.
        public let verdict: String?
        /// In `grading-rule.json`: whether the answer is a shortcut (rule 1).
        public let shortcut: Bool?
    }

    public let name: String
    public let `case`: ReferenceCase
    public let answers: [Value]
    public let expected: [Value]
    /// In `grading-rule.json`: the points the sheet earns, and the points asked.
    public let score: Int?
    public let max_score: Int?

    struct File: Decodable {
        let cases: [CarryForwardCase]
    }

    /// Every case of `ecf.json`, or of `grading-rule.json` (from `make_grading_rule_fixtures.py`).
    public static func all(file: String = "ecf.json") throws -> [CarryForwardCase] {
        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent(file))
        return try JSONDecoder().decode(File.self, from: data).cases
    }
}
