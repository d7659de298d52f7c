import Foundation

/// A case of `Tests/Fixtures/reference/misconceptions.json`, written by the independent numpy
/// script `make_misconception_fixtures.py`: a student who makes one known mistake at every
/// step (or none), their answers, and for each asked value the key, the value carried
/// forward, and the known mistakes whose formulas give the student's answer.
///
/// A value of a sample's passes has a `sample` (from 1), its `parameter` is the place's name
/// (`z2[1]`, `delta1[2]`, `loss`) and its `quantity` is `z`, `a`, `delta` or `loss`.
public struct MisconceptionCase: Decodable, Sendable {
    public struct Answer: Decodable, Sendable {
        public let t: Int
        public let sample: Int?
        public let parameter: String
        public let quantity: String
        public let value: Double
    }

    public struct Expected: Decodable, Sendable {
        public let t: Int
        public let sample: Int?
        public let parameter: String
        public let quantity: String
        public let key: Double
        public let carried_forward: Double
        /// The catalog's ids that give the answer (empty where it is right).
        public let explained_by: [String]
    }

    public let name: String
    /// The mistake the student makes throughout, or `nil` (a slip, or random numbers).
    public let mistake: String?
    public let `case`: ReferenceCase
    public let answers: [Answer]
    public let expected: [Expected]

    struct File: Decodable {
        let catalog: [String]
        let cases: [MisconceptionCase]
    }

    /// The catalog's ids, in the file's order, and every case.
    public static func all() throws -> (catalog: [String], cases: [MisconceptionCase]) {
        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent("misconceptions.json"))
        let file = try JSONDecoder().decode(File.self, from: data)
        return (file.catalog, file.cases)
    }
}
