import Foundation

/// Refuses an output that would replace one of the command's own inputs.
///
/// Files are compared by identity (device and inode), not by spelling, so `./key.json`, an
/// absolute path, a hard link or a symbolic link to an input are all caught. An output is
/// also refused inside a folder the command reads (a submission folder, `--key-dir`,
/// `--answers-dir`), and an output folder is refused if it is, or holds, an input.
enum OutputGuard {
    /// One thing a command reads: what the user calls it (`the key`) and its path.
    struct Input {
        var name: String
        var path: String?

        init(_ name: String, _ path: String?) {
            self.name = name
            self.path = path
        }
    }

    /// A file's identity.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
        var isFolder: Bool

        init?(_ path: String) {
            guard let status = SystemCall.status(path) else { return nil }
            device = status.device
            inode = status.inode
            isFolder = status.isFolder
        }

        static func == (a: Identity, b: Identity) -> Bool { a.device == b.device && a.inode == b.inode }
    }

    /// Throws a usage error (exit 2) naming both paths if `output` (given with `flag`) is,
    /// or lies inside, one of `inputs`, or (for a folder output) holds one of them.
    static func check(output: String?, flag: String = "--output", inputs: [Input]) throws(ToolError) {
        guard let output else { return }
        let target = AtomicFile.resolvingLinks(output).path
        // Every folder above the output: an input folder among them is in the way.
        var above: [Identity] = []
        var path = target
        while true {
            let parent = (path as NSString).deletingLastPathComponent
            if parent == path || parent.isEmpty { break }
            if let identity = Identity(parent) { above.append(identity) }
            path = parent
        }
        let outputIdentity = Identity(target)
        for input in inputs {
            guard let inputPath = input.path, let identity = Identity(inputPath) else { continue }
            if let outputIdentity, outputIdentity == identity {
                throw .usage("\(flag) '\(output)' is \(input.name) '\(inputPath)', which this command reads; give another \(outputIdentity.isFolder ? "folder" : "file") so that it is not replaced")
            }
            if identity.isFolder, above.contains(identity) {
                throw .usage("\(flag) '\(output)' is inside \(input.name) '\(inputPath)', which this command reads; write it somewhere else")
            }
            if let outputIdentity, outputIdentity.isFolder, isInside(inputPath, folder: outputIdentity) {
                throw .usage("\(flag) '\(output)' holds \(input.name) '\(inputPath)', which this command reads; give a new folder")
            }
        }
    }

    /// Whether `path` lies somewhere inside the folder `folder`.
    private static func isInside(_ path: String, folder: Identity) -> Bool {
        var current = AtomicFile.resolvingLinks(path).path
        while true {
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return false }
            if let identity = Identity(parent), identity == folder { return true }
            current = parent
        }
    }
}
