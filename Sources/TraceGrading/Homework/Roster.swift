import TraceLessons

/// A class roster: a CSV file with a header row naming a column `id` (or `student_id`,
/// `sid`), one student per row. Each id names the student's folder, so it must be a safe
/// file name on every system a class uses: letters, digits, `.`, `_`, `-`, `@`, `+`, at most 64
/// characters, not starting with `.` or `-`, not ending with `.`, and not a Windows device name
/// (`CON`, `PRN`, `AUX`, `NUL`, `COM1`…`COM9`, `LPT1`…`LPT9`, with or without an extension).
/// A header with two id columns is refused.
public enum Roster {
    static let idColumns = ["id", "student_id", "sid"]

    /// The ids in roster order; a problem is thrown as `FILE:LINE:COLUMN: message`.
    public static func ids(in text: String, file: String) throws(LessonError) -> [String] {
        let rows: [AnswerCSVParser.Row]
        do {
            rows = try AnswerCSVParser.rows(Array(text.utf8))
        } catch {
            throw LessonError(SourceLocation(file: file, line: error.line, column: 1), error.message)
        }
        let nonBlank = rows.filter { row in row.cells.contains { !AnswerSheetReader.trimmed($0.text).isEmpty } }
        guard let header = nonBlank.first else {
            throw LessonError(SourceLocation(file: file, line: 1, column: 1), "the roster is empty; give a header row 'id' and one student id per row")
        }
        let names = header.cells.map { AnswerSheetReader.trimmed($0.text).lowercased() }
        guard let column = names.firstIndex(where: idColumns.contains) else {
            throw LessonError(
                SourceLocation(file: file, line: header.line, column: 1),
                "the roster's first row must name a column 'id' (the student ids, which name their folders); add a header row 'id'")
        }
        if let second = names.indices.dropFirst(column + 1).first(where: { idColumns.contains(names[$0]) }) {
            throw LessonError(
                SourceLocation(file: file, line: header.line, column: second + 1),
                "the roster has a second id column ('\(names[second])' after '\(names[column])' in column \(column + 1)); keep one, so that it is clear which id names each folder")
        }
        var ids: [String] = []
        var firstLine: [String: Int] = [:]
        for row in nonBlank.dropFirst() {
            let id = column < row.cells.count ? AnswerSheetReader.trimmed(row.cells[column].text) : ""
            let at = SourceLocation(file: file, line: row.line, column: column + 1)
            guard !id.isEmpty else { throw LessonError(at, "this row has no id; give every student an id, or delete the row") }
            guard isSafe(id) else {
                throw LessonError(
                    at,
                    "the id '\(id.prefix(40))' cannot name a folder\(reservedReason(id).map { " (\($0))" } ?? ""); use letters, digits, '.', '_', '-', '@' or '+' (at most 64, not starting with '.' or '-', not ending with '.')")
            }
            // Folders named alice and Alice are one folder on some file systems.
            if let first = firstLine[id.lowercased()] {
                throw LessonError(at, "the id '\(id)' is also on line \(first); every student needs their own id (ids that differ only in upper and lower case count as the same)")
            }
            firstLine[id.lowercased()] = row.line
            ids.append(id)
        }
        guard !ids.isEmpty else {
            throw LessonError(SourceLocation(file: file, line: header.line, column: 1), "the roster has a header but no students; add one id per row")
        }
        return ids
    }

    /// Names Windows keeps for devices, with or without an extension (`CON`, `nul`, `aux.txt`).
    static let reservedNames = Set(["con", "prn", "aux", "nul"] + (1...9).flatMap { ["com\($0)", "lpt\($0)"] })

    /// Why `id` is a reserved or risky name, if it is one.
    static func reservedReason(_ id: String) -> String? {
        let stem = id.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? id
        if reservedNames.contains(stem.lowercased()) { return "\(stem.uppercased()) is a device name on Windows" }
        if id.hasPrefix("-") { return "a name starting with '-' is read as an option by commands such as rm" }
        if id.hasSuffix(".") { return "Windows drops a final '.'" }
        return nil
    }

    static func isSafe(_ id: String) -> Bool {
        guard (1...64).contains(id.count), !id.hasPrefix("."), reservedReason(id) == nil else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-@+".unicodeScalars.contains(scalar))
        }
    }
}
