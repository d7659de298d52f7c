import Foundation
import Testing
import TraceTool

/// The optimizer table in docs/command-line.md is the one the definitions write: adding an
/// optimizer, or changing a default, leaves the page stale and fails this test until
/// `TRACE_RECORD_SNAPSHOTS=1 swift test --filter OptimizerTableTests` rewrites it.
@Suite struct OptimizerTableTests {
    @Test func theDocumentedTableIsTheDefinitions() throws {
        let page = TraceBinary.repository.appendingPathComponent("docs/command-line.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        let start = try #require(text.range(of: OptimizerTable.startMarker + "\n"), "no start marker in docs/command-line.md")
        let end = try #require(text.range(of: OptimizerTable.endMarker, range: start.upperBound..<text.endIndex), "no end marker")
        let documented = String(text[start.upperBound..<end.lowerBound])
        if ProcessInfo.processInfo.environment["TRACE_RECORD_SNAPSHOTS"] == "1", documented != OptimizerTable.markdown {
            try (text[..<start.upperBound] + OptimizerTable.markdown + text[end.lowerBound...]).write(to: page, atomically: true, encoding: .utf8)
            return
        }
        #expect(documented == OptimizerTable.markdown, "docs/command-line.md's optimizer table is stale")
    }
}
