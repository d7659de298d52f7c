import Foundation

/// Finds the lesson that `--lesson` names: a bundled lesson, or a YAML file.
public enum LessonSource {
    /// Loads `nameOrPath`, or the default lesson when it is `nil`.
    ///
    /// A value without `/` and without a `.yaml`/`.yml` ending that names a bundled lesson
    /// means that lesson; anything else is a path.
    public static func load(_ nameOrPath: String?) throws -> Lesson {
        let name = nameOrPath ?? BundledLessons.defaultName
        let looksLikePath = name.contains("/") || name.hasSuffix(".yaml") || name.hasSuffix(".yml")
        if !looksLikePath, let lesson = try BundledLessons.lesson(named: name) {
            return lesson
        }
        return try LessonParser.parse(try readText(name), file: name)
    }

    /// The file's text: refused, with a reason, if it is missing, a folder, too large or not UTF-8.
    static func readText(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let stem = path.hasSuffix(".yaml") ? String(path.dropLast(5)) : path.hasSuffix(".yml") ? String(path.dropLast(4)) : path
            let hint = Suggestion.closest(to: stem, in: BundledLessons.names).map { "did you mean the bundled lesson '\($0)'? " } ?? ""
            throw UsageError(
                "no lesson '\(path)': no such file or bundled lesson; \(hint)give a path to a YAML file or a name from 'trace lessons'")
        }
        guard !isDirectory.boolValue else {
            throw UsageError("'\(path)' is a folder; give the path of one lesson file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= LessonParser.maximumSize else {
            throw UsageError("'\(path)' is larger than 1 MiB; a lesson holds a tiny network and a few samples")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read '\(path)'; check that it is readable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LessonError(SourceLocation(file: path, line: 1, column: 1), "the lesson is not UTF-8 text; save it as UTF-8")
        }
        return text
    }
}
