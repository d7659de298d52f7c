/// The text of a finite `Double` exactly as Swift's `Double.description` writes it, written
/// into a caller's byte buffer instead of a new `String`.
///
/// ## The digits: Schubfach
///
/// The significant digits come from Schubfach: Raffaello Giulietti, "The Schubfach way to
/// render doubles" (2020, revised 2021), the algorithm behind `Double.toString` since JDK 19.
/// For `v = c * 2^q` it takes `k = floor(log10(2^q))` (`floor(log10(3/4 * 2^q))` when
/// `c = 2^52` and `q > -1074`: a power of two, where the gap to the next double below is half
/// the gap above), computes `4 * v * 10^-k` and the same for the two rounding boundaries,
/// rounded to odd, with one 64 x 126-bit multiplication each (the powers of ten are in
/// `ShortestDigits+Table.swift`, written by
/// `Tests/Fixtures/reference/make_shortest_digits_table.py`), and then picks:
/// the one multiple of `10^(k+1)` in the rounding interval if there is one (this is the
/// shortest decimal, once trailing zeros are dropped), else the member of `{s, s + 1} * 10^k`
/// in the interval that is closer to `v`, even on a tie. The interval is closed when `c` is
/// even (a decimal on the boundary reads back, by round-half-even, as `v`) and open when odd.
///
/// That is the same choice `description` makes (shortest digits that read back as `v`; of
/// those, the closest to `v`; even on a tie), by another algorithm (the standard library's
/// is a modified Grisu2), so the digits agree. One change from the JDK's
/// code, whose only purpose there is Java's format of at least two digits: the JDK computes
/// the two least subnormals as `10c * 2^q * 10^-1` and tests `10^(k+1)` only when `s >= 100`;
/// here neither, so `5e-324` comes out as Swift writes it, not as `4.9E-324`. Integers below
/// 2^52 take Schubfach's fast path (the paper's section 8.3): their digits are the integer.
///
/// ## The text: Swift's rules (found by experiment against `description`, Swift 6.3)
///
/// With the shortest digits `d1 d2 ... dn` (no trailing zeros) and the decimal exponent `E`
/// of the first digit (`v = d1.d2...dn * 10^E`):
///
/// - Exponential form when `E < -4` (below about `1e-4`: `0.0001` but `9.999e-05`) or when
///   `|v| > 2^53` (`9007199254740992.0` but `9.007199254740994e+15`, `1e+16`): the first
///   digit, then `.` and the rest only if `n > 1` (`1e-05`, `5e-324`, `1.5e+300`), then `e`,
///   always a sign (`e+16`, `e-05`), and at least two exponent digits (`e-05`, `e+100`).
/// - Otherwise, when `E < 0`: `0.` and `-E - 1` zeros before the digits (`0.00015`).
/// - Otherwise, when there are digits after the point: the point after `E + 1` digits
///   (`12345.678`).
/// - Otherwise an integer: the digits, `E + 1 - n` zeros, and `.0` (`100.0`,
///   `1000000000000000.0`).
/// - Zero is `0.0` and `-0.0`; any negative number gets a leading `-`.
///
/// NaN and the infinities are the caller's (they have no shortest digits, and their text
/// differs between writers): `write` requires a finite number.
public enum ShortestDigits {
    /// The most bytes `write` ever writes, and so the room the buffer must have:
    /// `-2.2250738585072014e-308` is 24 bytes, the longest text (`-` plus 17 digits, `.`, `e`,
    /// the exponent's sign and 3 digits). The decimal forms are at most 23
    /// (`-0.00012345678901234567`).
    public static let maximumLength = 24

