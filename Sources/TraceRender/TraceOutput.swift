/// Where rendered text goes: a file descriptor (buffered, the command line's
/// `FileDescriptorOutput`) or a string (for tests).
public protocol TraceOutput: AnyObject {
    func write(_ text: String) throws
    /// Writes UTF-8 bytes: what the streamed writers build, without a `String` in between.
    func write(bytes: [UInt8]) throws
    /// Lets `body` write up to `maximumCount` bytes straight into the output's buffer; `body`
    /// returns how many it wrote. The streamed writers' way to write without a copy.
    func write(reserving maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) throws
    /// Writes the bytes of `buffer`, which stays the caller's: a file descriptor writes a large
    /// block as it is, without copying it into its buffer.
    func write(buffer: UnsafeRawBufferPointer) throws
    func flush() throws
}

extension TraceOutput {
    public func write(buffer: UnsafeRawBufferPointer) throws {
        try write(bytes: Array(buffer))
    }
}

/// Collects output in memory.
public final class StringOutput: TraceOutput {
    public private(set) var text = ""

    public init() {}

    public func write(_ text: String) throws { self.text += text }
    public func write(bytes: [UInt8]) throws { text += String(decoding: bytes, as: UTF8.self) }
    public func write(reserving maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) throws {
        let bytes = [UInt8](unsafeUninitializedCapacity: maximumCount) { buffer, count in
            count = buffer.baseAddress.map(body) ?? 0
        }
        try write(bytes: bytes)
    }
    public func flush() throws {}
}
