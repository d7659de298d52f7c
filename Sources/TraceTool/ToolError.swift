/// A failure the command line reports as one line on standard error, with its exit status.
public struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Exit status 2: bad usage or a bad lesson. 1: anything else.
    public var exitCode: Int32
    public var message: String

    public static func usage(_ message: String) -> ToolError { ToolError(exitCode: 2, message: message) }
    public static func failure(_ message: String) -> ToolError { ToolError(exitCode: 1, message: message) }

    public var description: String { message }
}
