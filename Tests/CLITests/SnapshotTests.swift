import Foundation
import Testing

/// Golden files for every human-readable format and CSV, reviewed as diffs.
///
/// To re-record after an intended change: `TRACE_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`,
/// then review `git diff Tests/CLITests/Snapshots`. A recording run always fails, so it cannot
/// pass by accident.
@Suite struct SnapshotTests {
    static let folder = TraceBinary.repository.appendingPathComponent("Tests/CLITests/Snapshots")

    @Test("output matches its golden file", arguments: [
        ("adam-default-2-steps.txt", ["adam", "--steps", "2"]),
        ("momentum-classic-backprop.txt", ["momentum", "--lesson", "classic-backprop", "--focus", "W2[1,1]"]),
        ("rmsprop-pytorch.txt", ["rmsprop", "--convention", "pytorch", "--steps", "1", "--focus", "b2[1]"]),
        ("sgd-shuffled.txt", ["sgd", "--steps", "3", "--seed", "4", "--precision", "6"]),
        ("momentum-quadratic-bowl.txt", ["momentum", "--lesson", "quadratic-bowl", "--steps", "2", "--focus", "all"]),
        ("adam-default-2-steps.md", ["adam", "--steps", "2", "--format", "md"]),
        ("momentum-classic-backprop.md", ["momentum", "--lesson", "classic-backprop", "--focus", "W2[1,1]", "--format", "md"]),
        ("adam-default-2-steps.html", ["adam", "--steps", "2", "--format", "html"]),
        ("adagrad-classic-backprop.html", ["adagrad", "--lesson", "classic-backprop", "--steps", "2", "--format", "html"]),
        ("adam-default-2-steps.csv", ["adam", "--steps", "2", "--format", "csv"]),
        ("adam-default-2-steps.tex", ["adam", "--steps", "2", "--format", "latex"]),
        ("momentum-classic-backprop.tex", ["handout", "classic-backprop", "--format", "latex"]),
        ("minibatch-classic-backprop.csv", ["minibatch", "--lesson", "classic-backprop", "--steps", "3", "--format", "csv"]),
        ("momentum-l2.csv", ["momentum", "--l2", "0.1", "--steps", "3", "--format", "csv"]),
        ("adam-keras.txt", ["adam", "--convention", "keras", "--steps", "1"]),
        ("adam-default-2-steps.json", ["adam", "--steps", "2", "--format", "json"]),
        ("momentum-l2.json", ["momentum", "--l2", "0.1", "--steps", "2", "--format", "json"]),
        ("adagrad-optax.md", ["adagrad", "--convention", "optax", "--steps", "1", "--format", "md"]),
        ("diff-adam-lecture-keras.txt", ["diff", "adam", "--conventions", "lecture,keras", "--steps", "2", "--focus", "W2[1,1]"]),
    ])
    func matchesGoldenFile(_ name: String, _ arguments: [String]) throws {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let file = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["TRACE_RECORD_SNAPSHOTS"] != nil {
            try result.stdout.write(to: file)
            Issue.record("recorded \(file.lastPathComponent); review the diff and run again without TRACE_RECORD_SNAPSHOTS")
            return
        }
        let golden = try #require(FileManager.default.contents(atPath: file.path), "no golden file \(name): record it")
        #expect(result.text == String(decoding: golden, as: UTF8.self), "output differs from \(name)")
    }
}
