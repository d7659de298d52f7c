import TraceRender

/// Something went wrong writing output.
package struct OutputError: Error, Sendable, CustomStringConvertible {
    package var description: String
}

/// Buffered writes to a file descriptor: one `write(2)` per 64 KiB or so, not one per string.
package final class FileDescriptorOutput: TraceOutput {
    private let descriptor: Int32
    private let name: String
    /// Bytes not yet written, `count` of them, in room for `capacity`.
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 17
    private var count = 0
    /// Written out once this many bytes wait.
    private let threshold = 1 << 16

    /// Writes to `descriptor`, naming it `name` in errors (e.g. "standard output").
    package init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    package func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { bytes in try append(UnsafeRawBufferPointer(bytes)) }
    }

    package func write(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try append($0) }
    }

    package func write(buffer: UnsafeRawBufferPointer) throws {
        try append(buffer)
    }

    package func write(reserving maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) throws {
        try makeRoom(for: maximumCount)
        let written = body(storage + count)
        precondition((0...maximumCount).contains(written), "wrote more than it reserved")
        count += written
        if count >= threshold { try flush() }
    }

    package func flush() throws {
        let pending = count
        count = 0
        try writeAll(UnsafeRawBufferPointer(start: storage, count: pending))
    }

    /// Writes all of `bytes` to the descriptor.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        do throws(SystemCallError) {
            try SystemCall.writeAll(descriptor, bytes)
        } catch {
            throw OutputError(description: "could not write to \(name): \(error.reason)")
        }
    }

    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        // A large block with nothing waiting before it goes out as it is, not copied.
        if count == 0, bytes.count >= threshold {
            try writeAll(bytes)
            return
        }
        try makeRoom(for: bytes.count)
        if let base = bytes.baseAddress { (storage + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
        if count >= threshold { try flush() }
    }

    /// Flushes, and grows the buffer, until `needed` more bytes fit.
    private func makeRoom(for needed: Int) throws {
        if count + needed <= capacity { return }
        try flush()
        if needed > capacity {
            storage.deallocate()
            capacity = needed
            storage = .allocate(capacity: capacity)
        }
    }
}
