import FuzzSupport
import TraceGrading

/// Any bytes as a student's answers file, read both as `answers.json` and as `answers.csv`.
/// The reader never throws; nothing may trap, and every message is one line.
/// libFuzzer's entry point (also what `LibFuzzer.run` drives).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnswers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for file in ["answers.json", "answers.csv"] {
        let sheet = AnswerSheetReader.read(bytes, file: file)
        for note in sheet.notes + [sheet.fileProblem].compactMap({ $0 }) where note.contains("\n") {
            fatalError("a message spans lines: \(note)")
        }
    }
    return 0
}

@main
enum FuzzAnswers {
    static func main() {
        exit(LibFuzzer.run(fuzzAnswers))
    }
}