    /// Writes the text of `x` (as `x.description`) at `buffer` and returns its length in bytes.
    ///
    /// `buffer` must have room for ``maximumLength`` bytes: besides the text, the bytes after it
    /// up to ``maximumLength`` may be overwritten (digits are stored eight at a time); nothing
    /// at or past `buffer + maximumLength` is touched. `x` must be finite.
    public static func write(_ x: Double, to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        precondition(x.isFinite, "ShortestDigits.write needs a finite number; NaN and infinity are the caller's")
        let bits = x.bitPattern
        let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
        // A "-" always: a positive number's text starts at buffer[0] and writes over it.
        buffer[0] = UInt8(ascii: "-")
        let sign = Int(truncatingIfNeeded: bits >> 63)
        // 0x4340000000000000 is 2^53: Swift writes anything larger in exponential form.
        let forceExponential = magnitude > 0x4340_0000_0000_0000
        let biasedExponent = Int(truncatingIfNeeded: magnitude >> 52)
        let fraction = magnitude & 0x000F_FFFF_FFFF_FFFF
        let c: UInt64
        let q: Int
        if _fastPath(biasedExponent != 0) {
            c = fraction | 0x0010_0000_0000_0000
            q = biasedExponent &- 1075
            // The fast path (the paper's section 8.3): an integer below 2^52 (q < 0) is its own digits.
            if q < 0 && q > -53 {
                let shift = UInt64(truncatingIfNeeded: 0 &- q)
                let integer = c >> shift
                if integer << shift == c {
                    return format(digits: integer, exponent: 0, sign: sign, forceExponential: false, to: buffer)
                }
            }
        } else {
            if magnitude == 0 {
                buffer[sign] = UInt8(ascii: "0")
                buffer[sign + 1] = UInt8(ascii: ".")
                buffer[sign + 2] = UInt8(ascii: "0")
                return sign + 3
            }
            c = fraction  // subnormal: c * 2^-1074
            q = -1074
        }
        let decimal = schubfach(c: c, q: q)
        if _slowPath(biasedExponent == 0) {
            return format(digits: decimal.digits, exponent: decimal.exponent, sign: sign,
                          forceExponential: false, to: buffer)
        }
        // A normal number's `digits` has 16 or 17 digits (see `schubfach`): scaled to 17 with
        // one comparison, where a subnormal's or an integer's need their length worked out.
        let isLong = decimal.digits >= 10_000_000_000_000_000
        return format(scaled: isLong ? decimal.digits : decimal.digits &* 10,
                      exponent: decimal.exponent &+ (isLong ? 16 : 15),
                      sign: sign, forceExponential: forceExponential, to: buffer)
    }

    /// Appends the text of `x` (as `x.description`) to `bytes`. `x` must be finite.
    public static func append(_ x: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { scratch in
            guard let base = scratch.baseAddress else { return }
            let count = write(x, to: base)
            bytes.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        }
    }

    // MARK: - Schubfach

