import Foundation
import TraceEngine

/// Hands each record to another sink on a thread of its own, so that the engine computes the
/// next steps while the last ones are formatted and written. On two cores a long streamed
/// run takes about as long as the slower of the two, not their sum.
///
/// Records go over in batches of `batchSize` (one lock per batch, not per record; a waiting
/// side is woken only when two batches wait for it or half the queue is free), and one
/// writer thread takes the batches in order, so the output is byte for byte what the sink
/// writes in line. At most `batchSize · queuedBatches` records wait at a time,
/// so memory stays flat however long the run. The first error the sink throws is thrown by
/// a later `record` (or by `finish`), which stops the run.
public final class BackgroundSink<Base: TraceSink & SendableMetatype>: TraceSink, @unchecked Sendable {
    // Unchecked because the checker cannot see the hand-over: `base` is used by the calling
    // thread before the writer starts (`begin`) and after it has stopped (`finish`), and by the
    // writer thread in between; `filling` only by the calling thread; everything else under
    // `condition`.
    private var base: Base
    private let batchSize: Int
    private let queuedBatches: Int
    private let condition = NSCondition()
    private var filling: [StepRecord] = []
    private var queue: [[StepRecord]] = []
    /// Batches the writer is done with: freed by the calling thread, which allocated them
    /// (freeing them on the writer thread was slower: malloc frees across threads slowly).
    private var spent: [[StepRecord]] = []
    private var closed = false
    private var writerStopped = false
    /// Who is waiting on `condition`: each side wakes the other only when it waits, and then
    /// only once half the queue's room is free (or two batches wait), not after every batch:
    /// on a virtual machine a wake-up costs several microseconds of each thread's time.
    private var producerWaits = false
    private var writerWaits = false
    private var failure: (any Error)?

    /// Passes records on to `base` in batches of `batchSize`, keeping at most `queuedBatches`
    /// batches waiting.
    public init(_ base: Base, batchSize: Int = 128, queuedBatches: Int = 4) {
        self.base = base
        self.batchSize = max(1, batchSize)
        self.queuedBatches = max(1, queuedBatches)
        filling.reserveCapacity(self.batchSize)
    }

    public var readsSamples: Bool { base.readsSamples }

    public func begin(_ run: RunDescription) throws {
        try base.begin(run)
        Thread { [self] in writeBatches() }.start()
    }

    public func record(_ step: StepRecord) throws {
        filling.append(step)
        if filling.count >= batchSize { try handOver() }
    }

    public func finish(_ outcome: RunOutcome) throws {
        if !filling.isEmpty { try handOver() }
        condition.lock()
        closed = true
        condition.broadcast()
        while !writerStopped { condition.wait() }
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
        try base.finish(outcome)
    }

    /// Queues the batch being filled, waiting while the queue is full; throws the writer's error.
    private func handOver() throws {
        var done: [[StepRecord]] = []
        condition.lock()
        while queue.count >= queuedBatches && failure == nil {
            producerWaits = true
            condition.wait()
            producerWaits = false
        }
        if let failure {
            condition.unlock()
            throw failure
        }
        queue.append(filling)
        swap(&done, &spent)
        if writerWaits && queue.count >= min(2, queuedBatches) { condition.broadcast() }
        condition.unlock()
        filling = []
        filling.reserveCapacity(batchSize)
        done.removeAll()  // the written records are freed here, outside the lock
    }

    /// The writer thread: takes the batches in order until `finish` closes the queue and it
    /// is empty, or the sink throws.
    private func writeBatches() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed {
                writerWaits = true
                condition.wait()
                writerWaits = false
            }
            guard !queue.isEmpty else {
                writerStopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue.removeFirst()
            if producerWaits && queue.count <= queuedBatches / 2 { condition.broadcast() }
            condition.unlock()
            do {
                for step in batch { try base.record(step) }
                condition.lock()
                spent.append(batch)
                condition.unlock()
            } catch {
                condition.lock()
                failure = error
                writerStopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }
}
