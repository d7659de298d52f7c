import Foundation

/// An activation function `a = f(z)`, applied to each unit of a layer.
///
/// ```
/// identity  f(z) = z                 f′(z) = 1
/// sigmoid   f(z) = 1 / (1 + e^(−z))  f′(z) = a·(1 − a)
/// tanh      f(z) = tanh z            f′(z) = 1 − a²
/// relu      f(z) = max(0, z)         f′(z) = 1 if z > 0, else 0 (0 at z = 0)
/// ```
/// The derivative is written through `a` where the lecture does, so that the
/// numbers a handout shows are the ones a student computes by hand.
public enum Activation: String, CaseIterable, Sendable {
    case identity
    case sigmoid
    case tanh
    case relu

    /// `a = f(z)`.
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .sigmoid: return 1 / (1 + Foundation.exp(-z))
        case .tanh: return Foundation.tanh(z)
        case .relu: return z < 0 ? 0 : z  // keeps NaN, so divergence shows
        }
    }

    /// `f′(z)`, given both `z` and `a = f(z)`.
    @inlinable
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .identity: return 1
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        }
    }

}
