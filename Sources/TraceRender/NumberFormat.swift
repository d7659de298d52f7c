import CSignificant
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

    /// Appends ``full(_:)``'s text to `bytes` as UTF-8, without making a `String`: the
    /// streamed writers' way of writing numbers (``ShortestDigits`` writes the same text as
    /// `description`).
    public static func appendFull(_ x: Double, to bytes: inout [UInt8]) {
        if x.isFinite {
            ShortestDigits.append(x, to: &bytes)
        } else {
            bytes.append(contentsOf: full(x).utf8)
        }
    }

    /// Appends ``json(_:)``'s text to `bytes` as UTF-8, without making a `String`.
    public static func appendJSON(_ x: Double, to bytes: inout [UInt8]) {
        if x.isFinite {
            ShortestDigits.append(x, to: &bytes)
        } else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: full(x).utf8)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends the decimal digits of `n` (with a `-` if negative), as `String(n)` writes them.
    public static func appendInteger(_ n: Int, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        // The digits from the last, into 24 bytes (enough for any Int), then appended at once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { room in
            var magnitude = n.magnitude
            var start = room.count
            repeat {
                start -= 1
                room[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: room[start...]))
        }
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

    /// `x` to `digits` significant digits with its trailing zeros kept (`%#g`, without a
    /// bare trailing point), for a table column whose numbers line up by digit: `0.1200`
    /// beside `0.1234`, `1.000`, `7744`, `4.648e+04`; zero is `0.000` whatever its sign (as
    /// ``significant(_:digits:)`` writes `-0.0` as `0`); `nan`, `inf`, `-inf` as in ``full(_:)``.
    ///
    /// Written by `snprintf` through `CSignificant`, as ``significant(_:digits:)`` is: the text
    /// trace writes a table cell this way for every value of every step.
    public static func column(_ x: Double, digits: Int) -> String {
        if !x.isFinite { return full(x) }
        let x = x == 0 ? 0 : x
        let precision = CInt(min(max(1, digits), 17))
        let text = printed { trace_format_column($0, $1, precision, x) } ?? String(format: "%#.\(precision)g", x)
        return text.hasSuffix(".") ? String(text.dropLast()) : text
    }

    /// `x` to `digits` significant digits, trailing zeros dropped (`%g`): `0.00822`, `1e-08`.
    ///
    /// Written by the C library's `snprintf` (through `CSignificant`, one C function) into a
    /// stack buffer: `String(format:)` goes through Foundation's string formatting, and
    /// `withVaList` looks up each argument's conformance at run time; each was most of the
    /// time a long text trace took. The process never calls `setlocale`, so the decimal point
    /// is always `.`.
    public static func significant(_ x: Double, digits: Int) -> String {
        if !x.isFinite { return full(x) }
        if x == 0 { return "0" }
        let precision = CInt(min(max(1, digits), 17))
        return printed { trace_format_significant($0, $1, precision, x) } ?? String(format: "%.\(precision)g", x)
    }

    /// `x` with `decimals` digits after the point (`%.*f`): `12.0`, `-0.5`, a drawing's
    /// coordinate. Written by `snprintf` through `CSignificant`, as ``significant(_:digits:)``
    /// is (the text `String(format:)` gives, without its cost); `nan`, `inf` and numbers too long
    /// for its buffer by `String(format:)` itself.
    static func fixed(_ x: Double, decimals: Int) -> String {
        let precision = CInt(min(max(0, decimals), 17))
        guard x.isFinite, let text = printed({ trace_format_fixed($0, $1, precision, x) }) else {
            return String(format: "%.\(precision)f", x)
        }
        return text
    }

    /// What a `CSignificant` function writes into a 32-byte buffer on the stack (given the
    /// buffer and its size), or `nil` where it needs more room.
    private static func printed(_ write: (UnsafeMutablePointer<CChar>, Int) -> CInt) -> String? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer in
            guard let base = buffer.baseAddress else { return nil }
            let count = write(base, 32)
            guard count > 0, count < 32 else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(count)), as: UTF8.self)
        }
    }
}
