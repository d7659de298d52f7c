import Foundation

/// The loss of one sample, `L(ŷ, y)` over its `K` outputs, and its derivative `∂L/∂ŷ_k`.
///
/// ```
/// half_sse  L = ½·Σ_k (y_k − ŷ_k)²                          ∂L/∂ŷ_k = ŷ_k − y_k
/// mse       L = Σ_k (y_k − ŷ_k)² / K                        ∂L/∂ŷ_k = 2·(ŷ_k − y_k) / K
/// bce       L = −Σ_k [y_k·ln ŷ_k + (1 − y_k)·ln(1 − ŷ_k)]   ∂L/∂ŷ_k = (ŷ_k − y_k) / (ŷ_k·(1 − ŷ_k))
/// ```
/// `bce` needs `0 < ŷ < 1` (a sigmoid output layer): at ŷ = 0 or 1 it is infinite,
/// which the engine reports as divergence.
public enum Loss: String, CaseIterable, Sendable {
    case halfSSE = "half_sse"
    case mse
    case bce

    /// The sample loss `L(ŷ, y)`.
    public func value(prediction: [Double], target: [Double]) -> Double {
        switch self {
        case .halfSSE:
            var sum = 0.0
            for k in prediction.indices {
                let error = target[k] - prediction[k]
                sum += error * error
            }
            return 0.5 * sum
        case .mse:
            var sum = 0.0
            for k in prediction.indices {
                let error = target[k] - prediction[k]
                sum += error * error
            }
            return sum / Double(prediction.count)
        case .bce:
            var sum = 0.0
            for k in prediction.indices {
                let y = target[k], p = prediction[k]
                sum += y * Foundation.log(p) + (1 - y) * Foundation.log(1 - p)
            }
            return -sum
        }
    }

    /// `∂L/∂ŷ_k` for output `k`.
    public func derivative(prediction p: Double, target y: Double, outputCount: Int) -> Double {
        switch self {
        case .halfSSE: return p - y
        case .mse: return 2 * (p - y) / Double(outputCount)
        case .bce: return (p - y) / (p * (1 - p))
        }
    }

    /// The loss as a formula, for handouts.
    public var formula: String {
        switch self {
        case .halfSSE: return "L = ½·Σₖ (yₖ − ŷₖ)²"
        case .mse: return "L = (1/K)·Σₖ (yₖ − ŷₖ)²"
        case .bce: return "L = −Σₖ [yₖ·ln ŷₖ + (1 − yₖ)·ln(1 − ŷₖ)]"
        }
    }
}
