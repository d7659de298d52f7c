import TraceEngine
import TraceLessons
import TraceRender

/// Everything `trace <optimizer>` was asked, already parsed from the command line.
public struct RunRequest: Sendable {
    public var lesson: String?
    public var settings: RunSettings
    public var format: OutputFormat = .text
    /// The paper HTML and LaTeX are laid out for.
    public var paper: Paper = .a4
    /// Every update in full, or the first worked and the rest as one table (md, html, latex).
    public var detail: Detail = .full
    public var outputPath: String?
    public var precision: Int = 4
    /// A parameter name, or `all`; `nil` for the default (the first parameter).
    public var focus: String?
    /// `--width`: the columns text output fits in; `nil` for the terminal's, else 80.
    public var width: Int?
    public var color: ColorChoice = .auto

    public init(settings: RunSettings) {
        self.settings = settings
    }
}
