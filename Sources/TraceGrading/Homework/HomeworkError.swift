import TraceLessons

/// A homework that cannot be made as asked: where (in the lesson, if there), and what to do.
public struct HomeworkError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    /// When no draw gave a usable variant: why each draw was rejected, for the command line's
    /// advice (which flag asks fewer values), which `message` leaves out.
    public var rejections: [DrawProblem] = []

    public init(location: SourceLocation?, message: String, rejections: [DrawProblem] = []) {
        self.location = location
        self.message = message
        self.rejections = rejections
    }

    public var description: String { location.map { "\($0): \(message)" } ?? message }
}
