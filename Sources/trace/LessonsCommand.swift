import ArgumentParser
import TraceLessons
import TraceTool

/// `trace lessons`: the bundled lessons, one per line, name then title.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "List the bundled lessons (use one with --lesson NAME).")

    func run() throws {
        TraceCLI.run { output in
            for line in try LessonList.lines() { try output.write(line + "\n") }
        }
    }
}
