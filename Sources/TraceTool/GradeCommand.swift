import Foundation
import TraceGrading
import TraceRender

/// `trace grade`: a student's answers against their key, written as Gradescope's `results.json`.
///
/// Only the instructor's mistakes (a key that cannot be read, bad flags) are errors, with
/// exit status 2. Anything wrong with the answers is the student's to fix: results.json is
/// still written, with the explanation, and the exit status is 0, so an autograder never
/// fails on a submission.
package enum GradeCommand {
    package struct Request: Sendable {
        package var keyPath: String
        package var answersPath: String
        package var relativeTolerance: Double?
        package var absoluteTolerance: Double?
        package var carryForward = true
        package var visibility: GradescopeResults.Visibility = .visible
        package var outputPath: String?

        package init(keyPath: String, answersPath: String) {
            self.keyPath = keyPath
            self.answersPath = answersPath
        }
    }

    /// The largest key read: a key is a few kilobytes per step.
    static let maximumKeySize = 16 << 20

    /// Writes results.json; returns a summary line for standard error.
    package static func execute(_ request: Request, standardOutput: TraceOutput) throws(ToolError) -> String {
        try checkTolerances(relative: request.relativeTolerance, absolute: request.absoluteTolerance)
        try OutputGuard.check(output: request.outputPath, inputs: [.init("the key", request.keyPath), .init("the answers", request.answersPath)])
        let key = try readKey(request.keyPath)
        var grader = Grader(key: key)
        grader.carryForward = request.carryForward
        grader.relativeTolerance = request.relativeTolerance
        grader.absoluteTolerance = request.absoluteTolerance
        let report = grader.grade(AnswerFile.read(request.answersPath))
        let results = GradescopeResults(report: report, visibility: request.visibility)
        try AtomicFile.writing(to: request.outputPath, standardOutput: standardOutput) { try $0.write(results.json) }
        let who = key.student.map { " for \($0)" } ?? ""
        return "graded\(who): \(report.score) of \(report.maximumScore)\(report.fileProblem == nil ? "" : " (the answers file could not be used)")"
    }

    /// `--rtol` in [0, 1), `--atol` finite and not negative.
    static func checkTolerances(relative: Double?, absolute: Double?) throws(ToolError) {
        if let rtol = relative, !(rtol >= 0 && rtol < 1) {
            throw .usage("--rtol must be 0 or more and less than 1, not \(NumberFormat.exact(rtol))")
        }
        if let atol = absolute, !(atol >= 0 && atol.isFinite) {
            throw .usage("--atol must be 0 or more, not \(NumberFormat.exact(atol))")
        }
    }

    static func readKey(_ path: String) throws(ToolError) -> AnswerKey {
        try CommandInput.checkNotFolder(path, what: "the key", advice: "give its key.json")
        switch FileKind(path: path) {
        case .regular, .missing, .directory: break
        case let .other(what): throw .usage("the key '\(path)' is \(what), not a file; give the key.json file 'trace homework' wrote")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .usage("cannot read the key '\(path)': check the path (keys are the key.json files 'trace homework' writes)")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumKeySize + 1) ?? Data()
        } catch {
            throw .usage("cannot read the key '\(path)': \(error.localizedDescription)")
        }
        guard data.count <= maximumKeySize else {
            throw .usage("\(path): the key is larger than 16 MiB; keys are the key.json files 'trace homework' writes")
        }
        do {
            return try AnswerKeyReader.read(data, file: path)
        } catch {
            throw .usage(error.description)
        }
    }
}
