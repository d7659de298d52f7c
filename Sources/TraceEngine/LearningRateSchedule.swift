/// How the learning rate changes with the update `t` (from 1), written as one equation.
///
/// ```
/// constant  η_t = η
/// step      η_t = η·γ^⌊(t − 1)/K⌋
/// cosine    η_t = η_min + ½·(η − η_min)·(1 + cos(π·min(t − 1, T)/T))
///           (so η_t = η_min once t − 1 ≥ T)
/// ```
public enum LearningRateSchedule: Sendable, Equatable {
    case constant
    case step(gamma: Double, every: Int)
    case cosine(etaMin: Double, period: Int)

    /// The name used by `--schedule` and the lesson's `schedule: name:`.
    public var name: String {
        switch self {
        case .constant: return "constant"
        case .step: return "step"
        case .cosine: return "cosine"
        }
    }

    public static let names = ["constant", "step", "cosine"]

    /// The schedule's own parameters, in display order.
    public var parameters: [(symbol: Symbol, value: Double)] {
        switch self {
        case .constant: return []
        case let .step(gamma, every): return [(.gamma, gamma), (.every, Double(every))]
        case let .cosine(etaMin, period): return [(.etaMin, etaMin), (.period, Double(period))]
        }
    }

    /// `η_t ← …`, or `nil` for a constant rate.
    public var equation: Equation? {
        typealias E = Expression
        let η = E.symbol(.eta), t = E.symbol(.t)
        switch self {
        case .constant:
            return nil
        case .step:
            return Equation(.etaT, η * E.pow(.symbol(.gamma), .floor((t - 1) / .symbol(.every))))
        case .cosine:
            let ηmin = E.symbol(.etaMin), T = E.symbol(.period)
            return Equation(.etaT, ηmin + (1 / 2) * (η - ηmin) * (1 + .cosine(.pi * .minimum(t - 1, T) / T)))
        }
    }
}
