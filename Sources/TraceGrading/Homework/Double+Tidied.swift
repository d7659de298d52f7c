import Foundation

extension Double {
    /// The value rounded to 12 significant digits: `0.001·3` becomes `0.003`.
    var tidied: Double {
        Double(String(format: "%.12g", self)) ?? self
    }
}
