import Foundation
import TraceRender

/// Writes one document (a handout, a booklet, a comparison) to `--output` or standard output,
/// whole or not at all. A Markdown document's figures are SVG files in a folder beside the page,
/// named as pandoc names it (`notes/adam.md` links `adam_files/figure-1.svg`, in `notes/`).
///
/// Markdown on standard output has no place beside it: its figures are left out, a line in the
/// page names each and says how to get it, and one line on standard error says so.
enum DocumentOutput {
    /// The sentence in a left-out figure's place.
    static let omittedNote = "Write the page to a file with --output FILE.md to get its figures as SVG files beside it."

    /// Runs `body` on the page's output and the Markdown figures' collector (`nil` for the
    /// other formats); returns `body`'s result and a line for standard error, if any.
    ///
    /// With a Markdown `path`, the page is made in memory, then the figure folder is written
    /// (replacing one that holds only earlier figures, refusing one with other files), then the
    /// page; an error before the page is written leaves the page as it was.
    static func writing<Result>(
        to path: String?, format: OutputFormat, standardOutput: TraceOutput, inputs: [OutputGuard.Input],
        _ body: (TraceOutput, FigureFiles?) throws -> Result
    ) throws(ToolError) -> (result: Result, notice: String?) {
        guard format == .md else {
            return (try AtomicFile.writing(to: path, standardOutput: standardOutput) { try body($0, nil) }, nil)
        }
        guard let path, isFileName(path) else {
            let figures = FigureFiles(omittedNote: omittedNote)
            let result = try AtomicFile.writing(to: path, standardOutput: standardOutput) { try body($0, figures) }
            let count = figures.omittedCount
            let notice = count == 0 ? nil
                : "\(count) figure\(count == 1 ? " is" : "s are") left out of Markdown on standard output; give --output FILE.md to write \(count == 1 ? "it as an SVG file" : "them as SVG files") beside the page"
            return (result, notice)
        }
        let folderName = FigureFiles.folderName(forPage: path)
        let folder = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(folderName)
        try OutputGuard.check(output: folder, inputs: inputs)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .usage("--output '\(path)' is a folder; give a file name")
        }
        let figures = FigureFiles(folder: folderName)
        let page = StringOutput()
        let result: Result
        do {
            result = try body(page, figures)
        } catch let error as ToolError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
        if !figures.files.isEmpty {
            let files = figures.files.map { (path: String($0.path.dropFirst(folderName.count + 1)), text: $0.text) }
            try FolderOutput.replace(folder, with: files, isReplaceable: isFigureFile)
        }
        try AtomicFile.writing(to: path, standardOutput: standardOutput) { try $0.write(page.text) }
        return (result, nil)
    }

    /// Whether `name` is one of the figure files trace writes, `figure-N.svg`.
    static func isFigureFile(_ name: String) -> Bool {
        guard name.hasPrefix("figure-"), name.hasSuffix(".svg") else { return false }
        let number = name.dropFirst(7).dropLast(4)
        return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
    }

    /// Whether `path` names a regular file or none yet (not a device such as `/dev/stdout`,
    /// beside which no folder can be made).
    static func isFileName(_ path: String) -> Bool {
        guard let status = SystemCall.status(path) else { return true }
        return status.isRegularFile || status.isFolder
    }
}
