import Foundation
import FoundationXML
import Testing

/// `trace grade --report DIR --key-dir KEYS --answers-dir ANSWERS`: a whole class at once.
@Suite struct ClassReportTests {
    /// A class of 12: four right, four who leave out Adam's bias correction (their m̂ and v̂
    /// are the key's m and v), two who sent nothing, one broken file, one right in JSON.
    static func classFolder() throws -> URL {
        let folder = try TraceBinary.temporaryFolder()
        let made = try TraceBinary.run(["homework", "adam", "--count", "12", "--seed", "11", "--output", "hw"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let answers = folder.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        for n in 1...12 {
            let id = String(format: "%03d", n)
            let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("hw/\(id)/key.json"))) as? [String: Any])
            let steps = try #require(key["steps"] as? [[String: Any]])
            var rows = ["t,parameter,quantity,value"]
            for value in try GradeCommandTests.askedValues(key) {
                var number = value.value
                if (5...8).contains(n), value.quantity == "m_hat" || value.quantity == "v_hat" {
                    let parameters = try #require(steps[value.t - 1]["parameters"] as? [String: [String: Double]])
                    number = try #require(parameters[value.parameter]?[value.quantity == "m_hat" ? "m" : "v"])
                }
                rows.append("\(value.t),\"\(value.parameter)\",\(value.quantity),\(number)")
            }
            let csv = Data((rows.joined(separator: "\n") + "\n").utf8)
            switch n {
            case 9, 10: break
            case 11: try Data("{\"steps\": [".utf8).write(to: answers.appendingPathComponent("\(id).json"))
            case 7, 8:
                let submission = answers.appendingPathComponent(id)
                try FileManager.default.createDirectory(at: submission, withIntermediateDirectories: true)
                try csv.write(to: submission.appendingPathComponent("answers.csv"))
            default: try csv.write(to: answers.appendingPathComponent("\(id).csv"))
            }
        }
        // A misspelt name: no key has it.
        try Data("t,parameter,quantity,value\n".utf8).write(to: answers.appendingPathComponent("0013.csv"))
        return folder
    }

    @Test func reportsScoresRatesAndMistakes() throws {
        let folder = try Self.classFolder()
        let result = try TraceBinary.run(["grade", "--report", "report", "--key-dir", "hw", "--answers-dir", "answers"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("graded 12 students (10 with answers)"))
        #expect(result.stderr.contains("1 answers file without a key was not graded"))
        let report = folder.appendingPathComponent("report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: report.path).sorted() == ["report.html", "report.md", "scores.csv"])

        let scores = try String(contentsOf: report.appendingPathComponent("scores.csv"), encoding: .utf8).split(separator: "\n")
        #expect(scores.first == "student,score,maximum,submitted,mistakes")
        let byStudent = Dictionary(uniqueKeysWithValues: scores.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (cells[0], cells)
        })
        #expect(byStudent.count == 12)
        for id in ["001", "002", "003", "004", "012"] { #expect(byStudent[id] == [id, "18", "18", "yes", ""]) }
        // m̂ and v̂ wrong at each of three steps.
        for id in ["005", "006", "007", "008"] { #expect(byStudent[id] == [id, "12", "18", "yes", "bias-correction-omitted"]) }
        for id in ["009", "010"] { #expect(byStudent[id] == [id, "0", "18", "no", ""]) }
        #expect(byStudent["011"] == ["011", "0", "18", "yes", ""])

        let markdown = try String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.contains("12 students, 10 with answers; 18 points each."))
        #expect(markdown.contains("The mistakes most students made: bias correction left out (4 students)."))
        #expect(markdown.contains("| bias correction left out | 4 (33.3 %) | 24 |"))
        #expect(markdown.contains("Not graded, since no key has their name: 0013.csv."))
        #expect(markdown.contains("| 18 of 18 | 5 | " + String(repeating: "■", count: 40) + " |"), "the longest bar is 40 marks")
        #expect(markdown.contains("| 17 of 18 | 0 | · |"))
        // Of the ten with answers: the broken file's values count as missing.
        #expect(markdown.contains("| m̂ at t = 2 | 5 | 0 | 4 | 1 | 50 % |"))
        #expect(markdown.contains("| w\\_new at t = 2 | 9 | 0 | 0 | 1 | 90 % |"))
        _ = try XMLDocument(contentsOf: report.appendingPathComponent("report.html"), options: [])
        let html = try String(contentsOf: report.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<h2>What to revisit</h2>"))
    }

    @Test(arguments: [
        (["grade", "--report", "r", "--key-dir", "hw"], "all three of --report DIR, --key-dir KEYS and --answers-dir ANSWERS"),
        (["grade", "--report", "r", "--key-dir", "hw", "--answers-dir", "answers", "--key", "k.json"], "--report grades a class"),
        (["grade", "--report", "r", "--key-dir", "nowhere", "--answers-dir", "answers"], "--key-dir 'nowhere' is not a folder"),
        (["grade", "--report", "r", "--key-dir", "answers", "--answers-dir", "answers"], "holds no <student>/key.json"),
        (["grade", "--report", "hw", "--key-dir", "hw", "--answers-dir", "answers"], "--report 'hw' already holds files"),
        (["grade"], "give --key KEY and --answers ANSWERS"),
    ])
    func badInput(_ arguments: [String], _ says: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        #expect(try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--output", "hw"], in: folder).status == 0)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("answers"), withIntermediateDirectories: true)
        let result = try TraceBinary.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(says), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r").path))
    }

    @Test func aBrokenKeyStopsTheReport() throws {
        let folder = try Self.classFolder()
        try Data("{".utf8).write(to: folder.appendingPathComponent("hw/004/key.json"))
        let result = try TraceBinary.run(["grade", "--report", "report", "--key-dir", "hw", "--answers-dir", "answers"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.contains("hw/004/key.json"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report").path))
    }
}
