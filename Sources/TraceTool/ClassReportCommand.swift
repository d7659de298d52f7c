import Foundation
import TraceEngine
import TraceGrading
import TraceRender

/// `trace grade --report DIR --key-dir KEYS --answers-dir ANSWERS`: grades a whole class
/// and writes a summary for the teacher (report.md, report.html), scores.csv and the
/// import files of three gradebooks (canvas.csv, moodle.csv, blackboard.csv).
///
/// Keys are `KEYS/<student>/key.json`, as `trace homework` writes them. A student's answers
/// are found by ``ClassSubmissions`` (`ANSWERS/<student>/`, `<student>.json`, `.csv`, `.txt`,
/// in any case); a student without any counts as not submitted, and every other entry of
/// the folder is listed in the report with the reason it was not graded. Keys are the
/// teacher's: one that cannot be read stops the report (exit 2). Answers are the students':
/// whatever is wrong with them is graded as `trace grade` grades it.
package enum ClassReportCommand {
    package struct Request: Sendable {
        package var reportPath: String
        package var keyDirectory: String
        package var answersDirectory: String
        package var relativeTolerance: Double?
        package var absoluteTolerance: Double?
        package var carryForward = true
        /// The paper report.html is laid out for.
        package var paper: Paper = .a4
        /// `summary`: the scores and the mistakes' table, without each mistake's explanation
        /// and the table of every asked value.
        package var detail: Detail = .full

        package init(reportPath: String, keyDirectory: String, answersDirectory: String) {
            self.reportPath = reportPath
            self.keyDirectory = keyDirectory
            self.answersDirectory = answersDirectory
        }
    }

    /// Writes the report's files; returns a summary line for standard error.
    package static func execute(_ request: Request) throws(ToolError) -> String {
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

        let submissions = ClassSubmissions(folder: request.answersDirectory, ids: ids)
        var students: [ClassReport.Student] = []
        var lessons: [String] = []
        for id in ids {
            let key = try GradeCommand.readKey(keyPath(id, in: request.keyDirectory))
            let lesson = ClassReport.lesson(of: key)
            if !lessons.contains(lesson) { lessons.append(lesson) }
            let assignment = ClassReport.Assignment(key: key)
            guard let answers = submissions.answers[id] else {
                students.append(.init(id: id, assignment: assignment, report: nil))
                continue
            }
            var grader = Grader(key: key)
            grader.carryForward = request.carryForward
            grader.relativeTolerance = request.relativeTolerance
            grader.absoluteTolerance = request.absoluteTolerance
            students.append(.init(id: id, assignment: assignment, report: grader.grade(AnswerFile.read(answers))))
        }
        let report = ClassReport(students: students, notGraded: submissions.notGraded, lessons: lessons)
        var files: [(path: String, text: String)] = []
        do {
            for format in [OutputFormat.md, .html] {
                let output = StringOutput()
                var builder = ClassReportBuilder(writer: try format.writer(output, paper: request.paper), detail: request.detail)
                try builder.write(report.gradedClass)
                files.append(("report.\(format.fileExtension)", output.text))
            }
        } catch {
            throw .failure("\(error)")
        }
        files.append(("scores.csv", report.scoresCSV))
        for gradebook in Gradebook.allCases {
            files.append((gradebook.fileName, report.gradebookCSV(gradebook)))
        }
        try FolderOutput.write(files, into: request.reportPath, flag: "--report")
        let submitted = students.filter { $0.report != nil }.count
        let skipped = report.notGraded.isEmpty
            ? "" : "; \(Wording.counted(report.notGraded.count, "entry", plural: "entries")) of the answers folder \(report.notGraded.count == 1 ? "was" : "were") not graded (see the report)"
        let written = (["report.md", "report.html", "scores.csv"] + Gradebook.allCases.map(\.fileName)).joined(separator: ", ")
        return "graded \(Wording.counted(students.count, "student")) (\(submitted) with answers) into \(request.reportPath): \(written)\(skipped)"
    }

    static func keyPath(_ id: String, in folder: String) -> String {
        ((folder as NSString).appendingPathComponent(id) as NSString).appendingPathComponent("key.json")
    }
}
