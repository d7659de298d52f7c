import Foundation
import Testing

/// docs/gradescope/run_autograder end to end: `trace homework` for two students, their keys
/// in a folder laid out like Gradescope's /autograder, a submission, and the script run with
/// AUTOGRADER_ROOT pointing there and TRACE at the built binary.
///
/// setup.sh cannot run here (it needs root and the network: apt-get, /usr/local/bin), so it
/// is only checked with `bash -n`.
@Suite struct GradescopeAutograderTests {
    static let scripts = TraceBinary.repository.appendingPathComponent("docs/gradescope")
    static let students = ["alice@example.edu", "bob@example.edu"]

    /// A temporary course: `trace homework adam` in hw/, and autograder/ holding only the
    /// keys, as the zip would (source/keys/<id>/key.json).
    struct Course {
        let folder: URL
        var homework: URL { folder.appendingPathComponent("hw") }
        var root: URL { folder.appendingPathComponent("autograder") }
        var submission: URL { root.appendingPathComponent("submission") }

        init() throws {
            folder = try TraceBinary.temporaryFolder()
            try ("id\n" + GradescopeAutograderTests.students.joined(separator: "\n") + "\n")
                .write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
            let made = try TraceBinary.run(
                ["homework", "adam", "--roster", "roster.csv", "--seed", "5", "--output", "hw"], in: folder)
            try #require(made.status == 0, "\(made.stderr)")
            let files = FileManager.default
            for id in GradescopeAutograderTests.students {
                let keys = root.appendingPathComponent("source/keys/\(id)")
                try files.createDirectory(at: keys, withIntermediateDirectories: true)
                try files.copyItem(
                    at: homework.appendingPathComponent("\(id)/key.json"), to: keys.appendingPathComponent("key.json"))
            }
            try files.createDirectory(at: submission, withIntermediateDirectories: true)
        }

        func key(_ id: String) throws -> [String: Any] {
            let data = try Data(contentsOf: homework.appendingPathComponent("\(id)/key.json"))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        /// The asked values, in the key's order, with the key's value for each.
        func asked(_ id: String) throws -> [(t: Int, parameter: String, quantity: String, value: Double)] {
            let key = try key(id)
            let asked = try #require(key["asked"] as? [[String: Any]])
            let steps = try #require(key["steps"] as? [[String: Any]])
            return try asked.map { entry in
                let t = try #require(entry["t"] as? Int)
                let parameter = try #require(entry["parameter"] as? String)
                let quantity = try #require(entry["quantity"] as? String)
                let step = try #require(steps.first { $0["t"] as? Int == t })
                let parameters = try #require(step["parameters"] as? [String: [String: Any]])
                let value = try #require(parameters[parameter]?[quantity] as? NSNumber)
                return (t, parameter, quantity, value.doubleValue)
            }
        }

        /// answers.json with the key's values; the asked value at index `wrong`, if any, made wrong.
        func answersJSON(_ id: String, wrong: Int? = nil) throws -> Data {
            var steps: [Int: [String: [String: Double]]] = [:]
            for (index, entry) in try asked(id).enumerated() {
                let value = index == wrong ? entry.value + 1 + abs(entry.value) : entry.value
                steps[entry.t, default: [:]][entry.parameter, default: [:]][entry.quantity] = value
            }
            let answers = ["steps": steps.keys.sorted().map { ["t": $0, "parameters": steps[$0]!] as [String: Any] }]
            return try JSONSerialization.data(withJSONObject: answers)
        }

        /// Gradescope's submission_metadata.json for one student (the fields the docs show).
        func submit(as id: String, files: [String: Data] = [:]) throws {
            let metadata: [String: Any] = [
                "id": 123456, "submission_method": "upload",
                "users": [["email": id, "id": 1234, "name": "Student User"]],
            ]
            try JSONSerialization.data(withJSONObject: metadata)
                .write(to: root.appendingPathComponent("submission_metadata.json"))
            for (name, data) in files { try data.write(to: submission.appendingPathComponent(name)) }
        }

        /// `bash run_autograder` with this course's root and the built binary; its exit status,
        /// what it printed, and the results.json it left.
        func runAutograder(_ environment: [String: String] = [:]) throws -> (status: Int32, log: String, results: [String: Any]) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bash", GradescopeAutograderTests.scripts.appendingPathComponent("run_autograder").path]
            var inherited = ProcessInfo.processInfo.environment
            for name in ["ID_FIELD", "EXPECTED_VISIBILITY"] { inherited[name] = nil }
            process.environment = inherited.merging(
                ["AUTOGRADER_ROOT": root.path, "TRACE": TraceBinary.url.path], uniquingKeysWith: { $1 }
            ).merging(environment, uniquingKeysWith: { $1 })
            process.currentDirectoryURL = folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let log = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
            let results = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(log)")
            return (process.terminationStatus, log, results)
        }
    }

