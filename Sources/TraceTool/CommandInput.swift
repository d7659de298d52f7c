import Foundation
import TraceEngine
import TraceLessons
import TraceRender

/// Checks and loading that every command shares, with their errors as ``ToolError``s.
enum CommandInput {
    /// The lesson `--lesson` (or a handout's argument) names, or the default lesson.
    static func lesson(_ nameOrPath: String?) throws(ToolError) -> Lesson {
        do {
            return try LessonSource.load(nameOrPath)
        } catch let error as LessonError {
            throw .lesson(error)
        } catch let error as UsageError {
            throw .usage(error.message)
        } catch {
            throw .failure("\(error)")
        }
    }

    /// The file `--lesson` names, or `nil` for a bundled lesson (read from the binary, not a file).
    static func lessonFile(_ nameOrPath: String?) -> String? {
        guard let name = nameOrPath else { return nil }
        let looksLikePath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        return !looksLikePath && BundledLessons.names.contains(name) ? nil : name
    }

    /// The experiment `settings` make of `lesson`; a mistake is a usage error, after `prefix` if given.
    static func experiment(_ settings: RunSettings, for lesson: Lesson, prefix: String? = nil) throws(ToolError) -> Experiment {
        do {
            return try settings.experiment(for: lesson)
        } catch {
            throw .usage((prefix.map { "\($0): " } ?? "") + error.message)
        }
    }

    /// Refuses a folder where a file is read (Foundation's error for it names an error domain).
    static func checkNotFolder(_ path: String, what: String, advice: String) throws(ToolError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .usage("\(what) '\(path)' is a folder; \(advice)")
        }
    }

    /// A format the command writes (`formats`, as its `--format` lists them); the parser lets
    /// no other through, so this guards the library's callers.
    static func checkFormat(_ format: OutputFormat, in formats: [OutputFormat], command: String) throws(ToolError) {
        guard formats.contains(format) else {
            throw .usage("\(command) writes \(formats.map(\.rawValue).joined(separator: ", ")), not \(format.rawValue)")
        }
    }

    /// `--precision`: 1 to 17 significant digits (17 is enough for any double).
    static func checkPrecision(_ precision: Int) throws(ToolError) {
        guard (1...17).contains(precision) else {
            throw .usage("--precision must be between 1 and 17 significant digits, not \(precision)")
        }
    }
}
