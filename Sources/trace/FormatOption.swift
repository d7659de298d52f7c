import ArgumentParser
import TraceRender

/// `--format` of a command that writes some of the formats: the parser takes exactly the
/// command's `formats` (and its `unlisted` ones), and `--help`, the parser's error, its
/// did-you-mean and the completion scripts list exactly `formats`, in their order.
protocol FormatOption: ExpressibleByArgument {
    /// The formats the command writes, as it lists them.
    static var formats: [OutputFormat] { get }
    /// Formats taken but not listed, for the command to refuse in its own words.
    static var unlisted: [OutputFormat] { get }
    var format: OutputFormat { get }
    init(format: OutputFormat)
}

extension FormatOption {
    static var unlisted: [OutputFormat] { [] }

    init?(argument: String) {
        guard let format = OutputFormat(rawValue: argument), (Self.formats + Self.unlisted).contains(format) else { return nil }
        self.init(format: format)
    }

    var defaultValueDescription: String { format.rawValue }
    static var allValueStrings: [String] { formats.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
