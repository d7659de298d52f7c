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
        #expect(result.stderr.contains("1 entry of the answers folder was not graded"))
        let report = folder.appendingPathComponent("report")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: report.path).sorted()
                == ["blackboard.csv", "canvas.csv", "moodle.csv", "report.html", "report.md", "scores.csv"])

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
        #expect(markdown.contains("12 students with a key, 10 with answers."))
        // 5 × 18 + 4 × 12 + 0 for the broken file: 138 points; over 10 with answers and over all 12.
        #expect(markdown.contains("Over the 10 students with answers: mean 13.8, median 15."), "\(markdown)")
        #expect(markdown.contains("Over all 12 students with a key, counting no answers as 0: mean 11.5, median 12."))
        #expect(markdown.contains("The mistakes most students made: bias correction left out (4 students)."))
        #expect(markdown.contains("| bias correction left out | 4 (40 %) | 24 |"))
        #expect(markdown.contains("| 0013.csv | no key has this student id; did you mean '"))
        #expect(markdown.contains("| 011 | 011.json:1:"), "the broken file is listed with its problem")
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

    /// A class whose answers folder holds every spelling a course's systems produce: each
    /// student is graded or listed with the reason, and the totals add up.
    @Test func everyFileIsGradedOrListed() throws {
        let folder = try TraceBinary.temporaryFolder()
        let ids = ["gus07@uni.edu", "s02", "s03", "s04", "s05", "s06", "s07", "s08", "s09"]
        try Data(("id\n" + ids.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("roster.csv"))
        let made = try TraceBinary.run(["homework", "sgd", "--roster", "roster.csv", "--seed", "3", "--steps", "1", "--output", "hw"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let answers = folder.appendingPathComponent("answers")
        try FileManager.default.createDirectory(at: answers, withIntermediateDirectories: true)
        func rightAnswers(_ id: String) throws -> Data {
            let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("hw/\(id)/key.json"))) as? [String: Any])
            let rows = try GradeCommandTests.askedValues(key).map { "\($0.t),\"\($0.parameter)\",\($0.quantity),\($0.value)" }
            return Data((["t,parameter,quantity,value"] + rows).joined(separator: "\n").utf8)
        }
        try rightAnswers("gus07@uni.edu").write(to: answers.appendingPathComponent("GUS07@UNI.EDU.csv"))
        try rightAnswers("s02").write(to: answers.appendingPathComponent("s02.CSV"))
        try rightAnswers("s03").write(to: answers.appendingPathComponent("S03.txt"))
        try rightAnswers("s04").write(to: answers.appendingPathComponent("s04"))  // no extension
        try rightAnswers("s05").write(to: answers.appendingPathComponent("s05.pdf"))
        #expect(mkfifo(answers.appendingPathComponent("s06.csv").path, 0o644) == 0)
        try rightAnswers("s07").write(to: answers.appendingPathComponent("s07.csv"))
        try FileManager.default.createDirectory(at: answers.appendingPathComponent("s07"), withIntermediateDirectories: true)
        try rightAnswers("s07").write(to: answers.appendingPathComponent("s07/answers.csv"))
        // An unquoted parameter name, split by its comma: read as the one name it must be.
        let unquoted = String(decoding: try rightAnswers("s08"), as: UTF8.self).replacingOccurrences(of: "\"", with: "")
        try Data(unquoted.utf8).write(to: answers.appendingPathComponent("s08.csv"))
        try Data("t,parameter,quantity,value\n".utf8).write(to: answers.appendingPathComponent("s99.csv"))

        let started = Date()
        let result = try TraceBinary.run(["grade", "--report", "report", "--key-dir", "hw", "--answers-dir", "answers"], in: folder)
        #expect(Date().timeIntervalSince(started) < 30, "a named pipe must not block the report")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("graded 9 students (7 with answers)"), "\(result.stderr)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("report/report.md"), encoding: .utf8)
        #expect(markdown.contains("| s05.pdf | not an answers file (.pdf); s05's answers are read from s05.json, s05.csv or a folder s05/ |"), "\(markdown)")
        #expect(markdown.contains("| s07.csv | s07 also has s07, which was graded; keep one answers file per student |"))
        #expect(markdown.contains("| s99.csv | no key has this student id; did you mean 's09'? |"))
        #expect(markdown.contains("| s06 | s06.csv is a named pipe, not a file; submit the answers as a plain file |"))
        let scores = try String(contentsOf: folder.appendingPathComponent("report/scores.csv"), encoding: .utf8)
        for id in ["gus07@uni.edu", "s02", "s03", "s04", "s07", "s08"] {
            #expect(scores.contains("\(id),2,2,yes,"), "\(id): \(scores)")
        }
        #expect(scores.contains("s06,0,2,yes,"))
        for id in ["s05", "s09"] { #expect(scores.contains("\(id),0,2,no,")) }
        // Graded students' files, plus every entry listed: the folder's 10 entries.
        #expect(markdown.contains("3 entries of the answers folder were not graded"))
    }

    @Test func keysThatAskDifferentThingsGetATableEach() throws {
        let folder = try TraceBinary.temporaryFolder()
        #expect(try TraceBinary.run(["homework", "adam", "--count", "2", "--seed", "1", "--output", "adam"], in: folder).status == 0)
        #expect(try TraceBinary.run(["homework", "rmsprop", "--count", "3", "--seed", "1", "--steps", "2", "--output", "rms"], in: folder).status == 0)
        let keys = folder.appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: keys, withIntermediateDirectories: true)
        for id in ["001", "002"] { try FileManager.default.moveItem(at: folder.appendingPathComponent("adam/\(id)"), to: keys.appendingPathComponent("a\(id)")) }
        for id in ["001", "002", "003"] { try FileManager.default.moveItem(at: folder.appendingPathComponent("rms/\(id)"), to: keys.appendingPathComponent("r\(id)")) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("answers"), withIntermediateDirectories: true)
        let result = try TraceBinary.run(["grade", "--report", "report", "--key-dir", "keys", "--answers-dir", "answers"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let markdown = try String(contentsOf: folder.appendingPathComponent("report/report.md"), encoding: .utf8)
        #expect(markdown.contains("Their keys ask 2 different things, so each is summed up on its own below."))
        #expect(markdown.contains("## Adam, lecture convention: g, m, v, m̂, v̂, w\\_new of W2\\[1,1\\] at t = 1 to 3"), "\(markdown)")
        #expect(markdown.contains("## RMSProp, lecture convention: g, ss, w\\_new of W2\\[1,1\\] at t = 1 to 2"), "\(markdown)")
        #expect(markdown.contains("| 18 of 18 | 0 | · |"))
        #expect(markdown.contains("| 6 of 6 | 0 | · |"))
        // Nobody has answered yet: said plainly, with no mean over nobody.
        #expect(markdown.contains("No student has answers in the answers folder, so nothing was graded"))
        #expect(markdown.contains("Over the 0 students with answers: mean —, median —."))
        let scores = try String(contentsOf: folder.appendingPathComponent("report/scores.csv"), encoding: .utf8)
        #expect(scores.contains("a001,0,18,no,") && scores.contains("r003,0,6,no,"))
    }
}
