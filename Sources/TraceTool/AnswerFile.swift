import Foundation
import TraceGrading
import TraceRender

/// Finds and reads a student's answers file, which may be missing, a folder, huge, not text,
/// or not a file at all (a named pipe, a device).
///
/// Never throws and never blocks: whatever is wrong becomes the sheet's
/// ``AnswerSheet/fileProblem``, which the student reads in results.json.
enum AnswerFile {
    /// The names looked for in a submission folder (in any case), in this order.
    static let preferredNames = ["answers.json", "answers.csv"]

    static func read(_ path: String) -> AnswerSheet {
        switch FileKind(path: path) {
        case .missing:
            return AnswerSheet(fileProblem: "no answers file was found (\((path as NSString).lastPathComponent)); submit answers.json or answers.csv")
        case .directory:
            return readSubmission(path)
        case .regular, .other:
            return readFile(path)
        }
    }

    /// The answers in a submission folder. When both answers.json and answers.csv are there,
    /// the one with more answers is graded (answers.json on a tie), and a note says which
    /// one was left out.
    static func readSubmission(_ folder: String) -> AnswerSheet {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        let preferred = preferredNames.compactMap { wanted in names.first { $0.lowercased() == wanted } }
        guard preferred.count == 2 else {
            switch pick(in: names, preferred: preferred.first) {
            case let .success(name): return readFile((folder as NSString).appendingPathComponent(name), inSubmission: true)
            case let .failure(problem): return AnswerSheet(fileProblem: problem.message)
            }
        }
        let sheets = preferred.map { readFile((folder as NSString).appendingPathComponent($0), inSubmission: true) }
        let counts = sheets.map(\.answeredCount)
        let chosen = counts[1] > counts[0] ? 1 : 0, other = 1 - chosen
        var sheet = sheets[chosen]
        let why = counts[chosen] == counts[other]
            ? "both hold \(counts[chosen]) answers, and \(preferred[0]) comes first"
            : "it holds \(Wording.counted(counts[chosen], "answer")), \(preferred[other]) \(counts[other])"
        sheet.notes.insert(
            "The submission holds both \(preferred[0]) and \(preferred[1]); \(preferred[chosen]) was graded (\(why)) and \(preferred[other]) was ignored. Submit one of them.",
            at: 0)
        return sheet
    }

    /// One file, read only when it is a regular file: a named pipe or a device would block
    /// the grader or never end. In a submission, a link is refused too: it could point
    /// anywhere on the grading machine.
    static func readFile(_ file: String, inSubmission: Bool = false) -> AnswerSheet {
        let name = (file as NSString).lastPathComponent
        if inSubmission, (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) != nil {
            return AnswerSheet(fileProblem: "\(name) is a link, not a file; submit the file itself")
        }
        switch FileKind(path: file) {
        case .regular: break
        case .missing: return AnswerSheet(fileProblem: "\(name) cannot be read; submit it again as a plain file")
        case .directory: return AnswerSheet(fileProblem: "\(name) is a folder, not a file; submit answers.json or answers.csv")
        case let .other(what): return AnswerSheet(fileProblem: "\(name) is \(what), not a file; submit the answers as a plain file")
        }
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

    /// The answers file among a submission folder's `names`: `preferred` (answers.json or
    /// answers.csv, in any case), else the only `.json` or `.csv` file there.
    static func pick(in names: [String], preferred: String?) -> Result<String, Problem> {
        if let preferred { return .success(preferred) }
        let candidates = names.filter { $0.lowercased().hasSuffix(".json") || $0.lowercased().hasSuffix(".csv") }
        if candidates.count == 1 { return .success(candidates[0]) }
        if candidates.isEmpty {
            let found = names.isEmpty ? "it is empty" : "it holds \(names.prefix(5).joined(separator: ", "))"
            return .failure(Problem(message: "the submission has no answers.json or answers.csv (\(found)); submit your answers in one of them"))
        }
        return .failure(Problem(message: "the submission holds several answer files (\(candidates.prefix(5).joined(separator: ", "))); submit one, named answers.json or answers.csv"))
    }
}

extension AnswerSheet {
    /// How many entries hold a number.
    var answeredCount: Int {
        entries.filter { if case .number = $0.value { true } else { false } }.count
    }
}
