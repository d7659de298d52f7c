import Foundation
import Testing
import TraceEngine
import TraceLessons
@testable import TraceRender

/// The writer thread changes when bytes are written, never which.
@Suite struct BackgroundSinkTests {
    static func experiment(steps: Int) throws -> Experiment {
        var settings = RunSettings(optimizer: .adam)
        settings.steps = steps
        return try settings.experiment(for: try LessonSource.load(nil))
    }

    @Test func writesTheSameBytesAsWritingInLine() throws {
        let experiment = try Self.experiment(steps: 500)
        for (batchSize, queued) in [(1, 1), (3, 2), (4, 3), (32, 4), (1000, 1)] {
            let inline = StringOutput(), background = StringOutput()
            var direct = CSVTraceWriter(output: inline)
            try Engine.run(experiment, into: &direct)
            var threaded = BackgroundSink(CSVTraceWriter(output: background), batchSize: batchSize, queuedBatches: queued)
            let outcome = try Engine.run(experiment, into: &threaded)
            #expect(outcome.stepsRun == 500)
            #expect(background.text == inline.text, "batches of \(batchSize), \(queued) queued")
            #expect(background.text.split(separator: "\n").count == 1 + 500 * 9)
        }
    }

    struct Refused: Error, Equatable { var t: Int }

    /// Fails at update `failAt`, counting the records it was given.
    final class FailingSink: TraceSink, @unchecked Sendable {
        let failAt: Int
        var recorded = 0
        var finished = false
        init(failAt: Int) { self.failAt = failAt }
        func begin(_ run: RunDescription) throws {}
        func record(_ step: StepRecord) throws {
            if step.t == failAt { throw Refused(t: step.t) }
            recorded += 1
        }
        func finish(_ outcome: RunOutcome) throws { finished = true }
    }

    /// The sink's error reaches the engine, which stops; nothing waits for ever.
    @Test(arguments: [1, 2, 40, 500])
    func anErrorStopsTheRun(failAt: Int) throws {
        let failing = FailingSink(failAt: failAt)
        var sink = BackgroundSink(failing, batchSize: 3, queuedBatches: 2)
        #expect(throws: Refused(t: failAt)) { try Engine.run(try Self.experiment(steps: 500), into: &sink) }
        #expect(failing.recorded == failAt - 1)
        #expect(!failing.finished)
    }
}
