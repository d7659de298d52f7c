import Foundation

/// How numbers are written: in full for machines, to N significant digits for people.
public enum NumberFormat {
    /// The shortest text that reads back as the same double (`0.1`, `4.3856773447434674e-05`,
    /// `1e-08`), or `nan`, `inf`, `-inf`.
    public static func full(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return x.description
    }

    /// A number as a person writes it, exactly: the shortest round-trip text without a
    /// trailing `.0` (`0`, `-0.5`, `1e-08`).
    public static func exact(_ x: Double) -> String {
        let text = full(x)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A JSON value: the shortest round-trip number, or the string `"nan"`, `"inf"`, `"-inf"`,
    /// so that the file stays strict JSON.
    public static func json(_ x: Double) -> String {
        x.isFinite ? x.description : "\"\(full(x))\""
    }

    /// `x` to `digits` significant digits, trailing zeros dropped (`%g`): `0.00822`, `1e-08`.
    public static func significant(_ x: Double, digits: Int) -> String {
        if !x.isFinite { return full(x) }
        if x == 0 { return "0" }
        return String(format: "%.\(max(1, digits))g", x)
    }
}