    /// The graded tests: every test but the 0-point "Worked solutions" one.
    static func tests(_ results: [String: Any]) -> [[String: Any]] { allTests(results).filter { $0["name"] as? String != "Worked solutions" } }
    static func allTests(_ results: [String: Any]) -> [[String: Any]] { results["tests"] as? [[String: Any]] ?? [] }
    static func score(_ results: [String: Any]) -> Double? { (results["score"] as? NSNumber)?.doubleValue }
    static func output(_ results: [String: Any]) -> String { results["output"] as? String ?? "" }

    @Test func perfectAnswersGetFullMarks() throws {
        let course = try Course()
        let id = Self.students[0]
        try course.submit(as: id, files: ["answers.json": try course.answersJSON(id)])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        let asked = try course.asked(id).count
        #expect(asked > 0)
        #expect(Self.score(run.results) == Double(asked), "\(run.log)")
        let tests = Self.tests(run.results)
        #expect(tests.count == asked)
        #expect(tests.allSatisfy { $0["status"] as? String == "passed" }, "\(tests)")
    }

    /// Each student is graded against their own key: bob's answers are right for bob.
    @Test func theSecondStudentIsGradedAgainstTheirOwnKey() throws {
        let course = try Course()
        let id = Self.students[1]
        try course.submit(as: id, files: ["answers.json": try course.answersJSON(id)])
        let run = try course.runAutograder()
        #expect(Self.score(run.results) == Double(try course.asked(id).count), "\(run.log)")
    }

