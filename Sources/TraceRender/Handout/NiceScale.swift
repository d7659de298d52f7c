import Foundation

/// Axis ticks at round numbers by Heckbert's "nice numbers" (Graphics Gems, 1990): the tick step
/// is 1, 2 or 5 × 10ᵏ, chosen so about `count` ticks cover the data, and the axis is extended
/// outwards to the ticks either side of the data.
///
/// ```
/// range = nice(high − low, round: false)
/// step  = nice(range / (count − 1), round: true)
/// axis  = [⌊low / step⌋·step, ⌈high / step⌉·step]
/// ```
struct NiceScale: Equatable {
    let low: Double
    let high: Double
    let step: Double

    init(low dataLow: Double, high dataHigh: Double, count: Int = 5) {
        var dataLow = dataLow, dataHigh = dataHigh
        if !(dataHigh - dataLow > 1e-12 * max(1, abs(dataHigh))) {
            let pad = max(abs(dataLow) * 0.05, 1e-12)
            dataLow -= pad
            dataHigh += pad
        }
        let range = Self.nice(dataHigh - dataLow, round: false)
        let step = Self.nice(range / Double(max(1, count - 1)), round: true)
        self.init(low: (dataLow / step).rounded(.down) * step, high: (dataHigh / step).rounded(.up) * step, step: step)
    }

    init(low: Double, high: Double, step: Double) {
        self.low = low
        self.high = high
        self.step = step
    }

    /// The tick values from `low` to `high`, each an integer multiple of `step` (rounded so
    /// that 0.1 + 0.2 prints as 0.3).
    var ticks: [Double] {
        let first = Int((low / step).rounded()), last = Int((high / step).rounded())
        return (first...max(first, last)).map { Self.clean(Double($0) * step, step: step) }
    }

    /// The same step over a wider range, for an axis that must match another's scale.
    func extended(toCover other: (low: Double, high: Double)) -> NiceScale {
        NiceScale(low: min(low, (other.low / step).rounded(.down) * step),
                  high: max(high, (other.high / step).rounded(.up) * step), step: step)
    }

    /// A number 1, 2, 5 or 10 × 10ᵏ near `x`: the nearest when `round`, else the smallest ≥ `x`.
    static func nice(_ x: Double, round: Bool) -> Double {
        let exponent = floor(log10(x))
        let power = pow(10, exponent)
        let fraction = x / power
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * power
    }

    /// `value` with the floating-point noise of `k·step` removed, to the step's own digits.
    static func clean(_ value: Double, step: Double) -> Double {
        let digits = max(0, -Int(floor(log10(step))) + 1)
        let scale = pow(10, Double(min(digits, 15)))
        let cleaned = (value * scale).rounded() / scale
        return cleaned == 0 ? 0 : cleaned
    }

    /// A tick's label, with as many decimals as the step has (0.05, 0.1, 40; never 4e+01).
    func label(_ value: Double) -> String {
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        let text = String(format: "%.\(min(decimals, 12))f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}

/// A logarithmic axis for positive values spanning decades: ticks at 1, 2 and 5 × 10ᵏ when it
/// spans few decades, at powers of ten when it spans more (every few powers over dozens of
/// decades: at multiples of that many, between the powers of ten either side of the values,
/// which are ticks too); the axis ends at a tick, within Double's range.
struct LogScale: Equatable {
    let low: Double
    let high: Double
    let ticks: [Double]

    /// `nil` unless every value is positive and they span at least `decades` decades.
    init?(values: [Double], decades: Double = 2) {
        let positive = values.filter { $0.isFinite }
        guard let lowest = positive.min(), let highest = positive.max(), lowest > 0,
              log10(highest / lowest) >= decades else { return nil }
        let lowDecade = floor(log10(lowest)), highDecade = min(ceil(log10(highest)), 308)
        let mantissas: [Double] = highDecade - lowDecade <= 3 ? [1, 2, 5] : [1]
        // Over many decades (a diverging run), a tick every few decades: between four and ten,
        // at multiples of `every`, and none closer than half of it to the ends.
        let decades = highDecade - lowDecade
        let every = decades > 10 ? max(1, Int(Self.niceDecades(decades / 8))) : 1
        var ticks: [Double] = []
        if every == 1 {
            for decade in Int(lowDecade)...Int(highDecade) {
                for m in mantissas { ticks.append(m * pow(10, Double(decade))) }
            }
        } else {
            let inner = stride(from: Int((lowDecade / Double(every)).rounded(.up)) * every, through: Int(highDecade), by: every)
                .filter { Double($0) - lowDecade >= Double(every) / 2 && highDecade - Double($0) >= Double(every) / 2 }
            ticks = ([Int(lowDecade)] + inner + [Int(highDecade)]).map { pow(10, Double($0)) }
        }
        // The axis ends at the last tick at or below the data and the first at or above it.
        let start = ticks.lastIndex { $0 <= lowest * (1 + 1e-12) } ?? 0
        let end = ticks.firstIndex { $0 >= highest * (1 - 1e-12) } ?? ticks.count - 1
        self.ticks = Array(ticks[start...end])
        self.low = self.ticks.first ?? lowest
        self.high = self.ticks.last ?? highest
    }

    /// 1, 2, 5, 10, 20, 50 … decades: the round number at or above `x` (Heckbert's rule).
    static func niceDecades(_ x: Double) -> Double { NiceScale.nice(x, round: false) }

    /// A tick's label: `0.02`, or `2·10⁻⁵` below 0.001 and above 10⁴.
    func label(_ value: Double) -> String {
        let exponent = Int(floor(log10(value) + 1e-9))
        if exponent < -3 || exponent > 4 {
            let mantissa = Int((value / pow(10, Double(exponent))).rounded())
            let superscripts: [Character: Character] = ["-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]
            let power = String(String(exponent).map { superscripts[$0] ?? $0 })
            return (mantissa == 1 ? "" : "\(mantissa)·") + "10" + power
        }
        return String(format: "%.\(max(0, -exponent))f", value)
    }
}
