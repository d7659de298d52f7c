import Foundation

/// Collects output in chunks and hands each full chunk to a thread of its own, which writes it
/// to `base`: the thread that formats never waits in `write(2)`.
///
/// Writing a 36 MB trace into the page cache costs the kernel about 10 ms; on the formatting
/// thread that time adds to the run, on a thread of its own it fills time in which the
/// engine's thread would wait. Chunks are written in order, so the bytes are those `base`
/// would get directly. At most `chunkCount` chunks exist at a time (memory stays flat); a
/// writer that has filled them all waits for one to come back. The first error `base` throws
/// is thrown by a later `write` or by `flush`.
///
/// One thread at a time may use the output (``BackgroundSink`` hands it over with its
/// records). The chunk thread starts with the first full chunk and ends in `flush` or
/// `cancel`; one of them must be called before `base` is closed.
public final class WriteBehindOutput: TraceOutput, @unchecked Sendable {
    // Unchecked because the checker cannot see the hand-over: `current`, `used` and `room`
    // belong to the calling thread; `base` to the chunk thread while it runs and to the caller
    // once `flush` or `cancel` has waited for it to end; the rest is under `condition`.
    private let base: TraceOutput
    private let chunkSize: Int
    private let chunkCount: Int
    private let condition = NSCondition()
    /// The chunk being filled: `used` of its `room` bytes so far.
    private var current: UnsafeMutableRawBufferPointer?
    private var used = 0
    /// Chunks waiting to be written (with their lengths), in order; written chunks come back
    /// in `free` to be filled again. `made` counts every chunk allocated.
    private var full: [(chunk: UnsafeMutableRawBufferPointer, count: Int)] = []
    private var free: [UnsafeMutableRawBufferPointer] = []
    private var made: [UnsafeMutableRawBufferPointer] = []
    private var threadRunning = false
    private var stopping = false
    private var failure: (any Error)?

    /// Writes to `base` in chunks of `chunkSize` bytes, at most `chunkCount` of them at a time.
    public init(_ base: TraceOutput, chunkSize: Int = 1 << 18, chunkCount: Int = 4) {
        self.base = base
        self.chunkSize = max(1, chunkSize)
        self.chunkCount = max(2, chunkCount)
    }

    deinit {
        for chunk in made { chunk.deallocate() }
    }

    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try append(UnsafeRawBufferPointer($0)) }
    }

    public func write(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    public func write(buffer: UnsafeRawBufferPointer) throws {
        try append(buffer)
    }

    public func write(reserving maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) throws {
        let chunk = try room(for: maximumCount)
        let written = body(chunk.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt8.self) + used)
        precondition((0...maximumCount).contains(written), "wrote more than it reserved")
        used += written
    }

    /// Waits until every full chunk is written, then writes the rest and flushes `base`.
    public func flush() throws {
        try stopThread()
        if let chunk = current, used > 0 {
            let pending = used
            used = 0
            try base.write(buffer: UnsafeRawBufferPointer(rebasing: chunk[0..<pending]))
        }
        try base.flush()
    }

    /// Drops what is not yet written and waits for the chunk thread to end (after an error
    /// elsewhere, before `base` is closed). Nothing more is written.
    public func cancel() {
        condition.lock()
        full.removeAll()
        condition.unlock()
        used = 0
        try? stopThread()
    }

    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        let chunk = try room(for: bytes.count)
        if let from = bytes.baseAddress, bytes.count > 0 {
            (chunk.baseAddress.unsafelyUnwrapped + used).copyMemory(from: from, byteCount: bytes.count)
        }
        used += bytes.count
    }

    /// The current chunk, once it has room for `needed` more bytes: a full one is handed over
    /// first, and a block larger than a chunk gets a chunk of its own size.
    private func room(for needed: Int) throws -> UnsafeMutableRawBufferPointer {
        if let chunk = current {
            if used + needed <= chunk.count { return chunk }
            current = nil
            if used > 0 {
                try handOver(chunk, count: used)
            } else {
                giveBack(chunk)
            }
            used = 0
        }
        let chunk = try takeChunk(size: max(needed, chunkSize))
        current = chunk
        return chunk
    }

    /// Returns an empty chunk (too small for what comes next) to the free ones.
    private func giveBack(_ chunk: UnsafeMutableRawBufferPointer) {
        condition.lock()
        free.append(chunk)
        condition.unlock()
    }

    /// Queues `count` bytes of `chunk` for the chunk thread (starting it if it is not running).
    private func handOver(_ chunk: UnsafeMutableRawBufferPointer, count: Int) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        full.append((chunk, count))
        if !threadRunning {
            threadRunning = true
            Thread { [self] in writeChunks() }.start()
        }
        condition.broadcast()
    }

    /// An empty chunk of at least `size` bytes: a written one if one is free, a new one while
    /// fewer than `chunkCount` exist, else the next one written.
    private func takeChunk(size: Int) throws -> UnsafeMutableRawBufferPointer {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && made.count >= chunkCount && failure == nil { condition.wait() }
        if let failure { throw failure }
        if let index = free.firstIndex(where: { $0.count >= size }) {
            return free.remove(at: index)
        }
        if made.count >= chunkCount, let tooSmall = free.popLast() {
            // Only chunks too small are free: one of them gives way to a larger one.
            made.removeAll { $0.baseAddress == tooSmall.baseAddress }
            tooSmall.deallocate()
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 16)
        made.append(chunk)
        return chunk
    }

    /// Asks the chunk thread to end once no chunk waits, waits for it, and throws its error.
    private func stopThread() throws {
        condition.lock()
        stopping = true
        condition.broadcast()
        while threadRunning { condition.wait() }
        stopping = false
        let failure = failure
        condition.unlock()
        if let failure { throw failure }
    }

    /// The chunk thread: writes the chunks in order until asked to stop and none wait, or
    /// `base` throws.
    private func writeChunks() {
        condition.lock()
        while true {
            while full.isEmpty && !stopping { condition.wait() }
            guard !full.isEmpty else { break }
            let (chunk, count) = full.removeFirst()
            condition.unlock()
            var error: (any Error)?
            do {
                try base.write(buffer: UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            } catch let failed {
                error = failed
            }
            condition.lock()
            free.append(chunk)
            if let error {
                failure = error
                free.append(contentsOf: full.map(\.chunk))
                full.removeAll()
                break
            }
            condition.broadcast()
        }
        threadRunning = false
        condition.broadcast()
        condition.unlock()
    }
}
