#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TraceGrading

/// Lines typed on standard input, for `trace quiz`: one answer a line, up to the end of
/// input; Ctrl-C (SIGINT) ends it as ``QuizLine/interrupted`` so that the quiz can still
/// write its summary and exit with status 0.
///
/// The SIGINT handler only sets a flag (async-signal-safe). Input is waited for with
/// `poll` in short slices and the flag checked between them, so an interrupt is seen
/// whichever thread the signal is delivered to. A line longer than ``maximumLineBytes`` is
/// cut there (the rest of it is skipped): it is no number, and is asked again.
package struct StandardInputLines: QuizLineSource {
    package static let maximumLineBytes = 4096
    /// How long one wait for input lasts before the interrupt flag is looked at again.
    static let pollMilliseconds: Int32 = 100

    nonisolated(unsafe) private static var interruptFlag: sig_atomic_t = 0

    private let descriptor: Int32
    private var pending: [UInt8] = []
    /// Skipping the rest of an overlong line.
    private var skipping = false
    private var ended = false

    /// Reads `descriptor` (standard input by default) and catches SIGINT from now on.
    package init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
        Self.installInterruptHandler()
    }

    private static func installInterruptHandler() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in StandardInputLines.interruptFlag = 1 }
        #else
        action.__sigaction_u.__sa_handler = { _ in StandardInputLines.interruptFlag = 1 }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked; the mask is inherited.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }

    package mutating func next() -> QuizLine {
        while true {
            if Self.interruptFlag != 0 { return .interrupted }
            if let newline = pending.firstIndex(of: 10) {
                let line = pending[..<newline]
                pending.removeSubrange(...newline)
                var text = String(decoding: line, as: UTF8.self)
                if text.hasSuffix("\r") { text.removeLast() }
                return .text(text)
            }
            if ended {
                guard !pending.isEmpty else { return .end }
                defer { pending = [] }
                return .text(String(decoding: pending, as: UTF8.self))
            }
            fill()
        }
    }

    /// Waits for input a slice at a time and adds what arrives to `pending`; sets `ended` at
    /// the end of input or on a read error.
    private mutating func fill() {
        let buffer: [UInt8]
        switch SystemCall.read(descriptor, waiting: Self.pollMilliseconds) {
        case .nothingYet: return
        case .end:
            ended = true
            return
        case let .bytes(bytes): buffer = bytes
        }
        for byte in buffer {
            if skipping {
                if byte == 10 { skipping = false; pending.append(10) }
                continue
            }
            let lineLength = pending.count - ((pending.lastIndex(of: 10)).map { $0 + 1 } ?? 0)
            if byte != 10, lineLength >= Self.maximumLineBytes {
                skipping = true
                continue
            }
            pending.append(byte)
        }
    }
}