    /// Schubfach's choice for `v = c * 2^q` (the paper's figure 7 with the arithmetic of
    /// figure 9): the result is `digits * 10^exponent`, and `digits` may end in zeros.
    ///
    /// For a normal number (`c >= 2^52`) `digits` has 16 or 17 digits: `k` is chosen so that
    /// `10^k <= 2^q < 10^(k+1)` (`10^k <= 3/4 * 2^q < 10^(k+1)` when `c = 2^52`), so
    /// `v * 10^-k` is in `[c, 10c)`, within `[4/3 * 2^52, 40/3 * 2^52)` when `c = 2^52`, all in
    /// `[4.5 * 10^15, 9.01 * 10^16)`; the candidates below are that number's floor, ceiling or a
    /// multiple of ten next to it, all in `[10^15, 10^17)`.
    @inline(__always)
    private static func schubfach(c: UInt64, q: Int) -> (digits: UInt64, exponent: Int) {
        // The interval of reals that read back as v is [vl, vr] for even c, (vl, vr) for odd,
        // with vl = cbl * 2^(q-2), vr = cbr * 2^(q-2) and v = cb * 2^(q-2). (c < 2^53, so
        // none of this arithmetic wraps.)
        let out: UInt64 = c & 1
        let cb = c &<< 2
        let cbr = cb &+ 2
        let cbl: UInt64
        let k: Int
        if _fastPath(c != 0x0010_0000_0000_0000 || q == -1074) {
            cbl = cb &- 2
            k = floorLog10Pow2(q)
        } else {
            // The least significand of a binade: the gap below is half the gap above.
            cbl = cb &- 1
            k = floorLog10ThreeQuartersPow2(q)
        }
        let h = q &+ floorLog2Pow10(0 &- k) &+ 2  // 2...5: cbr << h stays below 2^60

        let index = 2 &* (0 &- k &- powersOfTenMinimumExponent)
        let g1 = powersOfTen[index]
        let g0 = powersOfTen[index &+ 1]

        // 4 * v * 10^-k and the two boundaries, as integers rounded to odd.
        let vb = roundToOdd(g1, g0, cb &<< h)
        let vbl = roundToOdd(g1, g0, cbl &<< h)
        let vbr = roundToOdd(g1, g0, cbr &<< h)

        let s = vb >> 2  // floor(v * 10^-k)

        // At most one multiple of 10^(k+1) lies in the interval; if one does, it is the
        // shortest decimal there. Otherwise s * 10^k or (s + 1) * 10^k, whichever lies in the
        // interval, or the closer to v if both do (even on a tie). Random numbers take each
        // way often (a multiple of 10^(k+1) is in the interval for about half of them), so
        // all the tests are made and the answer is picked by selects, not by branches that
        // would be mispredicted.
        let sp10 = (s / 10) &* 10
        let tp10 = sp10 &+ 10
        let upin = vbl &+ out <= sp10 &<< 2
        let wpin = (tp10 &<< 2) &+ out <= vbr
        let t = s &+ 1
        let uin = vbl &+ out <= s &<< 2
        let win = (t &<< 2) &+ out <= vbr
        // Away from s when v is past the midpoint 4 * (s + 1/2), or on it with s odd.
        let away = vb &+ (s & 1) > (s &+ t) &<< 1
        // t when t alone is in the interval, or when both are (the paper rules out neither)
        // and v is nearer t. (One condition: `uin != win ? win : away` compiled to a branch.)
        let pickT = (win && !uin) || (win == uin && away)
        let one = pickT ? t : s
        let multiple = wpin ? tp10 : sp10
        return (upin != wpin ? multiple : one, k)
    }

    /// `cp * g * 2^-127`, rounded to odd (the integer part, with its lowest bit set when there is
    /// a fraction), for `g = g1 * 2^63 + g0`: the paper's `r_o'` (section 9.9), which is exact
    /// enough for every comparison Schubfach makes.
    @inline(__always)
    private static func roundToOdd(_ g1: UInt64, _ g0: UInt64, _ cp: UInt64) -> UInt64 {
        let x1 = g0.multipliedFullWidth(by: cp).high  // g0 < 2^63, so x1 < 2^63
        let y = g1.multipliedFullWidth(by: cp)
        let z = (y.low >> 1) &+ x1  // both below 2^63: no carry out
        let integer = y.high &+ (z >> 63)
        let fraction = z & 0x7FFF_FFFF_FFFF_FFFF
        return integer | ((fraction &+ 0x7FFF_FFFF_FFFF_FFFF) >> 63)
    }

    /// floor(log10(2^q)); checked exact over q = -1074...971 by the table's script, as are the two below.
    @inline(__always)
    private static func floorLog10Pow2(_ q: Int) -> Int {
        (q &* 661_971_961_083) >> 41
    }

    /// floor(log10(3/4 * 2^q)).
    @inline(__always)
    private static func floorLog10ThreeQuartersPow2(_ q: Int) -> Int {
        (q &* 661_971_961_083 &- 274_743_187_321) >> 41
    }

    /// floor(log2(10^e)).
    @inline(__always)
    private static func floorLog2Pow10(_ e: Int) -> Int {
        (e &* 913_124_641_741) >> 38
    }

    // MARK: - Text

