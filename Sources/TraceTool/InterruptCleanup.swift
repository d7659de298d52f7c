import Foundation

/// Removes what an interrupted run had begun to write (SIGINT, SIGTERM, SIGHUP), says so on
/// standard error and exits with status 1 ("anything else" in the contract's exit statuses).
///
/// A command that writes a file or a folder first calls ``begin(_:)`` with the line to print,
/// then ``remember(_:)`` for every path before it creates it (a temporary file, a temporary
/// folder, each file and subfolder in it), and ``forget()`` once the output is in place. The
/// signal handler removes the remembered paths newest first (`unlink` for a file, `rmdir` for
/// a folder, both async-signal-safe), writes the line and calls `_exit`. Paths are kept as C
/// strings in chunks allocated outside the handler, so the handler never allocates.
/// SIGKILL cannot be caught.
enum InterruptCleanup {
    private static let chunkSize = 4096
    private static let maximumChunks = 4096
    /// Chunks of `chunkSize` C strings; a slot is written before `count` counts it.
    nonisolated(unsafe) private static let chunks: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?> = {
        let chunks = UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>.allocate(capacity: maximumChunks)
        chunks.initialize(repeating: nil, count: maximumChunks)
        return chunks
    }()
    /// How many slots are filled; a slot is written before it is counted, so the handler
    /// reads only whole paths.
    nonisolated(unsafe) private static var count = 0
    /// The line printed when interrupted (ends with a newline), or `nil` outside a write.
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var installed = false

    /// Starts a write: on an interrupt from now on, `line` is printed after `trace: `.
    static func begin(_ line: String) {
        forget()
        message = strdup("trace: \(line)\n")
        install()
    }

    /// Adds `path` to what an interrupt removes; call it before creating the path.
    static func remember(_ path: String) {
        let index = count
        let (chunk, slot) = index.quotientAndRemainder(dividingBy: chunkSize)
        guard chunk < maximumChunks else { return }
        if chunks[chunk] == nil {
            let storage = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: chunkSize)
            storage.initialize(repeating: nil, count: chunkSize)
            chunks[chunk] = storage
        }
        chunks[chunk]?[slot] = strdup(path)
        count = index + 1
    }

    /// Ends a write: nothing is removed on a later interrupt.
    static func forget() {
        let total = count
        count = 0
        for index in 0..<total {
            let (chunk, slot) = index.quotientAndRemainder(dividingBy: chunkSize)
            free(chunks[chunk]?[slot])
            chunks[chunk]?[slot] = nil
        }
        let line = message
        message = nil
        free(line)
    }

    /// Runs `body` with SIGINT, SIGTERM and SIGHUP held back, so that a step such as the
    /// final rename and ``forget()`` is not cut in half; a held signal arrives afterwards.
    static func withSignalsHeld<Result>(_ body: () throws(ToolError) -> Result) throws(ToolError) -> Result {
        var held = signals, previous = sigset_t()
        sigprocmask(SIG_BLOCK, &held, &previous)
        defer { sigprocmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    private static var signals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, signalNumber) }
        return set
    }

    private static func install() {
        // A parent may have started us with these signals blocked (libdispatch's threads
        // block them, and the mask is inherited); unblock them so the handler can run.
        var unblock = signals
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        guard !installed else { return }
        installed = true
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { _ in InterruptCleanup.interrupted() }
        }
    }

    /// The signal handler: async-signal-safe calls only.
    private static func interrupted() -> Never {
        let total = count
        var index = total - 1
        while index >= 0 {
            let (chunk, slot) = index.quotientAndRemainder(dividingBy: chunkSize)
            if let path = chunks[chunk]?[slot], unlink(path) != 0 { rmdir(path) }
            index -= 1
        }
        if let line = message {
            _ = write(2, line, strlen(line))
        } else {
            let line = "trace: interrupted\n"
            _ = line.withCString { write(2, $0, strlen($0)) }
        }
        _exit(1)
    }
}
