import Dispatch
import Foundation

/// Work on every core, results in order: `transform` runs on a chunk of elements at a time,
/// spread over the processor's cores, and `consume` receives each result on the calling
/// thread in the elements' order, a chunk before the next is started.
///
/// What each element gives depends on that element only, so the results (and whatever
/// `consume` writes) are the same bytes as one element after another; at most one chunk of
/// results is held at a time, so memory does not grow with the number of elements. After
/// `consume` throws, no further chunk is started.
package enum OrderedParallelMap {
    /// Elements per chunk: four for each core, so that a slow element rarely leaves a core
    /// idle, counting at most 8 cores, so that a large machine holds a few dozen results at a
    /// time (a student's key alone is about 1 MB at the lesson limits).
    package static var chunkSize: Int { min(max(1, ProcessInfo.processInfo.activeProcessorCount), 8) * 4 }

    package static func forEach<Element: Sendable, Output: Sendable, Failure: Error>(
        _ elements: [Element],
        transform: @escaping @Sendable (Element) -> Output,
        consume: (Output) throws(Failure) -> Void
    ) throws(Failure) {
        let chunkSize = chunkSize
        var start = elements.startIndex
        while start < elements.endIndex {
            let chunk = Array(elements[start..<min(start + chunkSize, elements.endIndex)])
            let outputs = Slots<Output>(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in outputs[i] = transform(chunk[i]) }
            for i in chunk.indices { try consume(outputs[i]) }
            start += chunk.count
        }
    }

    /// One result per element of a chunk, each set once by the thread that made it.
    private final class Slots<Output: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Output?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        subscript(i: Int) -> Output {
            get {
                lock.withLock {
                    guard let value = values[i] else { preconditionFailure("every element of the chunk was transformed") }
                    return value
                }
            }
            set { lock.withLock { values[i] = newValue } }
        }
    }
}
