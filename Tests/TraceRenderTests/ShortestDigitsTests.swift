import Testing
import TraceRender

/// `ShortestDigits` against the standard library's own `Double.description`, byte for byte, on
/// the inputs where a shortest-digits writer goes wrong: boundaries of binades and of Swift's
/// notation switches, subnormals, powers of two and ten and their neighbours, short decimals,
/// integers, and random bit patterns.
@Suite struct ShortestDigitsTests {
    /// What `ShortestDigits.write` wrote for `x`.
    static func text(_ x: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDigits.maximumLength) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let count = ShortestDigits.write(x, to: base)
            return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }

    /// The values (and, unless told not to, their negatives) whose text differs from
    /// `description` or that wrote past `maximumLength`, at most 10, described; and how many
    /// values were compared. (Written for speed in a debug build: one buffer, no arrays.)
    static func mismatches(_ values: some Sequence<Double>, withNegatives: Bool = true) -> (failures: [String], compared: Int) {
        let guardByte: UInt8 = 0xA5
        let capacity = ShortestDigits.maximumLength + 8
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        buffer.initialize(repeating: guardByte, count: capacity)
        var failures: [String] = []
        var compared = 0
        func compare(_ x: Double) {
            compared += 1
            let count = ShortestDigits.write(x, to: buffer)
            var keptToBound = count <= ShortestDigits.maximumLength
            for i in ShortestDigits.maximumLength..<capacity where buffer[i] != guardByte {
                keptToBound = false
                buffer[i] = guardByte
            }
            var description = x.description
            let same = description.withUTF8 { utf8 in
                guard utf8.count == count else { return false }
                for i in 0..<count where utf8[i] != buffer[i] {
                    return false
                }
                return true
            }
            if same && keptToBound { return }
            if failures.count < 10 {
                let written = String(decoding: UnsafeBufferPointer(start: buffer, count: min(count, capacity)), as: UTF8.self)
                let hex = String(x.bitPattern, radix: 16)
                failures.append("0x\(hex): description \(description), written \(written)\(keptToBound ? "" : " (past maximumLength)")")
            }
        }
        for value in values where value.isFinite {
            compare(value)
            if withNegatives { compare(-value) }
        }
        return (failures, compared)
    }

    static func neighbours(of values: [Double]) -> [Double] {
        values.flatMap { [$0, $0.nextUp, $0.nextDown, $0.nextUp.nextUp, $0.nextDown.nextDown] }
    }

    /// The rules of `description` that `ShortestDigits` reproduces, found by experiment (Swift 6.3).
    /// Each literal is checked against `description` too, so a change in Swift shows here first.
    @Test func swiftsFormatRules() {
        let cases: [(Double, String)] = [
            (0, "0.0"), (-0.0, "-0.0"), (1, "1.0"), (-1, "-1.0"), (100, "100.0"), (0.5, "0.5"),
            (0.1 + 0.2, "0.30000000000000004"), (12345.678, "12345.678"), (-2.5, "-2.5"),
            // Decimal down to 1e-4; below, exponential with a signed two-digit exponent.
            (0.0001, "0.0001"), (0.00015, "0.00015"), (0.0001.nextDown, "9.999999999999999e-05"),
            (0.0001.nextUp, "0.00010000000000000002"), (1e-5, "1e-05"), (1.5e-5, "1.5e-05"),
            (1e-100, "1e-100"), (.leastNonzeroMagnitude, "5e-324"), (2.2250738585072014e-308, "2.2250738585072014e-308"),
            // Integers in decimal up to 2^53 inclusive; anything larger in exponential.
            (1e15, "1000000000000000.0"), (9007199254740991, "9007199254740991.0"),
            (9007199254740992, "9007199254740992.0"), (9007199254740994, "9.007199254740994e+15"),
            (1e16, "1e+16"), (1.5e16, "1.5e+16"), (1e22, "1e+22"), (1e100, "1e+100"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (123456789012345680, "1.2345678901234568e+17"),
            // The longest texts.
            (-2.2250738585072014e-308, "-2.2250738585072014e-308"), (-0.00012345678901234567, "-0.00012345678901234567"),
        ]
        for (x, expected) in cases {
            #expect(x.description == expected, "description of \(expected) changed")
            #expect(Self.text(x) == expected)
        }
        #expect(ShortestDigits.maximumLength == "-2.2250738585072014e-308".utf8.count)
    }

    @Test func zerosAndExtremes() {
        let values: [Double] = [
            0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .ulpOfOne,
            .pi, 1, 2, 10, 0.1,
        ]
        let (failures, _) = Self.mismatches(Self.neighbours(of: values))
        #expect(failures.isEmpty, "\(failures)")
        #expect(Self.text(-0.0) == "-0.0")
    }

    @Test func everyPowerOfTwoAndItsNeighbours() {
        // 2^-1074 (the least subnormal) ... 2^1023: every binade's boundary, where the gap below
        // is half the gap above, and every subnormal power of two.
        let powers = (-1074...1023).map { Double(sign: .plus, exponent: $0, significand: 1) }
        #expect(powers.first == .leastNonzeroMagnitude)
        let (failures, compared) = Self.mismatches(Self.neighbours(of: powers))
        #expect(failures.isEmpty, "\(failures)")
        #expect(compared == 2098 * 5 * 2)
    }

    @Test func everyPowerOfTenAndItsNeighbours() throws {
        var powers: [Double] = []
        for p in -323...308 {
            powers.append(try #require(Double("1e\(p)")))
        }
        let (failures, compared) = Self.mismatches(Self.neighbours(of: powers))
        #expect(failures.isEmpty, "\(failures)")
        #expect(compared == 632 * 5 * 2)
    }

    /// Where Swift switches between decimal and exponential: the exponent of the first digit
    /// reaching -5 (about 1e-4), and |x| passing 2^53 (not 1e16).
    @Test func notationBoundaries() {
        var values: [Double] = []
        for center in [0.0001, 0.00001, 0.001, 9007199254740992, 1e16, 1e15, 18014398509481984, 1e17] {
            var up = center
            var down = center
            for _ in 0..<2_000 {
                values.append(up)
                values.append(down)
                up = up.nextUp
                down = down.nextDown
            }
        }
        // The last decimals and first exponentials by value: 0.0000999..., 0.000099995.
        values += [0.000099995, 0.00009999999999999999, 0.0000999999999999999, 9.9999e-5, 1.00001e-4]
        let (failures, _) = Self.mismatches(values)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func integers() {
        var values = (0...10_000).map(Double.init)
        for k in 0...64 {
            let power = Double(sign: .plus, exponent: k, significand: 1)
            for j in stride(from: -20.0, through: 20.0, by: 1) {
                values.append(power + j)
            }
        }
        var power = 1.0
        for _ in 0...22 {
            for j in stride(from: -20.0, through: 20.0, by: 1) {
                values.append(power + j)
                values.append(power * 7 + j)
            }
            power *= 10
        }
        values += [Double(Int64.max), Double(Int64.min), Double(UInt64.max), 4503599627370496.5, 4503599627370495.5]
        var random = SplitMix64Bits(seed: 7)
        for _ in 0..<20_000 {
            values.append(Double(random.next() >> 11))  // integers below 2^53
            values.append(Double(random.next() >> UInt64(random.next() % 64)))
        }
        let (failures, _) = Self.mismatches(values)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// k / 10^j: the decimals people type, which have short texts far shorter than 17 digits.
    @Test func shortDecimals() {
        var values: [Double] = []
        var power = 1.0
        for _ in 1...8 {
            power *= 10
            for k in 0..<2_000 {
                values.append(Double(k) / power)
            }
        }
        var random = SplitMix64Bits(seed: 11)
        power = 1
        var powers: [Double] = []
        for _ in 0...22 {
            powers.append(power)  // exact up to 1e22, so k / 10^j is correctly rounded
            power *= 10
        }
        for _ in 0..<50_000 {
            let digits = Double(random.next() % 1_000_000_000)
            let scale = powers[Int(random.next() % 23)]
            values.append(digits / scale)
            values.append(digits * scale)
        }
        let (failures, _) = Self.mismatches(values)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// The least and the greatest subnormals, every one, and random ones.
    @Test func subnormals() {
        var values: [Double] = []
        for bits in UInt64(1)...50_000 {
            values.append(Double(bitPattern: bits))
            values.append(Double(bitPattern: 0x0010_0000_0000_0000 - bits))
        }
        var random = SplitMix64Bits(seed: 13)
        for _ in 0..<50_000 {
            values.append(Double(bitPattern: random.next() & 0x000F_FFFF_FFFF_FFFF))
        }
        let (failures, _) = Self.mismatches(values)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Values like a training trace's: losses, weights and gradients in 1e-8...1 with 16 or 17
    /// significant digits.
    @Test func traceLikeValues() {
        var random = SplitMix64Bits(seed: 17)
        var values: [Double] = []
        var powers: [Double] = [1]
        for _ in 1...8 {
            powers.append(powers[powers.count - 1] * 10)
        }
        for _ in 0..<200_000 {
            let unit = Double(random.next() >> 11) * 0x1p-53  // [0, 1), 53 random bits
            values.append(unit / powers[Int(random.next() % 9)])
        }
        let (failures, _) = Self.mismatches(values)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// 2,000,000 random bit patterns: both signs, all exponents alike. (100,000,000 were
    /// compared once, in a release build, outside the tests.)
    @Test func randomBitPatterns() {
        var random = SplitMix64Bits(seed: 2026)
        let values = (0..<2_000_000).lazy.map { _ in Double(bitPattern: random.next()) }
        let (failures, compared) = Self.mismatches(values, withNegatives: false)
        #expect(failures.isEmpty, "\(failures)")
        #expect(compared > 1_995_000)  // the non-finite patterns, 1 in 2048, are skipped
    }

    @Test func appendAddsTheSameBytes() {
        var bytes = Array("x=".utf8)
        ShortestDigits.append(0.1, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        ShortestDigits.append(-1e-5, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        ShortestDigits.append(9007199254740992, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x=0.1,-1e-05,9007199254740992.0")
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a fixed-seed source of bit patterns.
private struct SplitMix64Bits {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
