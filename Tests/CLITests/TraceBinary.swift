import Foundation
import Testing

/// Runs the built `trace` binary and captures what it did.
struct TraceBinary {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        /// Peak resident memory of the child, in KiB (from `wait4`).
        var peakMemoryKiB: Int

        var text: String { String(decoding: stdout, as: UTF8.self) }
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    /// The `trace` executable next to the test bundle (SwiftPM builds it for `CLITests`).
    static let url: URL = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("trace"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("trace"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("trace"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// The repository root, for lesson fixtures.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ path: String) -> String {
        repository.appendingPathComponent("Tests/Fixtures/\(path)").path
    }

    /// A lesson's `model:` and `data:` for one sigmoid neuron (weight 0.5, input 1), the
    /// smallest network the CLI tests build lessons on; `target` is the sample's target.
    static func oneSigmoidNeuron(target: Double = 0) -> String {
        """
        model:
          loss: half_sse
          layers:
            - activation: sigmoid
              weights: [[0.5]]
        data:
          inputs: [[1.0]]
          targets: [[\(target)]]
        """
    }

    /// Runs `trace arguments…` in `directory` (a fresh temporary folder by default), with
    /// `input` on standard input (else nothing: /dev/null).
    static func run(_ arguments: [String], in directory: URL? = nil, input: String? = nil) throws -> Result {
        let folder = try directory ?? temporaryFolder()
        let outPath = folder.appendingPathComponent(".stdout-\(UUID().uuidString)").path
        let errPath = folder.appendingPathComponent(".stderr-\(UUID().uuidString)").path
        let inPath = folder.appendingPathComponent(".stdin-\(UUID().uuidString)").path
        if let input { try Data(input.utf8).write(to: URL(fileURLWithPath: inPath)) }
        defer {
            unlink(outPath)
            unlink(errPath)
            unlink(inPath)
        }

        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The child starts in `folder`: the tool must work from any directory.
        let script = "cd \"$0\" && exec \"$@\""
        let argv = ["/bin/sh", "-c", script, folder.path, url.path] + arguments
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(
            status: exitStatus,
            stdout: FileManager.default.contents(atPath: outPath) ?? Data(),
            stderr: String(decoding: FileManager.default.contents(atPath: errPath) ?? Data(), as: UTF8.self),
            peakMemoryKiB: Int(usage.ru_maxrss))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trace-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
