#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call that failed: which one, and the `errno` it left.
struct SystemCallError: Error, Equatable, CustomStringConvertible {
    var call: String
    var code: Int32
    /// `errno` in words: "Permission denied".
    var reason: String { String(cString: strerror(code)) }
    var description: String { "\(call): \(reason)" }

    /// The error the last call left in `errno`.
    static func last(_ call: String) -> SystemCallError { SystemCallError(call: call, code: errno) }
}

/// The one place the command line calls the operating system: file status, descriptors,
/// temporary files and folders, renames, reading and the terminal. A failure is a
/// ``SystemCallError`` carrying `errno`; reads and writes that a signal interrupts (EINTR)
/// are retried. The exceptions are the signal handlers (``InterruptCleanup``,
/// ``StandardInputLines``), which may make only async-signal-safe calls, so they make them
/// directly.
enum SystemCall {
    /// What a path names, as `stat(2)` tells (links followed).
    struct Status {
        var type: mode_t
        /// The permission bits (`0o644`).
        var permissions: mode_t
        var device: UInt64
        var inode: UInt64

        var isRegularFile: Bool { type == S_IFREG }
        var isFolder: Bool { type == S_IFDIR }
    }

    /// `path`'s status, or `nil` when nothing is there (or it cannot be looked at).
    static func status(_ path: String) -> Status? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Status(
            type: status.st_mode & S_IFMT, permissions: status.st_mode & 0o7777,
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// Opens `path` with `flags` (and `mode` for a file it creates); the descriptor.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(SystemCallError) -> Int32 {
        #if canImport(Glibc)
        let descriptor = Glibc.open(path, flags, mode)
        #else
        let descriptor = Darwin.open(path, flags, mode)
        #endif
        guard descriptor >= 0 else { throw .last("open") }
        return descriptor
    }

    /// A new private (0600) file named after `template` (which ends in `XXXXXX`), open for writing.
    static func makeTemporaryFile(_ template: String) throws(SystemCallError) -> (descriptor: Int32, path: String) {
        var name = Array(template.utf8CString)
        let descriptor = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw .last("mkstemp") }
        return (descriptor, String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// A new private (0700) folder named after `template` (which ends in `XXXXXX`).
    static func makeTemporaryFolder(_ template: String) throws(SystemCallError) -> String {
        var name = Array(template.utf8CString)
        guard name.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) != nil else { throw .last("mkdtemp") }
        return String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A new folder at `path`; `false` when one is already there.
    @discardableResult
    static func makeFolder(_ path: String, mode: mode_t = 0o777) throws(SystemCallError) -> Bool {
        guard mkdir(path, mode) == 0 else {
            if errno == EEXIST { return false }
            throw .last("mkdir")
        }
        return true
    }

    /// Sets the permission bits of an open file.
    static func setPermissions(_ descriptor: Int32, _ permissions: mode_t) {
        fchmod(descriptor, permissions)
    }

    /// Sets the permission bits of `path`.
    static func setPermissions(_ path: String, _ permissions: mode_t) {
        chmod(path, permissions)
    }

    /// The process's file-creation mask (`umask`), read without changing it.
    static var creationMask: mode_t {
        let current = umask(0o022)
        umask(current)
        return current
    }

    static func close(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// Moves `source` to `destination`, replacing a file (or an empty folder) there.
    static func rename(_ source: String, to destination: String) throws(SystemCallError) {
        #if canImport(Glibc)
        let status = Glibc.rename(source, destination)
        #else
        let status = Darwin.rename(source, destination)
        #endif
        guard status == 0 else { throw .last("rename") }
    }

    /// Removes a file, if it is there (cleaning up: a failure leaves nothing to do).
    static func removeFile(_ path: String) {
        unlink(path)
    }

    /// Writes all of `bytes` to `descriptor`: again after an interrupted or partial write.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemCallError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            #else
            let written = Darwin.write(descriptor, base + offset, bytes.count - offset)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw .last("write")
            }
            offset += written
        }
    }

    /// Writes all of `bytes` to `descriptor`.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) throws(SystemCallError) {
        let failure: SystemCallError? = bytes.withUnsafeBytes { buffer in
            do throws(SystemCallError) {
                try writeAll(descriptor, buffer)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// What waiting for and reading input gave.
    enum Input {
        /// Bytes (never empty).
        case bytes([UInt8])
        /// Nothing yet: the wait ran out, or a signal interrupted it.
        case nothingYet
        /// The end of the input, or an error that ends it.
        case end
    }

    /// Waits up to `milliseconds` for input on `descriptor` and reads what arrived (up to `limit` bytes).
    static func read(_ descriptor: Int32, waiting milliseconds: Int32, limit: Int = 4096) -> Input {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, milliseconds)
        if ready < 0 { return errno == EINTR ? .nothingYet : .end }
        guard ready > 0 else { return .nothingYet }
        var buffer = [UInt8](repeating: 0, count: limit)
        #if canImport(Glibc)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        #else
        let count = buffer.withUnsafeMutableBytes { Darwin.read(descriptor, $0.baseAddress, $0.count) }
        #endif
        if count < 0 { return errno == EINTR || errno == EAGAIN ? .nothingYet : .end }
        return count == 0 ? .end : .bytes(Array(buffer[..<count]))
    }

    /// Whether `descriptor` is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The terminal's width in columns (TIOCGWINSZ), or `nil` when `descriptor` is not a
    /// terminal or the terminal does not say (a width of 0).
    static func terminalColumns(_ descriptor: Int32) -> Int? {
        guard isTerminal(descriptor) else { return nil }
        var size = winsize()
        #if canImport(Glibc)
        let status = ioctl(descriptor, UInt(TIOCGWINSZ), &size)
        #else
        let status = ioctl(descriptor, TIOCGWINSZ, &size)
        #endif
        guard status == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
