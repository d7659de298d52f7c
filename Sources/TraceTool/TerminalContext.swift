import TraceRender

/// What a command knows of where its standard output goes: a terminal's width (or none) and
/// the environment, from which `--width` and `--color` are resolved.
package struct TerminalContext: Sendable {
    /// Whether standard output is a terminal.
    package var isTerminal: Bool
    /// The terminal's columns, or `nil` when it does not say.
    package var columns: Int?
    package var environment: [String: String]

    /// Not a terminal, no environment: what tests and piped output get.
    package static let none = TerminalContext(isTerminal: false, columns: nil, environment: [:])

    package init(isTerminal: Bool, columns: Int?, environment: [String: String]) {
        self.isTerminal = isTerminal
        self.columns = columns
        self.environment = environment
    }

    /// Standard output's terminal, if it is one, and this process's environment.
    package static func standardOutput(environment: [String: String]) -> TerminalContext {
        TerminalContext(isTerminal: Terminal.isTerminal(1), columns: Terminal.columns(1), environment: environment)
    }

    /// The layout and style for text: `width` if given (at least ``TextLayout/minimumWidth``),
    /// else the terminal's (when writing to it), else 80; colour as ``ColorChoice`` says,
    /// never into a file unless `always`.
    package func textSettings(width: Int?, color: ColorChoice, toFile: Bool) throws(ToolError) -> (layout: TextLayout, style: TextStyle) {
        try Self.checkWidth(width)
        let toTerminal = isTerminal && !toFile
        let terminalColumns = toTerminal ? columns : nil
        let layout = TextLayout(width: width ?? terminalColumns.map { max($0, TextLayout.minimumWidth) } ?? TextLayout.defaultWidth)
        let style = TextStyle(isEnabled: color.isEnabled(outputIsTerminal: toTerminal, environment: environment))
        return (layout, style)
    }

    /// `--width` below the minimum is bad usage.
    package static func checkWidth(_ width: Int?) throws(ToolError) {
        if let width, width < TextLayout.minimumWidth {
            throw .usage("--width must be at least \(TextLayout.minimumWidth) columns, not \(width)")
        }
    }
}
