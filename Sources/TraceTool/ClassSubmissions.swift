import Foundation
import TraceGrading
import TraceLessons

/// A class's answers folder matched to the students who have keys: which path is graded for
/// each student, and every other entry with the reason it was not graded.
///
/// A student's answers are `<id>/` (a submission folder), `<id>.json`, `<id>.csv`, `<id>.txt`
/// or `<id>` alone, with the id and the extension in any case (`GUS07@UNI.EDU.CSV` is
/// `gus07@uni.edu`'s), since ids are case-insensitive and systems export names in either.
/// When a student has several, the first of that order is graded and the others are listed.
/// Hidden entries (`.DS_Store`) are passed over.
struct ClassSubmissions {
    /// Student id → the path graded for them.
    var answers: [String: String] = [:]
    /// Entries not graded, by name, with the reason.
    var notGraded: [ClassReport.NotGraded] = []

    /// The extensions read as answers files, in the order preferred; `""` is none.
    static let extensions = ["json", "csv", "txt", ""]

    init(folder: String, ids: [String]) {
        var byLowercased: [String: String] = [:]
        for id in ids { byLowercased[id.lowercased()] = id }
        // Student id → (rank, entry name) of every candidate.
        var candidates: [String: [(rank: Int, name: String)]] = [:]
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        for name in entries {
            let path = (folder as NSString).appendingPathComponent(name)
            let isFolder = FileKind(path: path) == .directory
            let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension.lowercased()
            if let id = byLowercased[name.lowercased()] {
                // A folder first; a file named exactly as the id ranks as one without an extension.
                candidates[id, default: []].append((isFolder ? 0 : 1 + (Self.extensions.firstIndex(of: "") ?? Self.extensions.count), name))
            } else if !isFolder, !ext.isEmpty, let id = byLowercased[base.lowercased()] {
                if let rank = Self.extensions.firstIndex(of: ext) {
                    candidates[id, default: []].append((1 + rank, name))
                } else {
                    notGraded.append(.init(
                        file: name, reason: "not an answers file (.\(ext)); \(id)'s answers are read from \(id).json, \(id).csv or a folder \(id)/"))
                }
            } else {
                let suggestion = Suggestion.closest(to: isFolder || ext.isEmpty ? name : base, in: ids)
                notGraded.append(.init(
                    file: name,
                    reason: "no key has this student id" + (suggestion.map { "; did you mean '\($0)'?" } ?? "; check it against the key folder's ids")))
            }
        }
        for (id, found) in candidates {
            let sorted = found.sorted { ($0.rank, $0.name) < ($1.rank, $1.name) }
            answers[id] = (folder as NSString).appendingPathComponent(sorted[0].name)
            for other in sorted.dropFirst() {
                notGraded.append(.init(file: other.name, reason: "\(id) also has \(sorted[0].name), which was graded; keep one answers file per student"))
            }
        }
        notGraded.sort { $0.file < $1.file }
    }
}
