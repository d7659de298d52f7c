/// Where a Markdown document's figures go. Markdown cannot hold a drawing, so each figure is
/// saved as an SVG file in a folder beside the page and linked by a relative path, as pandoc
/// does (`adam.md` links `adam_files/figure-1.svg`). When the page has no place beside it
/// (standard output), the figures are left out and `omittedNote` stands in their place.
///
/// The files are collected here, not written: the command writes them with the page, whole or
/// not at all.
public final class FigureFiles {
    /// The folder's path relative to the page, e.g. `adam_files`; `nil` when figures are left out.
    public let folder: String?
    /// The sentence written where a left-out figure would be.
    public let omittedNote: String
    /// Each figure's path relative to the page's folder and its SVG text, in document order.
    public private(set) var files: [(path: String, text: String)] = []
    /// How many figures were left out.
    public private(set) var omittedCount = 0

    /// Figures saved as `folder/figure-N.svg`.
    public init(folder: String) {
        self.folder = folder
        self.omittedNote = ""
    }

    /// Figures left out, `note` in their place.
    public init(omittedNote note: String) {
        self.folder = nil
        self.omittedNote = note
    }

    /// Saves `svg` as the next figure; returns its link, or `nil` when figures are left out.
    func add(svg: String) -> String? {
        guard let folder else {
            omittedCount += 1
            return nil
        }
        let path = "\(folder)/figure-\(files.count + 1).svg"
        files.append((path, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n"))
        return path
    }

    /// The folder for the figures of the page `file` (a path or a name): the file's name
    /// without its extension, then `_files`, as pandoc names it: `out/adam.md` → `adam_files`.
    public static func folderName(forPage file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let stem = name.lastIndex(of: ".").map { name[..<$0] }.map(String.init) ?? name
        return (stem.isEmpty ? name : stem) + "_files"
    }
}
