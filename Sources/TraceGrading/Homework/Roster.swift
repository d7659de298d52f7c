import TraceLessons

/// A class roster: a CSV file with a header row naming a column `id` (or `student_id`,
/// `sid`), one student per row. Each id names the student's folder, so it must be a safe
/// file name: letters, digits, `.`, `_`, `-`, `@`, `+`, not starting with `.`, at most 64 characters.
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
        var ids: [String] = []
        var firstLine: [String: Int] = [:]
        for row in nonBlank.dropFirst() {
            let id = column < row.cells.count ? AnswerSheetReader.trimmed(row.cells[column].text) : ""
            let at = SourceLocation(file: file, line: row.line, column: column + 1)
            guard !id.isEmpty else { throw LessonError(at, "this row has no id; give every student an id, or delete the row") }
            guard isSafe(id) else {
                throw LessonError(
                    at,
                    "the id '\(id.prefix(40))' cannot name a folder; use letters, digits, '.', '_', '-', '@' or '+' (at most 64, not starting with '.')")
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

    static func isSafe(_ id: String) -> Bool {
        guard (1...64).contains(id.count), !id.hasPrefix(".") else { return false }
        return id.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-@+".unicodeScalars.contains(scalar))
        }
    }
}
