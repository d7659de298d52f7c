import Foundation

/// A case of `Tests/Fixtures/reference/chain-ecf.json` (written by the independent numpy
/// script `make_chain_ecf_fixtures.py`): a reference case, a student's per-sample answers
/// (`z2[1]`, `a1[2]`, `delta2[1]`, `loss` of one sample at one update), and for every
/// per-sample value and every parameter's `w`, `g` and `w_new` the key's value and the value
/// carried forward from the answers through the chain rule.
public struct ChainCarryForwardCase: Decodable, Sendable {
    public struct Answer: Decodable, Sendable {
        public let t: Int
        public let sample: Int
        public let name: String
        public let value: Double
    }

    public struct SampleValue: Decodable, Sendable {
        public let t: Int
        public let sample: Int
        public let name: String
        public let key: Double
        public let carried_forward: Double
    }

    public struct ParameterValue: Decodable, Sendable {
        public let t: Int
        public let parameter: String
        public let quantity: String
        public let key: Double
        public let carried_forward: Double
    }

    public let name: String
    public let `case`: ReferenceCase
    public let answers: [Answer]
    public let expected: [SampleValue]
    public let parameters: [ParameterValue]

    struct File: Decodable {
        let cases: [ChainCarryForwardCase]
    }

    public static func all() throws -> [ChainCarryForwardCase] {
        let data = try Data(contentsOf: ReferenceCase.folder.appendingPathComponent("chain-ecf.json"))
        return try JSONDecoder().decode(File.self, from: data).cases
    }
}
