import TraceEngine
import TraceLessons
import TraceRender

/// Everything `trace <optimizer>` was asked, already parsed from the command line.
package struct RunRequest: Sendable {
    package var lesson: String?
    package var settings: RunSettings
    package var format: OutputFormat = .text
    /// The paper HTML and LaTeX are laid out for.
    package var paper: Paper = .a4
    /// Every update in full, or the first worked and the rest as one table (md, html, latex).
    package var detail: Detail = .full
    package var outputPath: String?
    package var precision: Int = 4
    /// A parameter name, or `all`; `nil` for the default (the first parameter).
    package var focus: String?
    /// `--width`: the columns text output fits in; `nil` for the terminal's, else 80.
    package var width: Int?
    package var color: ColorChoice = .auto

    package init(settings: RunSettings) {
        self.settings = settings
    }
}