    @Test func oneWrongValueFailsExactlyOneTest() throws {
        let course = try Course()
        let id = Self.students[0]
        let asked = try course.asked(id).count
        try course.submit(as: id, files: ["answers.json": try course.answersJSON(id, wrong: asked - 1)])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == Double(asked - 1), "\(run.log)")
        let failed = Self.tests(run.results).filter { $0["status"] as? String == "failed" }
        #expect(failed.count == 1, "\(failed)")
    }

    /// The answers.csv template from the homework folder, with the values filled in.
    @Test func aFilledInCSVTemplateGetsFullMarks() throws {
        let course = try Course()
        let id = Self.students[0]
        let template = try String(contentsOf: course.homework.appendingPathComponent("\(id)/answers.csv"), encoding: .utf8)
        let asked = try course.asked(id)
        var lines = template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "t,parameter,quantity,value")
        var filled = 0
        for index in lines.indices.dropFirst() where lines[index].hasSuffix(",") {
            // t,"W2[1,1]",g,  → t, parameter (quoted, holds commas), quantity
            let row = lines[index].dropLast()
            let t = Int(row.prefix { $0 != "," })
            let quantity = String(row[row.index(after: row.lastIndex(of: ",")!)...])
            let middle = row.dropFirst(row.prefix { $0 != "," }.count + 1).dropLast(quantity.count + 1)
            let parameter = middle.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let entry = try #require(asked.first { $0.t == t && $0.parameter == parameter && $0.quantity == quantity }, "\(row)")
            lines[index] += "\(entry.value)"
            filled += 1
        }
        #expect(filled == asked.count)
        try course.submit(as: id, files: ["answers.csv": Data(lines.joined(separator: "\n").utf8)])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == Double(asked.count), "\(run.log)")
        #expect(Self.tests(run.results).allSatisfy { $0["status"] as? String == "passed" })
    }

    @Test func garbageGetsZeroAndAnExplanation() throws {
        let course = try Course()
        let id = Self.students[0]
        let garbage = Data((0...255).reversed().map { UInt8($0) } + [0, 0xFF, 0xFE, 0x00, 0x80])
        try course.submit(as: id, files: ["answers.csv": garbage])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == 0)
        #expect(Self.output(run.results).contains("could not be used"), "\(Self.output(run.results))")
        #expect(Self.output(run.results).contains("UTF-8"), "\(Self.output(run.results))")
    }

    @Test func anEmptySubmissionGetsZeroAndAnExplanation() throws {
        let course = try Course()
        try course.submit(as: Self.students[0])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == 0)
        #expect(Self.output(run.results).contains("answers.json or answers.csv"), "\(Self.output(run.results))")
    }

    @Test func aStudentWithoutAKeyIsToldTheirId() throws {
        let course = try Course()
        try course.submit(as: "carol@example.edu", files: ["answers.json": try course.answersJSON(Self.students[0])])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == 0)
        #expect(Self.output(run.results) == "no homework variant for carol@example.edu; ask your instructor.")
    }

    /// Metadata the script cannot use still leaves a results.json, and no path is built
    /// from an id that is not a safe folder name.
    @Test(arguments: [
        ("not json {", "cannot read the submission metadata"),
        (#"{"users": []}"#, "names no user"),
        (#"{"users": [{"email": null}]}"#, "gives no 'email'"),
        (#"{"users": [{"email": "../bob@example.edu"}]}"#, "no homework variant for ../bob@example.edu"),
    ])
    func badMetadataGetsZeroAndAnExplanation(_ metadata: String, _ says: String) throws {
        let course = try Course()
        try course.submit(as: Self.students[1], files: ["answers.json": try course.answersJSON(Self.students[1])])
        try metadata.write(to: course.root.appendingPathComponent("submission_metadata.json"), atomically: true, encoding: .utf8)
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == 0)
        #expect(Self.output(run.results).contains(says), "\(Self.output(run.results))")
    }

    /// Gradescope's email may differ in case from the roster's.
    @Test func anEmailInAnotherCaseFindsItsKey() throws {
        let course = try Course()
        let id = Self.students[0]
        try course.submit(as: id.uppercased(), files: ["answers.json": try course.answersJSON(id)])
        let run = try course.runAutograder()
        #expect(Self.score(run.results) == Double(try course.asked(id).count), "\(run.log)")
    }

    /// By default the expected values wait for the due date; EXPECTED_VISIBILITY=visible shows them.
    @Test func expectedValuesWaitForTheDueDateByDefault() throws {
        let course = try Course()
        let id = Self.students[0]
        try course.submit(as: id, files: ["answers.json": try course.answersJSON(id)])
        let run = try course.runAutograder()
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == Double(try course.asked(id).count), "\(run.log)")
        let worked = Self.allTests(run.results).filter { $0["name"] as? String == "Worked solutions" }
        #expect(worked.count == 1)
        #expect(worked.first?["visibility"] as? String == "after_due_date")

        let visible = try course.runAutograder(["EXPECTED_VISIBILITY": "visible"])
        #expect(Self.allTests(visible.results).allSatisfy { $0["name"] as? String != "Worked solutions" })
    }

    /// A bad setting is the instructor's mistake: trace exits 2, the script still writes results.
    @Test func aBadSettingStillWritesResults() throws {
        let course = try Course()
        let id = Self.students[0]
        try course.submit(as: id, files: ["answers.json": try course.answersJSON(id)])
        let run = try course.runAutograder(["EXPECTED_VISIBILITY": "sometimes"])
        #expect(run.status == 0, "\(run.log)")
        #expect(Self.score(run.results) == 0)
        #expect(Self.output(run.results).contains("ask your instructor"), "\(Self.output(run.results))")
    }

    /// Gradescope needs run_autograder executable; setup.sh needs root and the network, so
    /// only its syntax is checked.
    @Test func scriptsParse() throws {
        for name in ["setup.sh", "run_autograder"] {
            let path = Self.scripts.appendingPathComponent(name).path
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["bash", "-n", path]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "bash -n \(name)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: Self.scripts.appendingPathComponent("run_autograder").path))
    }
}
