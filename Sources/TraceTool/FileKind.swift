import Foundation

/// What a path names, found with `stat(2)` (links followed) without opening it: a named
/// pipe, a device or a socket would block or never end when read, so commands read only
/// regular files and folders.
enum FileKind: Equatable {
    case regular
    case directory
    case missing
    /// A named pipe, device, socket or anything else: the words for it (`a named pipe`).
    case other(String)

    init(path: String) {
        guard let status = SystemCall.status(path) else {
            self = .missing
            return
        }
        switch status.type {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFIFO: self = .other("a named pipe")
        case S_IFCHR, S_IFBLK: self = .other("a device")
        case S_IFSOCK: self = .other("a socket")
        default: self = .other("not a regular file")
        }
    }
}