    /// 10^0 ... 10^17.
    private static let powersOf10: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000,
        10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000,
    ]

    /// `digits * 10^exponent` (1 <= digits < 10^17, of any length: a subnormal's or an
    /// integer's) in Swift's form at `buffer`, after the sign when `sign` is 1; returns the end.
    /// The digits are scaled to exactly 17 and written by `format(scaled:...)`.
    @inline(never)
    private static func format(digits: UInt64, exponent: Int, sign: Int, forceExponential: Bool,
                               to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        let bits = 64 - digits.leadingZeroBitCount    // 2^(bits-1) <= digits < 2^bits
        let guess = floorLog10Pow2(bits)              // so digits has guess or guess + 1 digits
        let length = digits >= powersOf10[guess] ? guess + 1 : guess
        return format(scaled: digits &* powersOf10[17 - length],  // 10^16 <= scaled < 10^17
                      exponent: exponent + length - 1,            // the exponent of the first digit
                      sign: sign, forceExponential: forceExponential, to: buffer)
    }

    /// `scaled * 10^(e - 16)` (10^16 <= scaled < 10^17: exactly 17 digits, the first of exponent
    /// `e`) in Swift's form at `buffer`, after the sign when `sign` is 1; returns the end.
    ///
    /// The 17 digits are `d1`, then two blocks of 8 converted at once; the trailing zeros that
    /// are not part of the text are counted without a loop, and the integers' zeros before
    /// `.0` are already in place. The digits are worked out before any branch on the form.
    @inline(__always)
    private static func format(scaled: UInt64, exponent e: Int, sign: Int, forceExponential: Bool,
                               to buffer: UnsafeMutablePointer<UInt8>) -> Int {
        // The first digit and the first nine are both divided out of `scaled`, side by side.
        let first = scaled / 10_000_000_000_000_000
        let upper = scaled / 100_000_000
        let middle = digitBytes(upper &- first &* 100_000_000)      // digits 2...9
        let last = digitBytes(scaled &- upper &* 100_000_000)       // digits 10...17
        // The significant digits: the last digit byte that is not 0 (the first digit never is).
        let count: Int
        if last != 0 {
            count = 17 &- last.leadingZeroBitCount / 8
        } else if middle != 0 {
            count = 9 &- middle.leadingZeroBitCount / 8
        } else {
            count = 1
        }
        let firstDigit = UInt8(truncatingIfNeeded: first) &+ 0x30
        let middleText = (middle &+ 0x3030_3030_3030_3030).littleEndian
        let lastText = (last &+ 0x3030_3030_3030_3030).littleEndian
        let raw = UnsafeMutableRawPointer(buffer)

        if forceExponential || e < -4 {
            // "d.ddde-XX": the 17 digits after "d.", then the exponent over the zeros.
            buffer[sign] = firstDigit
            buffer[sign + 1] = UInt8(ascii: ".")
            raw.storeBytes(of: middleText, toByteOffset: sign + 2, as: UInt64.self)
            raw.storeBytes(of: lastText, toByteOffset: sign + 10, as: UInt64.self)
            let end = count > 1 ? sign + 1 + count : sign + 1
            let exponentSign: UInt32 = e < 0 ? 0x2D : 0x2B              // "-", "+"
            let magnitude = UInt32(truncatingIfNeeded: e < 0 ? 0 &- e : e)  // 5...324
            if _fastPath(magnitude < 100) {
                // "e-05" in one store: x * 103 >> 10 == x / 10 for x < 100.
                let tens = (magnitude &* 103) >> 10
                let ones = magnitude &- tens &* 10
                let text = 0x65 | exponentSign << 8 | (tens &+ 0x30) << 16 | (ones &+ 0x30) << 24
                raw.storeBytes(of: text.littleEndian, toByteOffset: end, as: UInt32.self)
                return end + 4
            }
            // "e-100": x * 5243 >> 19 == x / 100 for every x in 0...324.
            let hundreds = (magnitude &* 5243) >> 19
            let tensAndOnes = magnitude &- hundreds &* 100
            let tens = (tensAndOnes &* 103) >> 10
            let ones = tensAndOnes &- tens &* 10
            let text = 0x65 | exponentSign << 8 | (hundreds &+ 0x30) << 16 | (tens &+ 0x30) << 24
            raw.storeBytes(of: text.littleEndian, toByteOffset: end, as: UInt32.self)
            buffer[end + 4] = UInt8(truncatingIfNeeded: ones) &+ 0x30
            return end + 5
        }
        if e < 0 {
            // "0.000ddd": "0." and -e - 1 zeros (e is -4...-1), then the digits.
            raw.storeBytes(of: UInt64(0x3030_3030_3030_2E30).littleEndian, toByteOffset: sign, as: UInt64.self)
            let start = sign + 1 - e
            buffer[start] = firstDigit
            raw.storeBytes(of: middleText, toByteOffset: start + 1, as: UInt64.self)
            raw.storeBytes(of: lastText, toByteOffset: start + 9, as: UInt64.self)
            return start + count
        }
        if count <= e + 1 {
            // An integer (e is at most 15 here, as |v| <= 2^53): its digits, whose zeros the
            // 17-digit scaling already wrote, then ".0".
            buffer[sign] = firstDigit
            raw.storeBytes(of: middleText, toByteOffset: sign + 1, as: UInt64.self)
            raw.storeBytes(of: lastText, toByteOffset: sign + 9, as: UInt64.self)
            buffer[sign + e + 1] = UInt8(ascii: ".")
            buffer[sign + e + 2] = UInt8(ascii: "0")
            return sign + e + 3
        }
        // "123.456": the digits one place right, then the e + 1 before the point moved back
        // ("1.5" is already in place: the layout of "1.5e+16").
        buffer[sign + 1] = firstDigit
        raw.storeBytes(of: middleText, toByteOffset: sign + 2, as: UInt64.self)
        raw.storeBytes(of: lastText, toByteOffset: sign + 10, as: UInt64.self)
        var i = sign
        while i <= sign + e {
            buffer[i] = buffer[i + 1]
            i += 1
        }
        buffer[sign + e + 1] = UInt8(ascii: ".")
        return sign + 1 + count
    }

    /// The eight decimal digits of `n` < 10^8 (leading zeros included) as the bytes 0...9 of a
    /// `UInt64`, the first digit in the lowest byte: split into two halves of 4 digits, then
    /// 4 pairs, then 8 single digits, all lanes at once.
    ///
    /// Each split puts `x / d` in the low half of a lane and `x - (x / d) * d` in the high
    /// half, computed as `(x << w) - (x / d) * (d << w - 1)` for the half's width `w`: the same
    /// number (the halves do not overlap, and the lanes' values are small enough that no bit
    /// leaves the word), one multiplication and one subtraction after the quotient.
    @inline(__always)
    private static func digitBytes(_ n: UInt64) -> UInt64 {
        // n * 109951163 >> 40 == n / 10^4 for n < 10^8 (109951163 = ceil(2^40 / 10^4)).
        let upper = (n &* 109_951_163) >> 40
        // Two 32-bit lanes of values < 10^4: upper, then n - 10^4 * upper.
        let fours = (n &<< 32) &- upper &* 0x0000_270F_FFFF_FFFF        // 10^4 << 32 - 1
        // x * 10486 >> 20 == x / 100 for x < 10^4.
        let hundreds = ((fours &* 10486) >> 20) & 0x0000_007F_0000_007F
        // Four 16-bit lanes of values < 100.
        let pairs = (fours &<< 16) &- hundreds &* 0x0063_FFFF           // 100 << 16 - 1
        // x * 103 >> 10 == x / 10 for x < 100.
        let tens = ((pairs &* 103) >> 10) & 0x000F_000F_000F_000F
        return (pairs &<< 8) &- tens &* 0x09FF                          // 10 << 8 - 1
    }
}
