import Foundation
import FuzzSupport
import TraceGrading
import TraceRender

/// Any bytes as a student's answers file, taken down the whole path a submission travels:
/// read (`answers.txt`: JSON or CSV by its first character, as a file of any other name is),
/// graded against one of the keys in `fuzz/keys/` (the input's length picks it) with error
/// carried forward (and without, for every fourth key), mistakes diagnosed, feedback written
/// for every visibility as results.json (which must parse as JSON), then a class report of
/// that student in Markdown and HTML, scores.csv and each gradebook's import file. Nothing
/// may trap or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGrading(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let sheet = AnswerSheetReader.read(bytes, file: "answers.txt")
    let key = FuzzKeys.all[size % FuzzKeys.all.count]
    var students: [ClassReport.Student] = []
    for carryForward in size % 4 == 0 ? [true, false] : [true] {
        var grader = Grader(key: key)
        grader.carryForward = carryForward
        let report = grader.grade(sheet)
        for visibility in GradescopeResults.Visibility.allCases {
            let json = GradescopeResults(report: report, visibility: visibility).json
            guard (try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil else {
                fatalError("results.json does not parse: \(json)")
            }
        }
        students.append(.init(id: "s\(carryForward)", assignment: .init(key: key), report: report))
    }
    // The class report as `trace grade --report` writes it: Markdown and HTML at both details,
    // scores.csv and each gradebook's import file.
    let report = ClassReport(students: students, notGraded: [.init(file: "x", reason: "fuzz")])
    for format in [OutputFormat.md, .html] {
        for detail in Detail.allCases {
            do {
                var builder = ClassReportBuilder(writer: try format.writer(StringOutput()), detail: detail)
                try builder.write(report.gradedClass)
            } catch {
                fatalError("the report cannot be written: \(error)")
            }
        }
    }
    _ = report.scoresCSV
    for gradebook in Gradebook.allCases { _ = report.gradebookCSV(gradebook) }
    return 0
}

/// The keys in `fuzz/keys/`, read once.
enum FuzzKeys {
    static let all: [AnswerKey] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../keys").standardized
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        let keys = names.compactMap { name -> AnswerKey? in
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { return nil }
            return try? AnswerKeyReader.read(data, file: name)
        }
        guard !keys.isEmpty, keys.count == names.count else { fatalError("fuzz/keys/ holds no readable key.json files") }
        return keys
    }()
}

@main
enum FuzzGrading {
    static func main() {
        Foundation.exit(LibFuzzer.run(fuzzGrading))
    }
}
