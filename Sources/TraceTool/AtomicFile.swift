import Foundation
import TraceRender

/// Writes a file whole or not at all.
///
/// Output goes to a temporary file beside the target, which is renamed over the target
/// only after everything was written and flushed; on any error it is removed, so an
/// existing file is left exactly as it was.
public final class AtomicFile {
    public let path: String
    private let temporaryPath: String
    public let output: FileDescriptorOutput
    private let descriptor: Int32
    private var finished = false

    /// Opens a temporary file beside `path`.
    public init(path: String) throws(ToolError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .usage("--output '\(path)' is a folder; give a file name")
        }
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .usage("--output '\(path)': the folder '\(folder)' does not exist; create it first")
        }
        var template = Array("\(folder)/.\(url.lastPathComponent).tmp-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .usage("--output '\(path)': cannot write in '\(folder)' (\(String(cString: strerror(errno))))")
        }
        self.descriptor = descriptor
        self.temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.output = FileDescriptorOutput(descriptor: descriptor, name: path)
    }

    /// Flushes, then moves the temporary file over the target.
    public func commit() throws(ToolError) {
        do {
            try output.flush()
        } catch {
            discard()
            throw .failure("\(error)")
        }
        fchmod(descriptor, 0o644)
        close(descriptor)
        finished = true
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw .failure("could not write '\(path)': \(reason)")
        }
    }

    /// Removes the temporary file; the target is untouched.
    public func discard() {
        guard !finished else { return }
        finished = true
        close(descriptor)
        unlink(temporaryPath)
    }

    deinit { discard() }
}
