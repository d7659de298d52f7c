/// A failure the command line reports as one line on standard error, with its exit status.
import TraceLessons

package struct ToolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Exit status 2: bad usage or a bad lesson. 1: anything else.
    package var exitCode: Int32
    package var message: String
    /// The message starts with `FILE:LINE:COLUMN:` and is printed as it is, the way
    /// compilers do and the contract shows; other messages are prefixed with `trace: `.
    package var isLocated = false

    package static func usage(_ message: String) -> ToolError { ToolError(exitCode: 2, message: message) }
    package static func failure(_ message: String) -> ToolError { ToolError(exitCode: 1, message: message) }

    /// A bad lesson: exit status 2, the line `FILE:LINE:COLUMN: what is wrong`.
    package static func lesson(_ error: LessonError) -> ToolError {
        ToolError(exitCode: 2, message: error.description, isLocated: true)
    }

    package var description: String { message }
}
