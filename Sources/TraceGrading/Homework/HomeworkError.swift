import TraceLessons

/// A homework that cannot be made as asked: where (in the lesson, if there), and what to do.
public struct HomeworkError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
