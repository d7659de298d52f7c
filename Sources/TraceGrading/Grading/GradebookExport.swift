/// A learning-management system whose gradebook takes a grade-import file.
public enum Gradebook: String, CaseIterable, Sendable {
    case canvas, moodle, blackboard

    /// The file name in the report folder, e.g. "canvas.csv".
    public var fileName: String { rawValue + ".csv" }

    /// How the system is written for people: "Canvas", "Moodle", "Blackboard Learn".
    public var displayName: String {
        switch self {
        case .canvas: "Canvas"
        case .moodle: "Moodle"
        case .blackboard: "Blackboard Learn"
        }
    }
}

/// One student's line in a gradebook file.
public struct GradebookRow: Sendable {
    /// The student id trace graded under (an e-mail address, a login name, a student number).
    public var id: String
    /// Points earned; nil when the student handed nothing in.
    public var score: Int?
    /// Points possible.
    public var maximum: Int

    public init(id: String, score: Int?, maximum: Int) {
        self.id = id
        self.score = score
        self.maximum = maximum
    }
}

/// The grade-import files of three gradebooks, one assignment column each, in the column layout
/// each system documents. All three are UTF-8 text with commas between fields, lines ending in
/// "\n" (none of the three pages asks for "\r\n"; Canvas and Moodle read CSV with either, and the
/// Blackboard page names only the delimiter and the quoting), and RFC 4180 quoting: a field
/// holding a comma, a quote, a semicolon or a line break is put in double quotes, with its
/// quotes doubled.
///
/// **Canvas** follows the Canvas Instructor Guide page "How do I import grades in the
/// Gradebook?" (Gradebook → Import): the header is `Student,ID,SIS User ID,SIS Login ID,Section`,
/// then one column per assignment, the same leading columns as Canvas's own gradebook export.
/// Canvas finds each row's student by `ID` (its own numeric user id), then `SIS User ID`, then
/// `SIS Login ID`, then the name in `Student`. trace knows none of Canvas's ids, so `ID`,
/// `SIS User ID` and `Section` stay empty and the student id goes in `SIS Login ID` (and in
/// `Student`, so that an unmatched row shows who it is on Canvas's import preview). The
/// instructor must make sure the ids students gave trace are their Canvas login ids; otherwise,
/// fill `ID` or `SIS User ID` in from a Canvas gradebook export before importing. A header that
/// names no existing assignment creates a new one; the second row, `Points Possible` (as in
/// Canvas's export), gives its points possible, `maximum`. No submission: an empty cell (Canvas
/// takes a blank as "no score"; it leaves the student ungraded, and clears a score typed in
/// earlier).
///
/// **Moodle** follows the MoodleDocs page "Grade import", section "CSV grade import" (Grades →
/// Import → CSV file): any header row; on the preview page the instructor maps the identifying
/// column ("Map from" `Student`) to a user field ("Map to" email address, username or ID
/// number, whichever the students' ids are; e-mail addresses are compared case-sensitively),
/// and the grade column to an existing grade item or to "New grade item" (which gets the
/// assignment's name and Moodle's default maximum grade, so the instructor sets it to
/// `maximum`). The separator (comma) and encoding (UTF-8) are chosen on the upload form. Every
/// row's student must exist in Moodle, or the whole import stops. No submission: `-`, Moodle's
/// own mark for "no grade" (a new grade item reads an empty cell as an empty grade, not none).
///
/// **Blackboard Learn** (Original course Grade Center) follows the Blackboard Help for
/// Instructors page "Uploading or Downloading Grade Center Items for Working Offline"
/// ("Formatting External Files for Uploading"; Grade Center → Work Offline → Upload): a header
/// row, then one record per line; each student is found by `Username`, which must be the
/// student's Blackboard username (Blackboard skips usernames not enrolled in the course); in a
/// comma-delimited file every field is in double quotes. A column header without a Grade Center
/// column id (`Name [Total Pts: N Score] |1234` in a downloaded Grade Center) adds a new column,
/// as a text column with 0 points possible: the instructor edits it into a score column worth
/// `maximum` after the upload, or, to fill an existing column, replaces the header with that
/// column's header from a downloaded Grade Center. No submission: an empty cell (`""`).
///
/// All three files may be opened in a spreadsheet before the upload, so a student id or
/// assignment name that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'`
/// in front, and no spreadsheet reads it as a formula (CSV injection). Such an id no longer
/// matches the system's; it could not be a real login there anyway, and the instructor fixes
/// the row by hand. Scores are written by trace, as plain numbers.
public enum GradebookExport {
    /// The import file for `gradebook`: a header row and one row per student in the given order,
    /// the student id in the column the system matches on, the score out of `maximum` (a student
    /// without a submission: an empty cell for Canvas and Blackboard, `-` for Moodle), and the
    /// assignment named `assignment` (e.g. "trace homework: Adam on a 2-2-1 network").
    public static func csv(_ gradebook: Gradebook, rows: [GradebookRow], assignment: String) -> String {
        var lines: [[String]]
        switch gradebook {
        case .canvas:
            lines = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section", cell(assignment)]]
            // Canvas reads the points possible of each (new) assignment from this row; a file
            // of rows with different maxima is not expected, so the first row's stands.
            lines.append(["Points Possible", "", "", "", "", rows.first.map { String($0.maximum) } ?? ""])
            lines += rows.map { row in
                let id = cell(row.id)
                return [id, "", "", id, "", row.score.map(String.init) ?? ""]
            }
        case .moodle:
            lines = [["Student", cell(assignment)]]
            lines += rows.map { [cell($0.id), $0.score.map(String.init) ?? "-"] }
        case .blackboard:
            let quoted = { (text: String) in cell(text, alwaysQuoted: true) }
            lines = [[quoted("Username"), quoted(assignment)]]
            lines += rows.map { [quoted($0.id), quoted($0.score.map(String.init) ?? "")] }
        }
        return lines.map { $0.joined(separator: ",") + "\n" }.joined()
    }

    /// One CSV field holding `text`: defused (see ``defused(_:)``), then quoted when it must be,
    /// or always (Blackboard's comma-delimited files).
    static func cell(_ text: String, alwaysQuoted: Bool = false) -> String {
        let text = defused(text)
        let quoted = CSVField.quoted(text)
        if quoted != text { return quoted }
        // CSVField.quoted compares whole characters, so a line break inside "\r\n" (one
        // character), a lone "\r", or a quote carrying a combining mark slips past it: those,
        // and every field for Blackboard, are quoted here, scalar by scalar.
        let special: Set<Unicode.Scalar> = ["\"", "\r", "\n", ",", ";"]
        guard alwaysQuoted || text.unicodeScalars.contains(where: special.contains) else { return text }
        var field = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { field.unicodeScalars.append(scalar) }
            field.unicodeScalars.append(scalar)
        }
        return field + "\""
    }

    /// `text` with a `'` in front when a spreadsheet would read it as a formula: when it begins
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's list for CSV injection).
    static func defused(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }
}
