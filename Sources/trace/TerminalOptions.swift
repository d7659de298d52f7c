import ArgumentParser
import TraceRender
import TraceTool

/// `--width` and `--color`: how text output fits and looks on a terminal.
struct TerminalOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Columns every text line fits in (at least \(TextLayout.minimumWidth); default: the terminal's, else \(TextLayout.defaultWidth)).",
            valueName: "N"))
    var width: Int?

    @Option(help: ArgumentHelp("Colour in text output: auto (a terminal only, not with NO_COLOR or TERM=dumb), always or never.", valueName: "auto|always|never"))
    var color: ColorChoice = .auto

    func validate() throws {
        if let width, width < TextLayout.minimumWidth {
            throw ValidationError("--width must be at least \(TextLayout.minimumWidth) columns, not \(width)")
        }
    }
}
