import TraceEngine

/// Small pieces of wording shared by the renderers.
public enum Wording {
    /// Where the optimizer's state starts: `state starts at 0`, or for AdaGrad from a given
    /// accumulator, `s starts at s₀ = 0.1`.
    static func stateStart(_ rule: UpdateRule, scalars: SymbolMap<Double>, number: (Double) -> String) -> String {
        let starts = rule.stateSymbols.compactMap { state in
            rule.initialState[state].map { "\(state.unicode) starts at \($0.unicode) = \(number(scalars[$0] ?? 0))" }
        }
        guard !starts.isEmpty else { return "state starts at 0" }
        let others = rule.stateSymbols.count > starts.count ? ", the rest of the state at 0" : ""
        return starts.joined(separator: ", ") + others
    }

    /// `1 sample`, `2 samples`; `plural` where adding `s` is wrong (`2 entries`).
    public static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
        "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}

extension Loss {
    /// The loss as a lecture names it (a lesson file's key, such as `half_sse`, is not for students).
    public var spokenName: String {
        switch self {
        case .halfSSE: return "half the sum of squared errors"
        case .mse: return "mean squared error"
        case .bce: return "binary cross-entropy"
        case .crossEntropy: return "cross-entropy"
        }
    }
}
