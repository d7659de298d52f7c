import Foundation
import Testing
@testable import TraceRender

/// The chunk thread changes when bytes are written, never which, and never after an error.
@Suite struct WriteBehindOutputTests {
    /// Writes a mix of strings, byte arrays and reservations (some larger than a chunk).
    static func writeMix(to output: TraceOutput) throws {
        for n in 0..<2_000 {
            try output.write("line \(n): ")
            try output.write(bytes: Array(repeating: UInt8(ascii: "a") + UInt8(n % 26), count: n % 37))
            let size = n % 97 == 0 ? 5_000 : n % 11
            try output.write(reserving: size) { pointer in
                for i in 0..<size { pointer[i] = UInt8(ascii: "0") + UInt8(i % 10) }
                return size / 2
            }
            try output.write("\n")
        }
        try output.flush()
    }

    @Test func writesTheSameBytesAsWritingDirectly() throws {
        let direct = StringOutput()
        try Self.writeMix(to: direct)
        for (chunkSize, chunkCount) in [(1, 2), (64, 2), (1_000, 3), (1 << 18, 4)] {
            let collected = StringOutput()
            let behind = WriteBehindOutput(collected, chunkSize: chunkSize, chunkCount: chunkCount)
            try Self.writeMix(to: behind)
            #expect(collected.text == direct.text, "chunks of \(chunkSize), \(chunkCount) of them")
            // Written again after a flush: a new chunk thread, the same bytes after the first.
            try Self.writeMix(to: behind)
            #expect(collected.text == direct.text + direct.text, "chunks of \(chunkSize), again")
        }
    }

    struct Refused: Error, Equatable {}

    /// Takes `allowed` writes, then refuses every one.
    final class FailingOutput: TraceOutput, @unchecked Sendable {
        var allowed: Int
        var written = 0
        init(allowed: Int) { self.allowed = allowed }
        func write(_ text: String) throws { try take() }
        func write(bytes: [UInt8]) throws { try take() }
        func write(reserving maximumCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) throws { try take() }
        func flush() throws {}
        private func take() throws {
            guard allowed > 0 else { throw Refused() }
            allowed -= 1
            written += 1
        }
    }

    /// The base's error comes back from a later write or from flush; nothing waits for ever.
    @Test(arguments: [0, 1, 5])
    func anErrorReachesTheWriter(allowed: Int) throws {
        let failing = FailingOutput(allowed: allowed)
        let behind = WriteBehindOutput(failing, chunkSize: 16, chunkCount: 2)
        #expect(throws: Refused()) { try Self.writeMix(to: behind) }
        #expect(failing.written == allowed)
        behind.cancel()
    }

    /// After cancel, the chunk thread has ended and nothing more reaches the base.
    @Test func cancelStopsWriting() throws {
        let collected = StringOutput()
        let behind = WriteBehindOutput(collected, chunkSize: 8, chunkCount: 2)
        for n in 0..<500 { try behind.write("\(n),") }
        behind.cancel()
        let before = collected.text
        Thread.sleep(forTimeInterval: 0.05)
        #expect(collected.text == before)
        let everything = (0..<500).map { "\($0)," }.joined()
        #expect(everything.hasPrefix(before) && before.count < everything.count, "a beginning, in order, not all")
    }
}
