import TraceEngine

/// Which parameters get a worked example.
public enum Focus: Sendable, Equatable {
    /// One parameter, by name (`W2[1,1]`).
    case parameter(String)
    /// Every parameter.
    case all

    /// The parameters' flat indices (an unknown name falls back to the first parameter).
    func indices(in layout: ParameterLayout) -> [Int] {
        switch self {
        case .all: return Array(layout.roles.indices)
        case let .parameter(name): return [layout.index(named: name) ?? 0]
        }
    }
}
