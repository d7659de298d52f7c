import Foundation

/// Where rendered text goes: a file descriptor (buffered) or a string (for tests).
public protocol TraceOutput: AnyObject {
    func write(_ text: String) throws
    /// Writes UTF-8 bytes: what the streamed writers build, without a `String` in between.
    func write(bytes: [UInt8]) throws
    func flush() throws
}

/// Something went wrong writing output.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Buffered writes to a file descriptor: one `write(2)` per 64 KiB, not one per string.
public final class FileDescriptorOutput: TraceOutput {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16
    private let name: String

    /// Writes to `descriptor`, naming it `name` in errors (e.g. "standard output").
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(capacity)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { bytes in
                Foundation.write(descriptor, bytes.baseAddress, bytes.count)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.removeAll(keepingCapacity: true)
                throw OutputError(description: "could not write to \(name): \(reason)")
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects output in memory.
public final class StringOutput: TraceOutput {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) throws { self.text += text }
    public func write(bytes: [UInt8]) throws { text += String(decoding: bytes, as: UTF8.self) }
    public func flush() throws {}
}
