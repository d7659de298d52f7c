import Foundation
import Testing
import TraceEngine
import TraceLessons

/// `true` when `a` and `b` agree to `relative` (both non-finite values must match exactly).
func agrees(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if !a.isFinite || !b.isFinite { return a == b }
    return abs(a - b) <= relative * max(abs(a), abs(b))
}

/// Collects every record of a run, for tests.
struct CollectingSink: TraceSink {
    var run: RunDescription?
    var steps: [StepRecord] = []
    var outcome: RunOutcome?

    mutating func begin(_ run: RunDescription) throws { self.run = run }
    mutating func record(_ step: StepRecord) throws { steps.append(step) }
    mutating func finish(_ outcome: RunOutcome) throws { self.outcome = outcome }
}

/// The repository's `Tests/Fixtures` folder.
let fixturesFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
