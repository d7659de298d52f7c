import Foundation
import Testing

/// `--format json` is trace/v1 as `shared/contract.md` gives it.
@Suite struct JSONTraceTests {
    func json(_ arguments: [String]) throws -> (text: String, object: [String: Any]) {
        let result = try TraceBinary.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        return (result.text, object)
    }

    @Test func topLevelShapeAndKeyOrder() throws {
        let (text, object) = try json(["adam", "--steps", "2"])
        // Top-level keys start their own lines (each step is one line of its own).
        let keys = ["schema", "lesson", "optimizer", "parameters", "steps", "diverged_at"].map { "\n\"\($0)\": " }
        let positions = keys.map { text.range(of: $0)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(object["schema"] as? String == "trace/v1")
        #expect(object["diverged_at"] is NSNull)

        let lesson = try #require(object["lesson"] as? [String: Any])
        #expect(Set(lesson.keys) == ["title", "summary", "model", "data", "training"])
        let optimizer = try #require(object["optimizer"] as? [String: Any])
        #expect(optimizer["name"] as? String == "adam")
        #expect(optimizer["convention"] as? String == "lecture")
        let hyperparameters = try #require(optimizer["hyperparameters"] as? [String: Double])
        #expect(hyperparameters == ["eta": 0.001, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8])

        let parameters = try #require(object["parameters"] as? [String])
        #expect(parameters == ["W1[1,1]", "W1[1,2]", "b1[1]", "W1[2,1]", "W1[2,2]", "b1[2]", "W2[1,1]", "W2[1,2]", "b2[1]"])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.count == 2)
        #expect(Set(steps[0].keys) == ["t", "epoch", "batch", "eta", "loss", "parameters", "samples"])
        #expect(steps[0]["batch"] as? [Int] == [1, 2])
        let first = try #require((steps[0]["parameters"] as? [String: [String: Any]])?["W1[1,1]"])
        #expect(Set(first.keys) == ["w", "g", "m", "v", "m_hat", "v_hat", "w_new"])
    }

    @Test("state keys use the lecture's names", arguments: [
        ("gd", ["w", "g", "w_new"]), ("sgd", ["w", "g", "w_new"]), ("minibatch", ["w", "g", "w_new"]),
        ("momentum", ["w", "g", "v", "w_new"]), ("adagrad", ["w", "g", "s", "w_new"]),
        ("rmsprop", ["w", "g", "ss", "w_new"]), ("adamw", ["w", "g", "m", "v", "m_hat", "v_hat", "w_new"]),
    ])
    func stateKeys(_ optimizer: String, _ keys: [String]) throws {
        for convention in ["lecture", "pytorch"] {
            let (_, object) = try json([optimizer, "--steps", "1", "--convention", convention])
            let steps = try #require(object["steps"] as? [[String: Any]])
            let parameter = try #require((steps[0]["parameters"] as? [String: [String: Any]])?["b2[1]"])
            #expect(Set(parameter.keys) == Set(keys))
        }
    }

    /// The binary's JSON against the numpy reference (not the engine against itself).
    @Test func numbersMatchTheReferenceScript() throws {
        let lesson = TraceBinary.fixture("reference/lessons/mazur-2-2-1.yaml")
        let (_, object) = try json([
            "adam", "--lesson", lesson, "--steps", "3", "--eta", "0.001", "--beta1", "0.9", "--beta2", "0.999",
            "--epsilon", "1e-8",
        ])
        let data = try Data(contentsOf: URL(fileURLWithPath: TraceBinary.fixture("reference/expected/mazur-adam-lecture.json")))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try #require(object["steps"] as? [[String: Any]])
        let expectedSteps = try #require(expected["steps"] as? [[String: Any]])
        #expect(steps.count == expectedSteps.count)
        for (step, reference) in zip(steps, expectedSteps) {
            #expect(close(step["loss"], reference["loss"]))
            let parameters = try #require(step["parameters"] as? [String: [String: Any]])
            let referenceParameters = try #require(reference["parameters"] as? [String: [String: Any]])
            #expect(parameters.count == referenceParameters.count)
            for (name, values) in referenceParameters {
                for (key, value) in values {
                    #expect(close(parameters[name]?[key], value), "\(key) of \(name) at t=\(String(describing: step["t"]))")
                }
            }
        }
    }

    @Test func scheduleAndL2AreRecorded() throws {
        let (_, object) = try json(["gd", "--steps", "4", "--schedule", "step", "--gamma", "0.5", "--every", "2", "--l2", "0.1"])
        let optimizer = try #require(object["optimizer"] as? [String: Any])
        #expect((optimizer["hyperparameters"] as? [String: Double]) == ["eta": 0.1, "l2": 0.1])
        #expect((optimizer["schedule"] as? NSDictionary) == ["name": "step", "gamma": 0.5, "every": 2] as NSDictionary)
        let lesson = try #require(object["lesson"] as? [String: Any])
        #expect((lesson["schedule"] as? NSDictionary) == ["name": "step", "gamma": 0.5, "every": 2] as NSDictionary)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["eta"] as? Double } == [0.1, 0.1, 0.05, 0.05])
        // g is the penalised gradient; g_data the chain rule's mean, so g = g_data + λ₂·w.
        for step in steps {
            for (name, values) in try #require(step["parameters"] as? [String: [String: Double]]) {
                let g = try #require(values["g"]), data = try #require(values["g_data"]), w = try #require(values["w"])
                #expect(abs(g - (data + 0.1 * w)) <= 1e-15 * max(1, abs(g)), "\(name)")
            }
        }
        let (_, plain) = try json(["gd", "--steps", "1"])
        let first = try #require(((plain["steps"] as? [[String: Any]])?.first?["parameters"] as? [String: [String: Double]])?["W1[1,1]"])
        #expect(first["g_data"] == nil, "g_data appears only with --l2")
    }

    /// "A trace file alone is enough to reproduce it": run its `lesson` object again.
    @Test func lessonObjectReproducesTheRun() throws {
        let arguments = ["rmsprop", "--rho", "0.8", "--steps", "4", "--seed", "5", "--batch-size", "1", "--convention", "pytorch",
                         "--schedule", "cosine", "--eta-min", "0.001", "--period", "3"]
        let (text, object) = try json(arguments)
        let folder = try TraceBinary.temporaryFolder()
        let lessonData = try JSONSerialization.data(withJSONObject: try #require(object["lesson"]))
        try lessonData.write(to: folder.appendingPathComponent("again.yaml"))
        let again = try TraceBinary.run(
            ["rmsprop", "--lesson", "again.yaml", "--rho", "0.8", "--convention", "pytorch", "--format", "json"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        let steps = { (s: String) in s.components(separatedBy: "\"steps\": [")[1] }
        #expect(steps(again.text) == steps(text))
    }

    func close(_ a: Any?, _ b: Any?) -> Bool {
        guard let x = (a as? NSNumber)?.doubleValue, let y = (b as? NSNumber)?.doubleValue else { return false }
        return abs(x - y) <= 1e-12 * max(abs(x), abs(y))
    }
}
