import Foundation
import TraceGrading

/// Finds and reads a student's answers file, which may be missing, a folder, huge or not text.
///
/// Never throws: whatever is wrong becomes the sheet's ``AnswerSheet/fileProblem``, which
/// the student reads in results.json.
enum AnswerFile {
    /// The names looked for in a submission folder, in this order.
    static let preferredNames = ["answers.json", "answers.csv"]

    static func read(_ path: String) -> AnswerSheet {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return AnswerSheet(fileProblem: "no answers file was found (\((path as NSString).lastPathComponent)); submit answers.json or answers.csv")
        }
        var file = path
        if isDirectory.boolValue {
            switch pick(in: path) {
            case let .success(name): file = (path as NSString).appendingPathComponent(name)
            case let .failure(problem): return AnswerSheet(fileProblem: problem.message)
            }
            // A link in a submission could point anywhere on the grading machine: read files only.
            if (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) != nil {
                return AnswerSheet(fileProblem: "\((file as NSString).lastPathComponent) is a link, not a file; submit the file itself")
            }
        }
        let name = (file as NSString).lastPathComponent
        // At the end of the file (an empty one) there is nothing to read: nil, not an error.
        guard let handle = FileHandle(forReadingAtPath: file),
            let data = try? handle.read(upToCount: AnswerSheetReader.maximumSize + 1) ?? Data()
        else {
            return AnswerSheet(fileProblem: "\(name) cannot be read; submit it again as a plain file")
        }
        try? handle.close()
        return AnswerSheetReader.read([UInt8](data), file: name)
    }

    struct Problem: Error {
        var message: String
    }

    /// The answers file in a submission folder: `answers.json` or `answers.csv`, else the
    /// only `.json` or `.csv` file there.
    static func pick(in folder: String) -> Result<String, Problem> {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        if let preferred = preferredNames.first(where: names.contains) { return .success(preferred) }
        let candidates = names.filter { $0.lowercased().hasSuffix(".json") || $0.lowercased().hasSuffix(".csv") }
        if candidates.count == 1 { return .success(candidates[0]) }
        if candidates.isEmpty {
            let found = names.isEmpty ? "it is empty" : "it holds \(names.prefix(5).joined(separator: ", "))"
            return .failure(Problem(message: "the submission has no answers.json or answers.csv (\(found)); submit your answers in one of them"))
        }
        return .failure(Problem(message: "the submission holds several answer files (\(candidates.prefix(5).joined(separator: ", "))); submit one, named answers.json or answers.csv"))
    }
}
