import Foundation
import Testing
import TraceEngine
@testable import TraceRender

@Suite struct NumberFormatTests {
    /// The contract's own examples of "the shortest text that reads back as the same double".
    @Test func fullPrecisionMatchesTheContractExamples() {
        #expect(NumberFormat.full(0.00043856773447434685) == "0.00043856773447434685")
        #expect(NumberFormat.full(4.3856773447434674e-05) == "4.3856773447434674e-05")
        #expect(NumberFormat.full(1e-08) == "1e-08")
        #expect(NumberFormat.full(0.001) == "0.001")
        #expect(NumberFormat.full(0.2983711087600027) == "0.2983711087600027")
    }

    /// `ours` against Foundation's String(format:) with `%.<precision><conversion>` (the same
    /// printf conversion, by another route) at 20,000 random doubles of either sign, binary
    /// exponent in `exponents`, precision in `precisions`.
    static func expectPrintf(
        _ conversion: String, exponents: ClosedRange<Int>, precisions: ClosedRange<Int>, _ ours: (Double, Int) -> String
    ) {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = Double(sign: Bool.random(using: &random) ? .minus : .plus,
                           exponent: Int.random(in: exponents, using: &random),
                           significand: Double.random(in: 1..<2, using: &random))
            let precision = Int.random(in: precisions, using: &random)
            #expect(ours(x, precision) == String(format: "%.\(precision)\(conversion)", x), "\(x) to \(precision)")
        }
    }

    @Test func significantDigitsMatchPrintfG() {
        Self.expectPrintf("g", exponents: -70...70, precisions: 1...17) { NumberFormat.significant($0, digits: $1) }
        #expect(NumberFormat.significant(0.00822, digits: 4) == "0.00822")
        #expect(NumberFormat.significant(1e-08, digits: 4) == "1e-08")
        #expect(NumberFormat.significant(-0.5, digits: 4) == "-0.5")
    }

    @Test func fixedDecimalsMatchPrintfF() {
        Self.expectPrintf("f", exponents: -20...40, precisions: 0...6) { NumberFormat.fixed($0, decimals: $1) }
        #expect(NumberFormat.fixed(12, decimals: 1) == "12.0")
        #expect(NumberFormat.fixed(-0.04, decimals: 1) == "-0.0")
        #expect(NumberFormat.fixed(0.25, decimals: 1) == "0.2")
        #expect(NumberFormat.fixed(1e300, decimals: 1) == String(format: "%.1f", 1e300))
        #expect(NumberFormat.fixed(.nan, decimals: 1) == String(format: "%.1f", Double.nan))
    }

    @Test func exactNumbersAsAPersonWritesThem() {
        #expect(NumberFormat.exact(0) == "0")
        #expect(NumberFormat.exact(-0.5) == "-0.5")
        #expect(NumberFormat.exact(2) == "2")
        #expect(NumberFormat.exact(1e-08) == "1e-08")
        #expect(NumberFormat.exact(0.0005) == "0.0005")
    }

    @Test func fullPrecisionRoundTrips() {
        var generator = Xoshiro256StarStar(seed: 2026)
        for _ in 0..<10_000 {
            let x = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF)
            #expect(Double(NumberFormat.full(x)) == x)
        }
    }

    @Test func nonFiniteValuesAreJSONStrings() {
        #expect(NumberFormat.json(.nan) == "\"nan\"")
        #expect(NumberFormat.json(.infinity) == "\"inf\"")
        #expect(NumberFormat.json(-.infinity) == "\"-inf\"")
        #expect(NumberFormat.json(0.5) == "0.5")
    }

    /// The byte writers give the same text as the String ones (`String(n)`, ``NumberFormat/json(_:)``).
    @Test func byteWritersMatchTheStringOnes() {
        for n in [0, 7, -7, 10, 1234567890, -1234567890, Int.max, Int.min] {
            var bytes: [UInt8] = [UInt8(ascii: "x")]
            NumberFormat.appendInteger(n, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "x" + String(n))
        }
        for x in [0.0, -0.0, 0.1, -2.5e-300, 1e16, .nan, .infinity, -.infinity, Double.leastNonzeroMagnitude] {
            var bytes: [UInt8] = []
            NumberFormat.appendJSON(x, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == NumberFormat.json(x))
        }
    }

    @Test func significantDigits() {
        #expect(NumberFormat.significant(0.0082167041, digits: 4) == "0.008217")
        #expect(NumberFormat.significant(1e-8, digits: 4) == "1e-08")
        #expect(NumberFormat.significant(0.9, digits: 4) == "0.9")
        #expect(NumberFormat.significant(-0.0, digits: 4) == "0")
        #expect(NumberFormat.significant(123456, digits: 3) == "1.23e+05")
    }

    @Test func jsonStringsEscapeEverythingThatMustBe() throws {
        let hostile = "quote \" backslash \\ newline \n tab \t bell \u{7} nul \u{0} sep \u{2028} <script> é"
        let text = "[" + JSONText.string(hostile) + "]"
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
        #expect(parsed == [hostile])
        #expect(!text.contains("\n"))
    }

    /// A table column keeps trailing zeros to the precision, so its numbers line up by digit.
    @Test(arguments: [
        (0.12, "0.1200"), (0.1234, "0.1234"), (1.0, "1.000"), (7744.0, "7744"), (46480.0, "4.648e+04"),
        (-0.0226, "-0.02260"), (0.0, "0.000"), (-0.0, "0.000"), (0.099996, "0.1000"), (Double.nan, "nan"), (-Double.infinity, "-inf"),
    ])
    func columnKeepsTrailingZeros(_ x: Double, _ expected: String) {
        #expect(NumberFormat.column(x, digits: 4) == expected)
    }
}
