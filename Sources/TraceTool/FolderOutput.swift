import Foundation
import TraceRender

/// Writes a folder whole or not at all.
///
/// The files go into a temporary folder beside the target (`.NAME.tmp-XXXXXX`), which is
/// renamed to the target only after the last file was written; a target that already exists
/// must be an empty folder (the rename replaces it). On any error, or if the run is
/// interrupted (SIGINT, SIGTERM, SIGHUP), the temporary folder and everything in it are
/// removed and standard error says that nothing was written. Files are written as they are
/// made, so a command need not hold a whole class's files in memory.
final class FolderOutput {
    /// The folder as the user gave it.
    let folder: String
    private let flag: String
    fileprivate let temporary: String
    private var createdFolders: Set<String> = []
    private var finished = false

    /// Refuses a path that exists and is not a folder; returns whether the folder exists.
    static func check(_ folder: String, flag: String = "--output") throws(ToolError) -> Bool {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue { throw .usage("\(flag) '\(folder)' is a file; give a folder") }
        return exists
    }

    /// Refuses a path that is a file or a folder that already holds files (hidden ones too).
    static func checkNew(_ folder: String, flag: String = "--output", reason: String) throws(ToolError) {
        guard try check(folder, flag: flag) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        if !entries.isEmpty {
            throw .usage("\(flag) '\(folder)' already holds files; give a new folder\(reason.isEmpty ? "" : ", \(reason)")")
        }
    }

    /// Creates the temporary folder beside `folder`.
    init(_ folder: String, flag: String = "--output") throws(ToolError) {
        self.folder = folder
        self.flag = flag
        _ = try Self.check(folder, flag: flag)
        let target = AtomicFile.resolvingLinks(folder)
        let parent = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .usage("cannot create the folder '\(folder)': create its parent first")
        }
        InterruptCleanup.begin("interrupted; nothing was written to '\(folder)'")
        do {
            temporary = try SystemCall.makeTemporaryFolder("\(parent)/.\(target.lastPathComponent).tmp-XXXXXX")
        } catch {
            InterruptCleanup.forget()
            throw .usage("\(flag) '\(folder)': cannot write in '\(parent)' (\(error.reason))")
        }
        InterruptCleanup.remember(temporary)
        // A temporary folder is private (0700); give it the usual mode.
        SystemCall.setPermissions(temporary, 0o777 & ~SystemCall.creationMask)
        // The final name, for the error messages of a commit that cannot rename.
        self.targetPath = target.path
    }

    fileprivate let targetPath: String

    /// Writes `text` as `path` (relative to the folder, `/`-separated), creating subfolders.
    func write(_ path: String, _ text: String) throws(ToolError) {
        let full = (temporary as NSString).appendingPathComponent(path)
        let parent = (full as NSString).deletingLastPathComponent
        if parent != temporary, !createdFolders.contains(parent) {
            InterruptCleanup.remember(parent)
            do {
                try SystemCall.makeFolder(parent)
            } catch {
                throw failed("cannot create the folder '\((folder as NSString).appendingPathComponent((path as NSString).deletingLastPathComponent))'", error)
            }
            createdFolders.insert(parent)
        }
        InterruptCleanup.remember(full)
        do throws(SystemCallError) {
            let descriptor = try SystemCall.open(full, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode: 0o666)
            defer { SystemCall.close(descriptor) }
            try SystemCall.writeAll(descriptor, Array(text.utf8))
        } catch {
            throw failed("cannot write '\((folder as NSString).appendingPathComponent(path))'", error)
        }
    }

    /// Moves the finished folder into place.
    func commit() throws(ToolError) {
        try InterruptCleanup.withSignalsHeld { () throws(ToolError) in
            do throws(SystemCallError) {
                try SystemCall.rename(temporary, to: targetPath)
            } catch {
                let reason = error.code == ENOTEMPTY || error.code == EEXIST ? "it now holds files" : error.reason
                discard()
                throw .failure("cannot write the folder '\(folder)': \(reason); nothing was written")
            }
            finished = true
            InterruptCleanup.forget()
        }
    }

    /// Removes the temporary folder and everything in it.
    func discard() {
        guard !finished else { return }
        finished = true
        try? FileManager.default.removeItem(atPath: temporary)
        InterruptCleanup.forget()
    }

    deinit { discard() }

    fileprivate func failed(_ what: String, _ error: SystemCallError) -> ToolError {
        discard()
        return .failure("\(what): \(error.reason); nothing was written to '\(folder)'")
    }

    /// Runs `body` on a new folder output and commits it; on any error the folder is
    /// discarded and the message says that nothing was written.
    static func writing<Result>(
        _ folder: String, flag: String = "--output", _ body: (FolderOutput) throws(ToolError) -> Result
    ) throws(ToolError) -> Result {
        let output = try FolderOutput(folder, flag: flag)
        let result: Result
        do {
            result = try body(output)
        } catch {
            let wasOpen = !output.finished
            output.discard()
            guard wasOpen else { throw error }
            var error = error
            error.message += " (nothing was written to '\(folder)')"
            throw error
        }
        try output.commit()
        return result
    }

    /// Writes `files` (paths relative to `folder`, `/`-separated) into `folder`, whole or not at all.
    static func write(_ files: [(path: String, text: String)], into folder: String, flag: String = "--output") throws(ToolError) {
        try writing(folder, flag: flag) { output throws(ToolError) in
            for (path, text) in files { try output.write(path, text) }
        }
    }
}

extension FolderOutput {
    /// Writes `files` into `folder`, replacing the folder if it holds only files that
    /// `isReplaceable` accepts (the figures of an earlier run); a folder with anything else in
    /// it is refused, so no file of the user's is removed. Written whole or not at all: the new
    /// folder is complete before the old one is moved aside and removed.
    static func replace(
        _ folder: String, with files: [(path: String, text: String)], isReplaceable: (String) -> Bool, flag: String = "--output"
    ) throws(ToolError) {
        if try check(folder, flag: flag) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if let foreign = entries.sorted().first(where: { !isReplaceable($0) }) {
                throw .usage("'\(folder)' holds '\(foreign)', which trace did not write; move it or give another \(flag)")
            }
        }
        let output = try FolderOutput(folder, flag: flag)
        for (path, text) in files { try output.write(path, text) }
        // The old folder goes aside only now, and comes back if the new one cannot take its place.
        var isDirectory: ObjCBool = false
        let aside = output.temporary + ".old"
        let hadOld = FileManager.default.fileExists(atPath: output.targetPath, isDirectory: &isDirectory) && isDirectory.boolValue
        if hadOld {
            do {
                try SystemCall.rename(output.targetPath, to: aside)
            } catch {
                throw output.failed("cannot replace the folder '\(folder)'", error)
            }
        }
        do {
            try output.commit()
        } catch {
            if hadOld { try? SystemCall.rename(aside, to: output.targetPath) }
            throw error
        }
        if hadOld { try? FileManager.default.removeItem(atPath: aside) }
    }
}
