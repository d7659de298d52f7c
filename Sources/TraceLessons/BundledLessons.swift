/// The lessons in `lessons/`, compiled into the binary (see `scripts/embed-lessons`).
public enum BundledLessons {
    /// The lesson used when no `--lesson` is given.
    public static let defaultName = "default"

    /// Every bundled lesson's name, sorted.
    public static var names: [String] { texts.map(\.name) }

    /// The YAML text of the lesson called `name`.
    public static func yaml(named name: String) -> String? {
        texts.first { $0.name == name }?.yaml
    }

    /// The bundled lesson called `name`, parsed; errors name it `bundled:NAME`.
    public static func lesson(named name: String) throws(LessonError) -> Lesson? {
        guard let yaml = yaml(named: name) else { return nil }
        return try LessonParser.parse(yaml, file: "bundled:\(name)")
    }
}
