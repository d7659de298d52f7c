/// `--color auto|always|never`: whether the text output has escape codes.
///
/// `auto` (the default) colours only a terminal, and not when `NO_COLOR` is set to anything
/// but the empty string (no-color.org) or `TERM` is `dumb` (as git does); `always` and
/// `never` override both, as a flag given on the command line should.
package enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never

    /// Whether to colour, given whether the output is a terminal and the environment.
    package func isEnabled(outputIsTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return outputIsTerminal
        }
    }
}
