import Foundation

/// The loss of one sample, `L(ŷ, y)` over its `K` outputs, and its derivative `∂L/∂ŷ_k`
/// (as equations that ``PassEvaluator`` runs and the writers draw: ``equation``, ``slope``).
///
/// ```
/// half_sse  L = ½·Σ_k (y_k − ŷ_k)²                          ∂L/∂ŷ_k = ŷ_k − y_k
/// mse       L = Σ_k (y_k − ŷ_k)² / K                        ∂L/∂ŷ_k = 2·(ŷ_k − y_k) / K
/// bce       L = −Σ_k [y_k·ln ŷ_k + (1 − y_k)·ln(1 − ŷ_k)]   ∂L/∂ŷ_k = (ŷ_k − y_k) / (ŷ_k·(1 − ŷ_k))
/// cross_entropy  L = −Σ_k y_k·ln ŷ_k                        ∂L/∂ŷ_k = −y_k / ŷ_k
/// ```
/// `bce` needs a sigmoid output layer, and then `δ = ∂L/∂ŷ·ŷ(1 − ŷ) = ŷ − y`, which the engine
/// uses directly: it stays finite where ŷ rounds to 0 or 1. The loss is infinite only when a
/// target is confidently wrong (ŷ = 1 for y = 0), which the engine reports as divergence.
///
/// `cross_entropy` needs a softmax output layer and one-hot targets, and then
/// `δ_k = Σ_j ∂L/∂ŷ_j·∂ŷ_j/∂z_k = −Σ_j y_j·([j = k] − ŷ_k) = ŷ_k·Σ_j y_j − y_k = ŷ_k − y_k`.
/// The engine uses that δ directly, and takes the loss from `z` as `ln Σ_j e^(z_j) − z_c`
/// (log-sum-exp, as PyTorch's `CrossEntropyLoss` does): the same value as `−ln ŷ_c`, but
/// finite even where ŷ_c rounds to 0 (z_c more than about 745 below the largest z).
public enum Loss: String, CaseIterable, Sendable {
    case halfSSE = "half_sse"
    case mse
    case bce
    case crossEntropy = "cross_entropy"

    /// The sample loss `L(ŷ, y)`, the terms added up in the order of the outputs.
    public func value<Prediction: Collection<Double>>(prediction: Prediction, target: [Double]) -> Double {
        switch self {
        case .halfSSE:
            var sum = 0.0
            for (p, y) in zip(prediction, target) {
                let error = y - p
                sum += error * error
            }
            return 0.5 * sum
        case .mse:
            var sum = 0.0
            for (p, y) in zip(prediction, target) {
                let error = y - p
                sum += error * error
            }
            return sum / Double(prediction.count)
        case .bce:
            // A term whose coefficient is 0 is 0, also where its logarithm is −∞ (a sigmoid
            // rounds to exactly 1 for z > 36.7): 0·ln 0 would be NaN.
            var sum = 0.0
            for (p, y) in zip(prediction, target) {
                if y != 0 { sum += y * Foundation.log(p) }
                if y != 1 { sum += (1 - y) * Foundation.log(1 - p) }
            }
            return -sum
        case .crossEntropy:
            // A term with y_k = 0 is 0, also where ŷ_k is 0 (0·ln 0 would be NaN).
            var sum = 0.0
            for (p, y) in zip(prediction, target) where y != 0 { sum += y * Foundation.log(p) }
            return -sum
        }
    }

    /// `∂L/∂ŷ_k` for output `k`.
    public func derivative(prediction p: Double, target y: Double, outputCount: Int) -> Double {
        switch self {
        case .halfSSE: return p - y
        case .mse: return 2 * (p - y) / Double(outputCount)
        case .bce: return (p - y) / (p * (1 - p))
        case .crossEntropy: return -y / p
        }
    }
}
