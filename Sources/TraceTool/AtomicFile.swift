import Foundation
import TraceRender

/// Writes `--output` whole or not at all.
///
/// Output goes to a temporary file beside the target, renamed over it only after
/// everything was written and flushed; on any error, or if the run is interrupted
/// (SIGINT, SIGTERM, SIGHUP), the temporary file is removed and an existing file is left
/// exactly as it was. A symbolic link is followed, so the file it points to is replaced
/// and the link kept; an existing file keeps its permissions. A target that is not a
/// regular file (`/dev/stdout`, a named pipe) is written directly: it cannot be replaced.
package final class AtomicFile {
    package let path: String
    package let output: FileDescriptorOutput
    private let descriptor: Int32
    /// The temporary file, or `nil` when writing directly.
    private let temporaryPath: String?
    /// The file the temporary one replaces (symbolic links followed).
    private let targetPath: String
    private var finished = false

    /// Opens a temporary file beside `path` (or `path` itself, if it is not a regular file).
    package init(path: String) throws(ToolError) {
        self.path = path
        let target = Self.resolvingLinks(path)
        let folder = target.deletingLastPathComponent().path
        let status = SystemCall.status(target.path)
        if let status, status.isFolder {
            throw .usage("--output '\(path)' is a folder; give a file name")
        }
        if let status, !status.isRegularFile {
            let descriptor: Int32
            do {
                descriptor = try SystemCall.open(target.path, O_WRONLY)
            } catch {
                throw .usage("--output '\(path)': cannot open it for writing (\(error.reason))")
            }
            self.descriptor = descriptor
            self.temporaryPath = nil
            self.targetPath = target.path
            self.output = FileDescriptorOutput(descriptor: descriptor, name: path)
            return
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .usage("--output '\(path)': the folder '\(folder)' does not exist; create it first")
        }
        InterruptCleanup.begin("interrupted; nothing was written to '\(path)'\(status != nil ? " (it is as it was)" : "")")
        let descriptor: Int32, temporaryPath: String
        do {
            (descriptor, temporaryPath) = try SystemCall.makeTemporaryFile("\(folder)/.\(target.lastPathComponent).tmp-XXXXXX")
        } catch {
            InterruptCleanup.forget()
            throw .usage("--output '\(path)': cannot write in '\(folder)' (\(error.reason))")
        }
        InterruptCleanup.remember(temporaryPath)
        // A temporary file is private (0600); give it the old file's mode, or the usual one.
        SystemCall.setPermissions(descriptor, status?.permissions ?? 0o666 & ~SystemCall.creationMask)
        self.descriptor = descriptor
        self.temporaryPath = temporaryPath
        self.targetPath = target.path
        self.output = FileDescriptorOutput(descriptor: descriptor, name: path)
    }

    /// Flushes, then moves the temporary file over the target.
    package func commit() throws(ToolError) {
        do {
            try output.flush()
        } catch {
            discard()
            throw .failure("\(error)")
        }
        finished = true
        SystemCall.close(descriptor)
        guard let temporaryPath else { return }
        try InterruptCleanup.withSignalsHeld { () throws(ToolError) in
            defer { InterruptCleanup.forget() }
            do throws(SystemCallError) {
                try SystemCall.rename(temporaryPath, to: targetPath)
            } catch {
                SystemCall.removeFile(temporaryPath)
                throw .failure("could not write '\(path)': \(error.reason)")
            }
        }
    }

    /// Removes the temporary file; the target is untouched.
    package func discard() {
        guard !finished else { return }
        finished = true
        SystemCall.close(descriptor)
        if let temporaryPath {
            SystemCall.removeFile(temporaryPath)
            InterruptCleanup.forget()
        }
    }

    deinit { discard() }

    /// Runs `body` on `path`'s output, whole or not at all, or on `standardOutput` without a path;
    /// on any error the file is discarded and the error reported as a ``ToolError``.
    package static func writing<Result>(
        to path: String?, standardOutput: TraceOutput, _ body: (TraceOutput) throws -> Result
    ) throws(ToolError) -> Result {
        let file = try path.map { path throws(ToolError) in try AtomicFile(path: path) }
        let result: Result
        do {
            result = try body(file?.output ?? standardOutput)
            try (file?.output ?? standardOutput).flush()
        } catch let error as ToolError {
            file?.discard()
            throw error
        } catch {
            file?.discard()
            throw .failure("\(error)")
        }
        try file?.commit()
        return result
    }

    /// `path` with symbolic links followed, including a last link whose file does not exist yet
    /// (which `resolvingSymlinksInPath` leaves as it is).
    static func resolvingLinks(_ path: String) -> URL {
        // An existing target (a file, or a device such as /dev/stdout, whose link leads to
        // `pipe:[…]`) resolves as the system resolves it; only a dangling link is followed here.
        if SystemCall.status(path) != nil { return URL(fileURLWithPath: path).resolvingSymlinksInPath() }
        var url = URL(fileURLWithPath: path)
        for _ in 0..<40 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) else { break }
            url = URL(fileURLWithPath: destination, relativeTo: url.deletingLastPathComponent()).standardizedFileURL
        }
        return url.resolvingSymlinksInPath()
    }

}
