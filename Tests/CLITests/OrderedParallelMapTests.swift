import Synchronization
import Testing
import TraceTool

/// `OrderedParallelMap` hands results on in the elements' order, whatever order the cores
/// finish in, and starts no chunk after `consume` throws.
@Suite struct OrderedParallelMapTests {
    struct Stop: Error, Equatable { var at: Int }

    @Test func resultsComeInTheElementsOrder() {
        let elements = Array(0..<103)
        var seen: [Int] = []
        OrderedParallelMap.forEach(elements) { n in
            // Later elements finish first within a chunk.
            var spin = 0
            for k in 0..<((103 - n) * 2_000) { spin &+= k }
            return n * n + (spin == -1 ? 1 : 0)
        } consume: { seen.append($0) }
        #expect(seen == elements.map { $0 * $0 })
    }

    @Test func noChunkStartsAfterAFailure() {
        let transformed = Atomic<Int>(0)
        let chunk = OrderedParallelMap.chunkSize
        #expect(throws: Stop(at: 3)) {
            try OrderedParallelMap.forEach(Array(0..<(chunk * 5))) { n in
                transformed.add(1, ordering: .relaxed)
                return n
            } consume: { (n: Int) throws(Stop) in
                if n == 3 { throw Stop(at: n) }
            }
        }
        #expect(transformed.load(ordering: .relaxed) == chunk)
    }

    @Test func nothingToDo() {
        var calls = 0
        OrderedParallelMap.forEach([Int]()) { $0 } consume: { _ in calls += 1 }
        #expect(calls == 0)
    }
}
