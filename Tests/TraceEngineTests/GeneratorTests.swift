import Testing
import TraceEngine

/// The seeded generator against published vectors.
@Suite struct GeneratorTests {
    /// Rosetta Code, "Pseudo-random numbers/Splitmix64": seed 1234567.
    @Test func splitMix64MatchesPublishedVector() {
        var generator = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ]
        #expect((0..<5).map { _ in generator.next() } == expected)
    }

    /// The reference C implementation (xoshiro256starstar.c) started from state {1, 2, 3, 4}.
    @Test func xoshiroMatchesReferenceImplementation() {
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240]
        #expect((0..<4).map { _ in generator.next() } == expected)
    }

    @Test func uniformStaysBelowItsBoundAndShuffleKeepsEveryElement() {
        var generator = Xoshiro256StarStar(seed: 42)
        for bound in [1, 2, 3, 7, 1000] as [UInt64] {
            for _ in 0..<200 { #expect(generator.uniform(below: bound) < bound) }
        }
        var numbers = Array(0..<50)
        generator.shuffle(&numbers)
        #expect(numbers.sorted() == Array(0..<50))
        #expect(numbers != Array(0..<50))
    }
}
