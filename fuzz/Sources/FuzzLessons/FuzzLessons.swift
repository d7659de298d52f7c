import FuzzSupport
import TraceEngine
import TraceLessons

/// Any bytes as a lesson file. A lesson that parses is turned into an experiment for its own
/// optimizer (or gd) and run for at most 5 updates, so the engine meets whatever the parser
/// lets through. Nothing may trap; errors are fine.
/// libFuzzer's entry point (also what `LibFuzzer.run` drives).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLesson(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = String(validating: bytes, as: UTF8.self),
        let lesson = try? LessonParser.parse(text, file: "fuzz.yaml")
    else { return 0 }
    var settings = RunSettings(optimizer: lesson.optimizer?.name ?? .gd)
    settings.steps = min(lesson.training.steps ?? 1, 5)
    guard let experiment = try? settings.experiment(for: lesson) else { return 0 }
    var sink = RecordingSink()
    _ = try? Engine.run(experiment, into: &sink)
    return 0
}

@main
enum FuzzLessons {
    static func main() {
        exit(LibFuzzer.run(fuzzLesson))
    }
}
