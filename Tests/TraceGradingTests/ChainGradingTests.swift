import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

@testable import TraceGrading

extension ChainCarryForwardCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// Asking and grading the forward and backward pass (`--ask z,a,delta,loss`): a key graded
/// against itself, and a student's consistent chain after a slip against the numpy
/// reference `chain-ecf.json` (`make_chain_ecf_fixtures.py`).
@Suite struct ChainGradingTests {
    /// An answers sheet that gives `values` for `asked`, named as answers.csv names them.
    static func sheet(_ asked: [AskedValue], _ values: [Double]) -> AnswerSheet {
        AnswerSheet(entries: zip(asked, values).enumerated().map { n, pair in
            AnswerEntry(
                t: pair.0.t, parameter: pair.0.parameter.filter { !$0.isWhitespace }, quantity: pair.0.quantityName,
                value: .number(pair.1), location: "answers.csv:\(n + 2)")
        })
    }

    @Test("a key graded against itself gets full marks for every quantity, z, a, δ and the loss included",
          // softmax-classification over one update: over two, its nine z, a and δ of three samples
          // at each update leave 2 draws in 1000 whose terms do not cancel, and in both a
          // catalogued mistake (f′ taken at a) hides or coincides, so no variant tells them apart.
          arguments: [("classic-backprop", 2), ("softmax-classification", 1), ("mini-batch-sgd", 2)])
    func keyAgainstItself(_ lesson: String, _ steps: Int) throws {
        var plan = try plan(lesson: lesson, steps: steps)
        plan.sampleQuantities = SampleQuantity.allCases
        let variant = try plan.variant(for: "alice")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        #expect(key.asked == variant.asked)
        for quantity in SampleQuantity.allCases {
            #expect(key.asked.contains { $0.place?.quantity == quantity }, "\(quantity) is not asked")
        }
        #expect(key.asked.contains { $0.place == nil && $0.quantity == .wNew })
        let report = Grader(key: key).grade(Self.sheet(key.asked, key.values))
        #expect(report.values.count == key.asked.count)
        for value in report.values {
            #expect(value.verdict == .rightByKey, "\(value.asked.description): \(value.verdict)")
        }
        // The key's values are the run's: z, a, δ, the loss of each sample of the batch.
        for (asked, number) in zip(key.asked, key.values) where asked.place != nil {
            #expect(number.isFinite && number != 0, "\(asked.description)")
        }
    }

