import TraceLessons

/// `trace lessons`: one line per bundled lesson, its name, then its title.
public enum LessonList {
    public static func lines() throws -> [String] {
        let names = BundledLessons.names
        let width = names.map(\.count).max() ?? 0
        return try names.map { name in
            let title = try BundledLessons.lesson(named: name)?.title ?? ""
            return name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + title
        }
    }
}
