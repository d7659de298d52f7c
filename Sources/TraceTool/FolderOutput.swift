import Foundation
import TraceRender

/// Writes a set of files, already rendered in memory, into a folder.
///
/// The folder (and any subfolders the files name) is created only now, after everything
/// was rendered, so a command that fails part-way leaves nothing behind; each file is
/// written whole or not at all.
enum FolderOutput {
    /// Refuses a path that exists and is not a folder; returns whether the folder exists.
    static func check(_ folder: String, flag: String = "--output") throws(ToolError) -> Bool {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
        if exists, !isDirectory.boolValue { throw .usage("\(flag) '\(folder)' is a file; give a folder") }
        return exists
    }

    /// Writes `files` (paths relative to `folder`, `/`-separated) into `folder`.
    static func write(_ files: [(path: String, text: String)], into folder: String) throws(ToolError) {
        if !(try check(folder)) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            } catch {
                throw .usage("cannot create the folder '\(folder)': create its parent first")
            }
        }
        var created: Set<String> = []
        for (path, text) in files {
            let full = (folder as NSString).appendingPathComponent(path)
            let parent = (full as NSString).deletingLastPathComponent
            if parent != folder, !created.contains(parent) {
                do {
                    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                } catch {
                    throw .failure("cannot create the folder '\(parent)': \(error.localizedDescription)")
                }
                created.insert(parent)
            }
            try AtomicFile.writing(to: full, standardOutput: StringOutput()) { try $0.write(text) }
        }
    }
}