    @Test("the worksheet asks the pass in the lecture's order: z then a layer by layer, the loss, δ from the last layer down")
    func lectureOrder() throws {
        var plan = try plan(lesson: "classic-backprop", steps: 1)
        plan.sampleQuantities = [.delta, .loss, .a, .z]
        let names = plan.asked.compactMap { $0.place?.name }
        #expect(names == [
            "z1[1]", "z1[2]", "a1[1]", "a1[2]", "z2[1]", "z2[2]", "a2[1]", "a2[2]", "loss",
            "delta2[1]", "delta2[2]", "delta1[1]", "delta1[2]",
        ])
    }

    static func chainCases() throws -> [ChainCarryForwardCase] {
        try ChainCarryForwardCase.all().filter { !$0.answers.isEmpty }
    }

    @Test("a consistent chain after one slip fails exactly the slipped values, against the numpy reference",
          arguments: try ChainGradingTests.chainCases())
    func consistentChainAfterASlip(_ fixture: ChainCarryForwardCase) throws {
        var asked: [AskedValue] = [], keyValues: [Double] = [], answers: [Double] = []
        var slipped: Set<AskedValue> = []
        for value in fixture.expected {
            let place = try #require(SamplePlace.parse("\(value.name) of sample \(value.sample)", quantity: String(value.name.prefix { $0.isLetter })))
            let askedValue = AskedValue(t: value.t, place: place)
            asked.append(askedValue)
            keyValues.append(value.key)
            if let answer = fixture.answers.first(where: { $0.t == value.t && $0.sample == value.sample && $0.name == value.name }) {
                answers.append(answer.value)
                slipped.insert(askedValue)
            } else {
                // The student's own value, as the reference computes it from their earlier ones.
                answers.append(value.carried_forward)
            }
        }
        for value in fixture.parameters where value.quantity != "w" {
            asked.append(AskedValue(t: value.t, parameter: value.parameter, quantity: try #require(Symbol(rawValue: value.quantity))))
            keyValues.append(value.key)
            answers.append(value.carried_forward)
        }
        let key = AnswerKey(experiment: try fixture.case.experiment(), asked: asked, values: keyValues)
        let report = Grader(key: key).grade(Self.sheet(asked, answers))
        for value in report.values {
            if slipped.contains(value.asked) {
                #expect(value.verdict == .wrong, "\(value.asked.description) was slipped but is \(value.verdict)")
            } else {
                #expect(value.verdict.isRight, "\(value.asked.description): \(value.verdict), answer \(value.answer ?? .nan), carried \(value.carriedForward ?? .nan)")
            }
        }
        #expect(report.values.contains { $0.verdict == .rightCarriedForward })
        // Without carry-forward the same sheet loses more than the slips.
        var strict = Grader(key: key)
        strict.carryForward = false
        #expect(strict.grade(Self.sheet(asked, answers)).values.filter { !$0.verdict.isRight }.count > slipped.count)
    }

    @Test("no variant asks for a z or a hidden δ whose terms mostly cancel (four-digit hand arithmetic could not reach it)")
    func noCancellingPassValues() throws {
        var plan = try plan(lesson: "backprop-homework", steps: 1)
        plan.sampleQuantities = [.z, .delta]
        for n in 1...40 {
            let variant = try plan.variant(for: "s\(n)")
            let key = try #require(try JSONSerialization.jsonObject(with: Data(try variant.keyJSON().utf8)) as? [String: Any])
            let lesson = try #require(key["lesson"] as? [String: Any]), model = try #require(lesson["model"] as? [String: Any])
            let layers = try #require(model["layers"] as? [[String: Any]])
            let W = try layers.map { try #require($0["weights"] as? [[Double]]) }
            let b = try layers.map { try #require($0["biases"] as? [Double]) }
            let x = try #require((lesson["data"] as? [String: Any])?["inputs"] as? [[Double]])[0]
            let step = try #require((key["steps"] as? [[String: Any]])?.first)
            let trace = try #require((step["samples"] as? [[String: Any]])?.first?["layers"] as? [[String: [Double]]])
            func ratio(_ terms: [Double]) -> Double {
                let size = terms.map(abs).reduce(0, +)
                return size == 0 ? 1 : abs(terms.reduce(0, +)) / size
            }
            for l in 0..<2 {
                let input = l == 0 ? x : try #require(trace[0]["a"])
                for j in 0..<2 {
                    let z = ratio(zip(W[l][j], input).map { $0 * $1 } + [b[l][j]])
                    #expect(z >= 0.25, "variant \(n): z\(l + 1)[\(j + 1)] keeps \(z) of its terms")
                }
            }
            let delta2 = try #require(trace[1]["delta"])
            for j in 0..<2 {
                let r = ratio((0..<2).map { k in W[1][k][j] * delta2[k] })
                #expect(r >= 0.25, "variant \(n): δ1[\(j + 1)] keeps \(r) of its terms")
            }
        }
    }

    @Test("a 0 for a z is no attempt: nothing after it is graded from it")
    func zeroIsNotCarried() throws {
        var plan = try plan(lesson: "classic-backprop", steps: 1)
        plan.sampleQuantities = [.z, .a]
        let variant = try plan.variant(for: "alice")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        var answers = key.values
        let z = try #require(key.asked.firstIndex { $0.place?.name == "z1[1]" })
        let a = try #require(key.asked.firstIndex { $0.place?.name == "a1[1]" })
        answers[z] = 0
        answers[a] = 0.5  // σ(0): right only from the 0
        let report = Grader(key: key).grade(Self.sheet(key.asked, answers))
        #expect(report.values[z].verdict == .wrong)
        #expect(report.values[a].verdict == .wrong)
    }
    @Test("an activation at its limit from an absurd z earns nothing; from a slipped z it earns its credit")
    func saturatedActivationIsNotCredited() throws {
        var plan = try plan(lesson: "backprop-homework", steps: 1)
        plan.sampleQuantities = [.z, .a, .loss]
        let variant = try plan.variant(for: "alice")
        let key = try AnswerKeyReader.read(Data(try variant.keyJSON().utf8), file: "key.json")
        // z = 1000 everywhere: σ(1000) is 1 in float64, whatever the working.
        var answers = key.values
        for (n, asked) in key.asked.enumerated() {
            switch asked.place?.quantity {
            case .z?: answers[n] = 1000
            case .a?: answers[n] = 1
            // backprop-homework's loss is ½·Σₖ (yₖ − ŷₖ)², here with ŷ = (1, 1).
            case .loss?: answers[n] = key.experiment.data.targets[0].map { 0.5 * (1 - $0) * (1 - $0) }.reduce(0, +)
            default: break
            }
        }
        let report = Grader(key: key).grade(Self.sheet(key.asked, answers))
        for value in report.values where value.asked.place?.quantity == .a {
            #expect(value.verdict == .wrong, "\(value.asked.description): \(value.verdict)")
            #expect(value.carriedForward == 1)
            #expect(value.trivialStep?.hasPrefix("saturate the activation: the value is 1, which σ gives") == true)
        }
        // The loss from ŷ = (1, 1) is real arithmetic on the student's values: carried, with credit.
        let loss = try #require(report.values.first { $0.asked.place?.quantity == .loss })
        #expect(loss.verdict == .rightCarriedForward)

        // A slip in z1[1] (0.5 too large) with a1[1] = σ of it: the a is the student's own work.
        answers = key.values
        let z = try #require(key.asked.firstIndex { $0.place?.name == "z1[1]" })
        let a = try #require(key.asked.firstIndex { $0.place?.name == "a1[1]" })
        answers[z] += 0.5
        answers[a] = 1 / (1 + Foundation.exp(-answers[z]))
        let slipped = Grader(key: key).grade(Self.sheet(key.asked, answers))
        #expect(slipped.values[z].verdict == .wrong)
        #expect(slipped.values[a].verdict == .rightCarriedForward)
    }
}
