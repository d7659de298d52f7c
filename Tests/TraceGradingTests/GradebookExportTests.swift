import Testing

@testable import TraceGrading

/// The grade-import files of Canvas, Moodle and Blackboard Learn, written out as each system's
/// import page lays them out (see ``GradebookExport``): three students, one with an e-mail id,
/// one without a submission, one whose id needs quoting.
@Suite struct GradebookExportTests {
    let assignment = "trace homework: Adam on a 2-2-1 network"
    let rows = [
        GradebookRow(id: "ada@example.edu", score: 9, maximum: 10),
        GradebookRow(id: "bkim", score: nil, maximum: 10),
        GradebookRow(id: #"pat, "p""#, score: 7, maximum: 10),
    ]

    @Test func fileNamesAndDisplayNames() {
        #expect(Gradebook.allCases.map(\.fileName) == ["canvas.csv", "moodle.csv", "blackboard.csv"])
        #expect(Gradebook.allCases.map(\.displayName) == ["Canvas", "Moodle", "Blackboard Learn"])
    }

    /// Canvas: Student, ID, SIS User ID, SIS Login ID, Section, then the assignment; the
    /// Points Possible row; the id matched through SIS Login ID; no submission is a blank.
    @Test func canvas() {
        let expected = #"""
            Student,ID,SIS User ID,SIS Login ID,Section,trace homework: Adam on a 2-2-1 network
            Points Possible,,,,,10
            ada@example.edu,,,ada@example.edu,,9
            bkim,,,bkim,,
            "pat, ""p""",,,"pat, ""p""",,7

            """#
        #expect(GradebookExport.csv(.canvas, rows: rows, assignment: assignment) == expected)
    }

    /// Moodle: an identifier column to map to a user field, a grade column to map to a grade
    /// item; no submission is "-".
    @Test func moodle() {
        let expected = #"""
            Student,trace homework: Adam on a 2-2-1 network
            ada@example.edu,9
            bkim,-
            "pat, ""p""",7

            """#
        #expect(GradebookExport.csv(.moodle, rows: rows, assignment: assignment) == expected)
    }

    /// Blackboard: Username and a new column named by the assignment, every field quoted; no
    /// submission is an empty field.
    @Test func blackboard() {
        let expected = #"""
            "Username","trace homework: Adam on a 2-2-1 network"
            "ada@example.edu","9"
            "bkim",""
            "pat, ""p""","7"

            """#
        #expect(GradebookExport.csv(.blackboard, rows: rows, assignment: assignment) == expected)
    }

    /// An id or assignment name that a spreadsheet would run as a formula gets a leading "'".
    @Test func formulaInjection() {
        let rows = [
            GradebookRow(id: #"=HYPERLINK("http://x.example","ok")"#, score: 1, maximum: 2),
            GradebookRow(id: "+1", score: 2, maximum: 2),
            GradebookRow(id: "-1", score: nil, maximum: 2),
            GradebookRow(id: "@SUM(A1)", score: 0, maximum: 2),
            GradebookRow(id: "\tx", score: 0, maximum: 2),
        ]
        let canvas = #"""
            Student,ID,SIS User ID,SIS Login ID,Section,'=cmd|' /C calc'!A0
            Points Possible,,,,,2
            "'=HYPERLINK(""http://x.example"",""ok"")",,,"'=HYPERLINK(""http://x.example"",""ok"")",,1
            '+1,,,'+1,,2
            '-1,,,'-1,,
            '@SUM(A1),,,'@SUM(A1),,0
            '\#tx,,,'\#tx,,0

            """#
        #expect(GradebookExport.csv(.canvas, rows: rows, assignment: "=cmd|' /C calc'!A0") == canvas)
        let moodle = #"""
            Student,'=cmd|' /C calc'!A0
            "'=HYPERLINK(""http://x.example"",""ok"")",1
            '+1,2
            '-1,-
            '@SUM(A1),0
            '\#tx,0

            """#
        #expect(GradebookExport.csv(.moodle, rows: rows, assignment: "=cmd|' /C calc'!A0") == moodle)
        let blackboard = #"""
            "Username","'=cmd|' /C calc'!A0"
            "'=HYPERLINK(""http://x.example"",""ok"")","1"
            "'+1","2"
            "'-1",""
            "'@SUM(A1)","0"
            "'\#tx","0"

            """#
        #expect(GradebookExport.csv(.blackboard, rows: rows, assignment: "=cmd|' /C calc'!A0") == blackboard)
    }

    /// A line break is quoted whatever its form, "\r\n" (a single Swift character) included,
    /// and an id that is merely unusual is left alone.
    @Test func lineBreaksAreQuoted() {
        #expect(GradebookExport.cell("a\r\nb") == "\"a\r\nb\"")
        #expect(GradebookExport.cell("a\rb") == "\"a\rb\"")
        #expect(GradebookExport.cell("a\nb") == "\"a\nb\"")
        #expect(GradebookExport.cell("o'neil") == "o'neil")
        #expect(GradebookExport.cell("x=1") == "x=1")
    }
}
