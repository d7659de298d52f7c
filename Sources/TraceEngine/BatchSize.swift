/// How many samples make one update: all of them, or `B`.
public enum BatchSize: Sendable, Equatable, CustomStringConvertible {
    case full
    case samples(Int)

    /// The number of samples per batch for a data set of `sampleCount` samples.
    public func resolved(sampleCount: Int) -> Int {
        switch self {
        case .full: return sampleCount
        case let .samples(count): return count
        }
    }

    /// `full` or the number, as the lesson file and the command line write it.
    public var description: String {
        switch self {
        case .full: return "full"
        case let .samples(count): return String(count)
        }
    }
}
