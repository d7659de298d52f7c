import Testing
@testable import TraceRender

/// A LaTeX table longer than a page is set in pieces of at most 40 rows, each with the
/// header, broken before a row that starts a group where one is near the end of a piece.
@Suite struct LaTeXTablePiecesTests {
    /// `groups` groups of `size` rows: the first row of each names the group, the rest are blank.
    func rows(groups: Int, size: Int) -> [[String]] {
        (0..<groups).flatMap { g in (0..<size).map { k in [k == 0 ? "p\(g)" : "", "\(g).\(k)"] } }
    }

    @Test func aShortTableIsOnePiece() {
        #expect(LaTeXWriter.pieces(rows(groups: 5, size: 8)).map(\.count) == [40])
    }

    @Test func piecesEndBeforeAGroup() {
        // Nine groups of seven (diff's Adam step table): 35 rows (five groups) fit, then 28.
        let pieces = LaTeXWriter.pieces(rows(groups: 9, size: 7))
        #expect(pieces.map(\.count) == [35, 28])
        #expect(pieces.allSatisfy { $0.first?.first?.isEmpty == false }, "every piece starts with a group's name")
    }

    @Test func rowsWithoutGroupsAreCutAtForty() {
        let pieces = LaTeXWriter.pieces((0..<95).map { ["", "\($0)"] })
        #expect(pieces.map(\.count) == [40, 40, 15])
        let table = LaTeXWriter.table(Table(header: ["t", "x"], rows: (1...95).map { ["\($0)", "1"] }))
        #expect(table.components(separatedBy: "\\begin{tabular}").count - 1 == 3)
        #expect(table.components(separatedBy: "t & x \\\\").count - 1 == 3, "the header on every piece")
    }
}
