import Foundation
import TraceEngine
import TraceGrading
import TraceRender

/// `trace grade --report DIR --key-dir KEYS --answers-dir ANSWERS`: grades a whole class
/// and writes a summary for the teacher (report.md, report.html) and scores.csv.
///
/// Keys are `KEYS/<student>/key.json`, as `trace homework` writes them. A student's answers
/// are `ANSWERS/<student>/` (a submission folder), `ANSWERS/<student>.json` or
/// `ANSWERS/<student>.csv`; a student without any counts as not submitted. Keys are the
/// teacher's: one that cannot be read stops the report (exit 2). Answers are the students':
/// whatever is wrong with them is graded as `trace grade` grades it.
public enum ClassReportCommand {
    public struct Request: Sendable {
        public var reportPath: String
        public var keyDirectory: String
        public var answersDirectory: String
        public var relativeTolerance: Double?
        public var absoluteTolerance: Double?
        public var carryForward = true

        public init(reportPath: String, keyDirectory: String, answersDirectory: String) {
            self.reportPath = reportPath
            self.keyDirectory = keyDirectory
            self.answersDirectory = answersDirectory
        }
    }

    /// Writes the report's files; returns a summary line for standard error.
    public static func execute(_ request: Request) throws(ToolError) -> String {
        try GradeCommand.checkTolerances(relative: request.relativeTolerance, absolute: request.absoluteTolerance)
        try FolderOutput.checkNew(request.reportPath, flag: "--report", reason: "")
        try OutputGuard.check(
            output: request.reportPath, flag: "--report",
            inputs: [.init("the key folder", request.keyDirectory), .init("the answers folder", request.answersDirectory)])
        for (flag, folder) in [("--key-dir", request.keyDirectory), ("--answers-dir", request.answersDirectory)] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .usage("\(flag) '\(folder)' is not a folder")
            }
        }
        let ids = ((try? FileManager.default.contentsOfDirectory(atPath: request.keyDirectory)) ?? []).filter { id in
            FileManager.default.fileExists(atPath: keyPath(id, in: request.keyDirectory))
        }.sorted()
        guard !ids.isEmpty else {
            throw .usage("--key-dir '\(request.keyDirectory)' holds no <student>/key.json; give the folder 'trace homework' wrote")
        }

        var students: [ClassReport.Student] = []
        var title = "Class report"
        for id in ids {
            let key = try GradeCommand.readKey(keyPath(id, in: request.keyDirectory))
            if students.isEmpty {
                title = "Class report: \(key.experiment.title) (\(key.experiment.optimizer.displayName), \(key.experiment.convention.displayName) convention)"
            }
            guard let answers = answersPath(id, in: request.answersDirectory) else {
                students.append(.init(id: id, report: nil))
                continue
            }
            var grader = Grader(key: key)
            grader.carryForward = request.carryForward
            grader.relativeTolerance = request.relativeTolerance
            grader.absoluteTolerance = request.absoluteTolerance
            students.append(.init(id: id, report: grader.grade(AnswerFile.read(answers))))
        }

        let unmatched = ((try? FileManager.default.contentsOfDirectory(atPath: request.answersDirectory)) ?? []).filter { entry in
            let name = (entry as NSString).deletingPathExtension
            return !entry.hasPrefix(".") && !ids.contains(entry) && !ids.contains(name)
        }
        let report = ClassReport(students: students, unmatchedAnswers: unmatched)
        let blocks = report.blocks(title: title)
        var files: [(path: String, text: String)] = []
        do {
            for format in [DocumentFormat.md, .html] {
                let output = StringOutput()
                var writer = format.writer(output)
                try writer.begin(title: title)
                for block in blocks { try writer.write(block) }
                try writer.end()
                files.append(("report.\(format.fileExtension)", output.text))
            }
        } catch {
            throw .failure("\(error)")
        }
        files.append(("scores.csv", report.scoresCSV))
        try FolderOutput.write(files, into: request.reportPath, flag: "--report")
        let submitted = students.filter { $0.report != nil }.count
        let skipped = unmatched.isEmpty
            ? "" : "; \(Wording.counted(unmatched.count, "answers file")) without a key \(unmatched.count == 1 ? "was" : "were") not graded (see the report)"
        return "graded \(Wording.counted(students.count, "student")) (\(submitted) with answers) into \(request.reportPath): report.md, report.html, scores.csv\(skipped)"
    }

    static func keyPath(_ id: String, in folder: String) -> String {
        ((folder as NSString).appendingPathComponent(id) as NSString).appendingPathComponent("key.json")
    }

    /// The student's submission folder, else their .json, else their .csv; `nil` for none.
    static func answersPath(_ id: String, in folder: String) -> String? {
        let base = (folder as NSString).appendingPathComponent(id)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue { return base }
        return [base + ".json", base + ".csv"].first { FileManager.default.fileExists(atPath: $0) }
    }
}
