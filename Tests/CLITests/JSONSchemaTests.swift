import Foundation
import Testing
import TraceEngine

/// Real `--format json` output validates against `docs/trace-v1.schema.json`, the schema
/// autograders are pointed to (checked by Python's `jsonschema`, installed by `.ci/run`).
@Suite struct JSONSchemaTests {
    static let runs: [[String]] = [
        ["gd"], ["sgd", "--seed", "3"], ["minibatch", "--batch-size", "2"],
        ["momentum", "--convention", "pytorch"], ["nesterov", "--convention", "keras"], ["adagrad"], ["rmsprop", "--schedule", "cosine"],
        ["adam", "--l2", "0.01", "--schedule", "step", "--gamma", "0.5", "--every", "2"], ["adamw", "--lesson", "classic-backprop"],
        ["momentum", "--lesson", "quadratic-bowl"], ["adam", "--lesson", "rosenbrock"],
        ["adam", "--convention", "keras"], ["adagrad", "--convention", "optax"], ["momentum", "--convention", "keras"],
    ]

    func validate(_ traceFile: URL) throws -> (status: Int32, output: String) {
        let schema = TraceBinary.repository.appendingPathComponent("docs/trace-v1.schema.json")
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            schema = json.load(open(sys.argv[1]))
            Draft202012Validator.check_schema(schema)
            errors = list(Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors[:5]: print(list(error.absolute_path), error.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, traceFile.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("real traces validate", arguments: runs)
    func realTracesValidate(_ arguments: [String]) throws {
        let folder = try TraceBinary.temporaryFolder()
        let run = try TraceBinary.run(arguments + ["--steps", "3", "--format", "json", "--output", "trace.json"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let result = try validate(folder.appendingPathComponent("trace.json"))
        #expect(result.status == 0, "\(result.output)")
    }

    @Test func aDivergedTraceValidates() throws {
        let folder = try TraceBinary.temporaryFolder()
        let lesson = TraceBinary.fixture("reference/lessons/diverge-1-1.yaml")
        let run = try TraceBinary.run(["gd", "--lesson", lesson, "--eta", "50", "--steps", "100", "--format", "json", "--output", "trace.json"], in: folder)
        #expect(run.status == 0)
        let result = try validate(folder.appendingPathComponent("trace.json"))
        #expect(result.status == 0, "\(result.output)")
    }

    /// The schema names every optimizer and every hyperparameter the definitions read: it goes
    /// stale, and this fails, when an optimizer is added without it.
    @Test func theSchemaNamesEveryOptimizerAndHyperparameter() throws {
        let schema = TraceBinary.repository.appendingPathComponent("docs/trace-v1.schema.json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: schema)) as? [String: Any])
        let optimizer = (root["properties"] as? [String: Any])?["optimizer"] as? [String: Any]
        let properties = try #require(optimizer?["properties"] as? [String: Any])
        let names = (properties["name"] as? [String: Any])?["enum"] as? [String]
        #expect(names == Optimizer.allCases.map(\.rawValue))
        let hyperparameterNames = ((properties["hyperparameters"] as? [String: Any])?["propertyNames"] as? [String: Any])?["enum"] as? [String]
        let read = Set(Optimizer.allCases.flatMap(\.hyperparameters).map(\.rawValue) + [Symbol.l2.rawValue])
        #expect(Set(hyperparameterNames ?? []) == read)
    }

    /// The schema can fail: a trace with a wrong key type is refused.
    @Test func aBrokenTraceIsRefused() throws {
        let folder = try TraceBinary.temporaryFolder()
        let run = try TraceBinary.run(["adam", "--steps", "1", "--format", "json"], in: folder)
        let broken = run.text.replacingOccurrences(of: "\"t\": 1,", with: "\"t\": \"one\",")
        let file = folder.appendingPathComponent("broken.json")
        try broken.write(to: file, atomically: true, encoding: .utf8)
        #expect(try validate(file).status == 1)
    }
}
