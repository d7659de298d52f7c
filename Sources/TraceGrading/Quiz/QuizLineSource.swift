/// What a quiz reads next from the student.
public enum QuizLine: Sendable, Equatable {
    /// One line, without its line break.
    case text(String)
    /// End of input (Ctrl-D at a terminal, the end of piped answers).
    case end
    /// Ctrl-C.
    case interrupted
}

/// Where a quiz's lines come from: standard input in `trace quiz`, a list in tests.
public protocol QuizLineSource {
    mutating func next() -> QuizLine
}

/// Lines given in advance, then the end of input (or an interrupt, if `endsInterrupted`).
public struct QuizLineList: QuizLineSource {
    private var lines: [String]
    private var position = 0
    public var endsInterrupted = false

    public init(_ lines: [String], endsInterrupted: Bool = false) {
        self.lines = lines
        self.endsInterrupted = endsInterrupted
    }

    public mutating func next() -> QuizLine {
        guard position < lines.count else { return endsInterrupted ? .interrupted : .end }
        position += 1
        return .text(lines[position - 1])
    }
}
