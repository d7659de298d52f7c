/// The instructor's key is wrong: grading cannot start (exit status 2).
public struct KeyError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var message: String

    public var description: String { "\(file): \(message)" }
}
