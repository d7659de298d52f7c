/// Which samples each update uses.
///
/// With `n` samples and batch size `B`, an epoch has `⌈n/B⌉` batches; batch `k` of an epoch takes
/// positions `k·B ..< min((k+1)·B, n)` of the epoch's order, so the last batch may be smaller.
/// The order is `1…n`, or, with a seed, a fresh Fisher–Yates shuffle at the start of every
/// epoch drawn from one ``Xoshiro256StarStar`` seeded once for the run.
public struct BatchSchedule: Sendable {
    /// One update's batch.
    public struct Batch: Sendable, Equatable {
        public var epoch: Int
        /// Sample numbers, 0-based, in batch order.
        public var sampleIndices: [Int]
    }

    public let sampleCount: Int
    public let batchSize: Int
    private var generator: Xoshiro256StarStar?
    private var order: [Int] = []
    private var epoch = 0
    private var batchInEpoch = 0

    public init(sampleCount: Int, batchSize: Int, shuffleSeed: UInt64?) {
        precondition(sampleCount > 0 && batchSize > 0 && batchSize <= sampleCount)
        self.sampleCount = sampleCount
        self.batchSize = batchSize
        self.generator = shuffleSeed.map(Xoshiro256StarStar.init(seed:))
        batchInEpoch = batchesPerEpoch
    }

    /// `⌈n/B⌉`.
    public var batchesPerEpoch: Int { (sampleCount + batchSize - 1) / batchSize }

    /// The next update's batch.
    public mutating func next() -> Batch {
        if batchInEpoch == batchesPerEpoch {
            epoch += 1
            batchInEpoch = 0
            // Unshuffled, the order is the same every epoch: made once.
            if order.count != sampleCount || generator != nil { order = Array(0..<sampleCount) }
            if var shuffler = generator {
                shuffler.shuffle(&order)
                generator = shuffler
            }
        }
        let start = batchInEpoch * batchSize
        let end = min(start + batchSize, sampleCount)
        batchInEpoch += 1
        // The full batch shares the order's storage: no array per step.
        return Batch(epoch: epoch, sampleIndices: start == 0 && end == sampleCount ? order : Array(order[start..<end]))
    }
}
