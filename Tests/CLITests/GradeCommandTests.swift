import Foundation
import Testing

/// `trace grade`: results.json for every submission, however broken; exit 2 only for the
/// instructor's mistakes.
@Suite struct GradeCommandTests {
    /// A homework folder with one student's key, made once per test.
    static func homework() throws -> (folder: URL, key: [String: Any]) {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "3", "--steps", "2", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("hw/001/key.json"))) as? [String: Any])
        return (folder, key)
    }

    /// The key's own value of each asked value.
    static func askedValues(_ key: [String: Any]) throws -> [(t: Int, parameter: String, quantity: String, value: Double)] {
        let steps = try #require(key["steps"] as? [[String: Any]])
        return try #require(key["asked"] as? [[String: Any]]).map { asked in
            let t = try #require(asked["t"] as? Int), parameter = try #require(asked["parameter"] as? String)
            let quantity = try #require(asked["quantity"] as? String)
            let parameters = try #require(steps[t - 1]["parameters"] as? [String: [String: Double]])
            return (t, parameter, quantity, try #require(parameters[parameter]?[quantity]))
        }
    }

    static func grade(_ answers: Data, name: String = "answers.json", in folder: URL, extra: [String] = []) throws -> (TraceBinary.Result, [String: Any]) {
        try answers.write(to: folder.appendingPathComponent(name))
        let result = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", name] + extra, in: folder)
        let results = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any], "\(result.text)")
        return (result, results)
    }

    @Test("answers in JSON and in a filled-in CSV template earn full marks")
    func fullMarks() throws {
        let (folder, key) = try Self.homework()
        let values = try Self.askedValues(key)
        var steps: [Int: [String: [String: Double]]] = [:]
        for value in values { steps[value.t, default: [:]][value.parameter, default: [:]][value.quantity] = value.value }
        let json = try JSONSerialization.data(withJSONObject: ["steps": steps.keys.sorted().map { ["t": $0, "parameters": steps[$0]!] }])
        let (result, results) = try Self.grade(json, in: folder)
        #expect(result.status == 0)
        #expect(results["score"] as? Int == values.count)
        #expect(result.stderr == "graded for 001: \(values.count) of \(values.count)\n")

        // The template, filled in with four significant digits, as by hand.
        var csv = try String(contentsOf: folder.appendingPathComponent("hw/001/answers.csv"), encoding: .utf8)
        for value in values {
            let row = "\(value.t),\"\(value.parameter)\",\(value.quantity),"
            csv = csv.replacingOccurrences(of: row + "\n", with: row + String(format: "%.4g", value.value) + "\n")
        }
        let (_, fromCSV) = try Self.grade(Data(csv.utf8), name: "answers.csv", in: folder)
        #expect(fromCSV["score"] as? Int == values.count, "\(fromCSV)")
    }

    @Test("every kind of broken answers file gets results.json with an explained zero, and exit status 0", arguments: [
        ("empty", Data()),
        ("JSON null", Data("null".utf8)),
        ("not JSON", Data("{\"steps\": [".utf8)),
        ("binary", Data([0x00, 0xFF, 0xFE, 0x13, 0x37])),
        ("not UTF-8", Data([0x7B, 0xC3, 0x28, 0x7D])),
        ("deeply nested", Data((String(repeating: "[", count: 100_000)).utf8)),
        ("wrong shape", Data("[1, 2, 3]".utf8)),
        ("steps not a list", Data("{\"steps\": 5}".utf8)),
        ("strings", Data("{\"steps\":[{\"t\":1,\"parameters\":{\"W2[1,1]\":{\"m\":\"0.01\"}}}]}".utf8)),
        ("NaN", Data("{\"steps\":[{\"t\":1,\"parameters\":{\"W2[1,1]\":{\"m\":NaN, \"g\": 1e999}}}]}".utf8)),
        ("huge", Data(repeating: 0x20, count: 3 << 20)),
    ])
    func brokenAnswers(_ kind: String, _ bytes: Data) throws {
        let (folder, _) = try Self.homework()
        let (result, results) = try Self.grade(bytes, in: folder)
        #expect(result.status == 0, "\(kind): \(result.stderr)")
        #expect(results["score"] as? Int == 0, "\(kind)")
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(!tests.isEmpty && tests.allSatisfy { $0["status"] as? String == "failed" })
        let output = try #require(results["output"] as? String) + tests.compactMap { $0["output"] as? String }.joined()
        #expect(output.count > 40, "\(kind): no explanation")
        #expect(["write", "save", "submit", "give", "needs"].contains { output.contains($0) },
                "\(kind): the explanation should say what to do: \(output.prefix(300))")
    }

    @Test("an empty file says it is empty")
    func emptyFile() throws {
        let (folder, _) = try Self.homework()
        let (_, results) = try Self.grade(Data(), name: "answers.csv", in: folder)
        #expect((results["output"] as? String)?.contains("answers.csv: the file is empty") == true, "\(results["output"] ?? "")")
    }

    @Test("a missing answers file, an empty submission folder and a folder with the file are all handled")
    func submissionFolders() throws {
        let (folder, key) = try Self.homework()
        let missing = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "nowhere.json"], in: folder)
        #expect(missing.status == 0)
        #expect(missing.text.contains("no answers file was found"))

        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
        let empty = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "submission"], in: folder)
        #expect(empty.status == 0)
        #expect(empty.text.contains("the submission has no answers.json or answers.csv (it is empty)"))

        // A link in a submission is not followed: it could point anywhere on the grading machine.
        try FileManager.default.createSymbolicLink(atPath: submission.appendingPathComponent("answers.json").path, withDestinationPath: "/etc/passwd")
        let link = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "submission"], in: folder)
        #expect(link.status == 0)
        #expect(link.text.contains("answers.json is a link, not a file; submit the file itself"))
        #expect(!link.text.contains("root"))
        try FileManager.default.removeItem(at: submission.appendingPathComponent("answers.json"))

        let values = try Self.askedValues(key)
        let csv = "t,parameter,quantity,value\n" + values.map { "\($0.t),\"\($0.parameter)\",\($0.quantity),\($0.value)\n" }.joined()
        try csv.write(to: submission.appendingPathComponent("my answers.csv"), atomically: true, encoding: .utf8)
        let found = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "submission"], in: folder)
        let results = try #require(try JSONSerialization.jsonObject(with: found.stdout) as? [String: Any])
        #expect(results["score"] as? Int == values.count)
    }

    @Test("named pipes are refused at once: as the answers, inside a submission, or as the key")
    func namedPipes() throws {
        let (folder, _) = try Self.homework()
        #expect(mkfifo(folder.appendingPathComponent("pipe.csv").path, 0o644) == 0)
        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
        #expect(mkfifo(submission.appendingPathComponent("answers.csv").path, 0o644) == 0)
        for answers in ["pipe.csv", "submission"] {
            let started = Date()
            let result = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", answers], in: folder)
            #expect(Date().timeIntervalSince(started) < 1, "refused within a second")
            #expect(result.status == 0)
            let results = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            #expect(results["score"] as? Int == 0)
            #expect((results["output"] as? String)?.contains("is a named pipe, not a file; submit the answers as a plain file") == true)
        }
        let key = try TraceBinary.run(["grade", "--key", "pipe.csv", "--answers", "submission"], in: folder)
        #expect(key.status == 2)
        #expect(key.stderr == "trace: the key 'pipe.csv' is a named pipe, not a file; give the key.json file 'trace homework' wrote\n")
    }

    @Test("zeros with the starting weight copied into every w_new score 0; a typo far out of range is explained")
    func lazyAndHostileSheets() throws {
        let (folder, key) = try Self.homework()
        let steps = try #require(key["steps"] as? [[String: Any]])
        let rows = try Self.askedValues(key).map { value -> String in
            let parameters = try #require(steps[value.t - 1]["parameters"] as? [String: [String: Double]])
            let w = try #require(parameters[value.parameter]?["w"])
            return "\(value.t),\"\(value.parameter)\",\(value.quantity),\(value.quantity == "w_new" ? w : 0)"
        }
        let (exploit, results) = try Self.grade(Data((["t,parameter,quantity,value"] + rows).joined(separator: "\n").utf8), name: "lazy.csv", in: folder)
        #expect(exploit.status == 0)
        #expect(results["score"] as? Int == 0, "\(exploit.text)")
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.contains { ($0["output"] as? String)?.contains("so later values are not computed from it") == true })
        #expect(!tests.contains { ($0["output"] as? String)?.contains("known mistake") == true }, "a copy is not diagnosed as a mistake")

        let typo = "t,parameter,quantity,value\n1,\"W2[1,1]\",m,-1e16\n1,\"W2[1,1]\",m_hat,-6.109e-20\n1,\"W2[1,1]\",g,1e308\n"
        let (hostile, graded) = try Self.grade(Data(typo.utf8), name: "typo.csv", in: folder)
        #expect(hostile.status == 0, "\(hostile.stderr)")
        #expect(graded["score"] as? Int == 0)
        #expect(hostile.text.contains("times as large"))
    }

    @Test("with answers.json and answers.csv both submitted, the one with answers is graded and the other named")
    func twoAnswersFiles() throws {
        let (folder, key) = try Self.homework()
        let submission = folder.appendingPathComponent("submission")
        try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: submission.appendingPathComponent("answers.json"))
        let values = try Self.askedValues(key)
        let csv = "t,parameter,quantity,value\n" + values.map { "\($0.t),\"\($0.parameter)\",\($0.quantity),\($0.value)\n" }.joined()
        try Data(csv.utf8).write(to: submission.appendingPathComponent("answers.csv"))
        let result = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "submission"], in: folder)
        let results = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        #expect(results["score"] as? Int == values.count)
        #expect((results["output"] as? String)?.contains(
            "The submission holds both answers.json and answers.csv; answers.csv was graded (it holds \(values.count) answers, answers.json 0) and answers.json was ignored.") == true,
            "\(result.text)")
    }

    @Test("one wrong value fails one test, and --no-carry-forward is a switch")
    func oneWrongValue() throws {
        let (folder, key) = try Self.homework()
        let values = try Self.askedValues(key)
        let csv = "t,parameter,quantity,value\n" + values.enumerated().map { n, v in
            "\(v.t),\"\(v.parameter)\",\(v.quantity),\(n == 1 ? v.value * 2 : v.value)\n"
        }.joined()
        let (_, results) = try Self.grade(Data(csv.utf8), name: "answers.csv", in: folder)
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.filter { $0["status"] as? String == "failed" }.count == 1)
        #expect((tests[1]["output"] as? String)?.hasPrefix("Not right: m(1) = β₁·m + (1 − β₁)·g = ") == true, "\(tests[1])")
        let (_, strict) = try Self.grade(Data(csv.utf8), name: "answers.csv", in: folder, extra: ["--no-carry-forward"])
        #expect((strict["output"] as? String)?.contains("Each value is checked against the key.") == true)
    }

    @Test("the instructor's mistakes exit 2 with one line", arguments: [
        (["grade", "--key", "nokey.json", "--answers", "a.json"], "cannot read the key 'nokey.json'"),
        (["grade", "--key", "run.json", "--answers", "a.json"], "run.json: the key asks for nothing"),
        (["grade", "--key", "edited.json", "--answers", "a.json"], "edited.json: the key's"),
        (["grade", "--key", "swapped.json", "--answers", "a.json"], "swapped.json: the key's step 1 says t = 2"),
        (["grade", "--key", "long.json", "--answers", "a.json"], "long.json: the key's lesson runs 2000000000 updates but the key has 2"),
        (["grade", "--key", "every.json", "--answers", "a.json"], "every.json: the key's schedule every = 1e+300 is not one trace knows"),
        (["grade", "--key", "hw/001/key.json", "--answers", "a.json", "--rtol", "2"], "--rtol must be 0 or more and less than 1"),
        (["grade", "--key", "hw/001/key.json", "--answers", "a.json", "--expected-visibility", "later"], "later"),
        (["grade", "--answers", "a.json"], "--key"),
    ])
    func instructorMistakes(_ arguments: [String], _ message: String) throws {
        let (folder, _) = try Self.homework()
        let run = try TraceBinary.run(["adam", "--steps", "2", "--format", "json", "--output", "run.json"], in: folder)
        #expect(run.status == 0)
        // A key whose values were changed by hand.
        let keyText = try String(contentsOf: folder.appendingPathComponent("hw/001/key.json"), encoding: .utf8)
        let edited = keyText.replacingOccurrences(of: "\"w_new\": 0.", with: "\"w_new\": 0.9", options: [], range: keyText.range(of: "\"w_new\": 0."))
        try edited.write(to: folder.appendingPathComponent("edited.json"), atomically: true, encoding: .utf8)
        // Keys whose steps are out of order, whose lesson runs for ever, or whose schedule cannot be.
        var key = try #require(try JSONSerialization.jsonObject(with: Data(keyText.utf8)) as? [String: Any])
        var steps = try #require(key["steps"] as? [Any])
        steps.swapAt(0, 1)
        key["steps"] = steps
        try JSONSerialization.data(withJSONObject: key).write(to: folder.appendingPathComponent("swapped.json"))
        key = try #require(try JSONSerialization.jsonObject(with: Data(keyText.utf8)) as? [String: Any])
        var lesson = try #require(key["lesson"] as? [String: Any])
        var training = try #require(lesson["training"] as? [String: Any])
        training["steps"] = 2_000_000_000
        lesson["training"] = training
        key["lesson"] = lesson
        try JSONSerialization.data(withJSONObject: key).write(to: folder.appendingPathComponent("long.json"))
        lesson["training"] = try #require((try JSONSerialization.jsonObject(with: Data(keyText.utf8)) as? [String: Any])?["lesson"] as? [String: Any])["training"]
        lesson["schedule"] = ["name": "step", "gamma": 0.5, "every": 1e300]
        key["lesson"] = lesson
        try JSONSerialization.data(withJSONObject: key).write(to: folder.appendingPathComponent("every.json"))
        let result = try TraceBinary.run(arguments, in: folder)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--output writes results.json whole; --expected-visibility keeps the values back")
    func outputFileAndVisibility() throws {
        let (folder, _) = try Self.homework()
        try Data("{}".utf8).write(to: folder.appendingPathComponent("a.json"))
        let result = try TraceBinary.run(
            ["grade", "--key", "hw/001/key.json", "--answers", "a.json", "--output", "results.json", "--expected-visibility", "after_due_date"],
            in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("results.json"))) as? [String: Any])
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.last?["name"] as? String == "Worked solutions")
        #expect(tests.last?["visibility"] as? String == "after_due_date")
    }
}
