/// xoshiro256** (Blackman and Vigna 2018): the project's one seeded generator.
///
/// Every random choice (shuffles today; initial weights and homework variants later) draws
/// from it, so a seed gives the same bytes on every machine. The state is four successive
/// outputs of ``SplitMix64`` seeded with the seed.
/// ```
/// result ← rotl(s1·5, 7)·9
/// t ← s1 ≪ 17;  s2 ⊕= s0;  s3 ⊕= s1;  s1 ⊕= s2;  s0 ⊕= s3;  s2 ⊕= t;  s3 ← rotl(s3, 45)
/// ```
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    public init(seed: UInt64) {
        var seeder = SplitMix64(seed: seed)
        s0 = seeder.next()
        s1 = seeder.next()
        s2 = seeder.next()
        s3 = seeder.next()
    }

    /// Starts from a raw state, as the reference implementation's published vectors do.
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform integer in `0..<bound`, without modulo bias.
    ///
    /// ```
    /// threshold = (2⁶⁴ − bound) mod bound
    /// repeat r ← next() until r ≥ threshold;  return r mod bound
    /// ```
    /// Written out rather than taken from the standard library, whose algorithm may change.
    public mutating func uniform(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "uniform(below:) needs a positive bound")
        let threshold = (0 &- bound) % bound
        while true {
            let r = next()
            if r >= threshold { return r % bound }
        }
    }

    /// Shuffles `array` in place by Fisher–Yates: for i from n−1 down to 1, swap i with uniform(i+1).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, through: 1, by: -1) {
            let j = Int(uniform(below: UInt64(i + 1)))
            array.swapAt(i, j)
        }
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
