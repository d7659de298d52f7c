import Foundation

/// Hand-friendly numbers: values on a decimal grid, made exactly as a person writes them.
///
/// `min + k·step` is computed in whole units of 10⁻ᵈ (d ≤ 6, the decimals that min and step
/// need; the lesson parser allows no more, and no value beyond ±10⁶) and divided once by
/// 10ᵈ, so 0.3 is the double nearest 0.3, not 0.1 + 0.2.
struct DecimalGrid {
    let first: Int64
    let step: Int64
    let count: Int
    let scale: Double

    init(min: Double, max: Double, step: Double) {
        let decimals = (0...6).first { d in
            [min, step].allSatisfy { x in
                let scaled = x * pow(10, Double(d))
                return abs(scaled - scaled.rounded()) <= 1e-9 * Swift.max(1, abs(scaled))
            }
        } ?? 6
        scale = pow(10, Double(decimals))
        first = Int64((min * scale).rounded())
        self.step = Swift.max(1, Int64((step * scale).rounded()))
        let last = Int64((max * scale).rounded())
        count = Int((last - first) / self.step) + 1
    }

    /// The `k`-th value, from 0.
    func value(_ k: Int) -> Double {
        Double(first + Int64(k) * step) / scale
    }
}
