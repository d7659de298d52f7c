import TraceEngine

/// Which parameters each schedule takes, their defaults, and how a schedule is built from them.
public enum ScheduleParameters {
    /// The parameters of the schedule called `name`.
    public static func symbols(for name: String) -> [Symbol] {
        switch name {
        case "step": return [.gamma, .every]
        case "cosine": return [.etaMin, .period]
        default: return []
        }
    }

    /// The schedule called `name` with `values`, defaults filling the rest:
    /// step γ = 0.5, K = 1; cosine η_min = 0, T = the number of steps.
    public static func schedule(named name: String, values: [Symbol: Double], steps: Int) -> LearningRateSchedule {
        switch name {
        case "step": return .step(gamma: values[.gamma] ?? 0.5, every: Int(values[.every] ?? 1))
        case "cosine": return .cosine(etaMin: values[.etaMin] ?? 0, period: Int(values[.period] ?? Double(max(1, steps))))
        default: return .constant
        }
    }
}
