import Foundation

/// An activation function `a = f(z)`, applied to each unit of a layer.
///
/// ```
/// identity  f(z) = z                 f′(z) = 1
/// sigmoid   f(z) = 1 / (1 + e^(−z))  f′(z) = a·(1 − a)
/// tanh      f(z) = tanh z            f′(z) = 1 − a²
/// relu      f(z) = max(0, z)         f′(z) = 1 if z > 0, else 0 (0 at z = 0)
/// softmax   a_k = e^(z_k) / Σ_j e^(z_j)   (of the whole layer; last layer, with cross-entropy)
/// ```
/// The derivative is written through `a` where the lecture does, so that the
/// numbers a handout shows are the ones a student computes by hand. The same, as equations
/// that ``PassEvaluator`` runs and the writers draw: ``equation`` and ``slope``.
///
/// Softmax is not a function of one unit: ``softmax(_:)`` computes a layer's `a` from all of
/// its `z`. With cross-entropy the output layer's `δ = ŷ − y` (see ``Loss``), so its Jacobian
/// `∂a_k/∂z_j = a_k·([k = j] − a_j)` is never needed as such.
public enum Activation: String, CaseIterable, Sendable {
    case identity
    case sigmoid
    case tanh
    case relu
    case softmax

    /// Whether `a_j` depends on `z_j` alone (every activation but softmax).
    public var isElementwise: Bool { self != .softmax }

    /// `a = f(z)`.
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .identity: return z
        case .sigmoid: return 1 / (1 + Foundation.exp(-z))
        case .tanh: return Foundation.tanh(z)
        case .relu: return z < 0 ? 0 : z  // keeps NaN, so divergence shows
        // One unit alone: a layer of one softmax unit gives 1 (the parser refuses it).
        case .softmax: return z.isNaN ? z : 1
        }
    }

    /// The values `a` takes for every `z` far enough out, in floating point: σ(z) is exactly 1
    /// from z ≈ 37 on and 0 below z ≈ −745, tanh is ±1 from |z| ≈ 19, ReLU is 0 for every
    /// z < 0, a softmax unit 0 or 1 when one z is far above the others. Identity has none.
    public var limits: [Double] {
        switch self {
        case .identity: return []
        case .sigmoid, .softmax: return [0, 1]
        case .tanh: return [-1, 1]
        case .relu: return [0]
        }
    }

    /// A softmax layer's `a` from its `z`, in place: `a_k = e^(z_k − m) / Σ_j e^(z_j − m)` with
    /// `m = max_j z_j`, which is the same value as `e^(z_k) / Σ_j e^(z_j)` but cannot overflow
    /// (the largest term is e⁰ = 1, so the sum is at least 1).
    @inlinable
    public static func softmax(_ z: UnsafeBufferPointer<Double>, into a: UnsafeMutableBufferPointer<Double>) {
        var largest = -Double.infinity
        for value in z where value > largest || value.isNaN { largest = value }
        var sum = 0.0
        for k in z.indices {
            a[k] = Foundation.exp(z[k] - largest)
            sum += a[k]
        }
        for k in z.indices { a[k] /= sum }
    }

    /// `ln Σ_j e^(z_j)`, computed as `m + ln Σ_j e^(z_j − m)` with `m = max_j z_j` (finite for
    /// finite z): the cross-entropy of a softmax output is `L = ln Σ_j e^(z_j) − z_c`.
    @inlinable
    public static func logSumExp(_ z: UnsafeBufferPointer<Double>) -> Double {
        var largest = -Double.infinity
        for value in z where value > largest || value.isNaN { largest = value }
        if !largest.isFinite { return largest }
        var sum = 0.0
        for value in z { sum += Foundation.exp(value - largest) }
        return largest + Foundation.log(sum)
    }

    /// `f′(z)`, given both `z` and `a = f(z)`.
    @inlinable
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .identity: return 1
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        // The Jacobian's diagonal ∂a_k/∂z_k; with cross-entropy δ = ŷ − y is used instead.
        case .softmax: return a * (1 - a)
        }
    }

}
