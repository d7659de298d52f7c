import ArgumentParser
import TraceLessons
import TraceTool

/// `trace lessons`: the bundled lessons, one per line, name then title.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons", abstract: "List the bundled lessons (use one with --lesson NAME).")

    @OptionGroup var terminal: TerminalOptions

    func validate() throws {
        try terminal.validate()
    }

    func run() throws {
        TraceCLI.run { output in
            let text = try TraceCLI.standardOutputTerminal.textSettings(width: terminal.width, color: terminal.color, toFile: false)
            for line in try LessonList.lines(width: text.layout.width) { try output.write(line + "\n") }
        }
    }
}
