import Testing
import TraceEngine
import TraceLessons
import TraceRender
import TraceTool

/// Each command writes only its own formats, the ones its `--format` lists: a library caller
/// that asks it for another is refused as bad usage (exit 2), before anything is written.
@Suite struct FormatSubsetTests {
    /// Runs `command` in every format outside `formats` (and `besides`, refused in words of
    /// their own), expecting the refusal that names what it writes, and no output.
    static func expectRefusals(
        of formats: [OutputFormat], named name: String, besides: [OutputFormat] = [],
        _ command: (OutputFormat, TraceOutput) throws(ToolError) -> Void
    ) {
        for format in OutputFormat.allCases where !formats.contains(format) && !besides.contains(format) {
            let output = StringOutput()
            let refusal = ToolError.usage("\(name) writes \(formats.map(\.rawValue).joined(separator: ", ")), not \(format.rawValue)")
            #expect(throws: refusal) { try command(format, output) }
            #expect(output.text.isEmpty)
        }
    }

    @Test func theRunCommandRefusesSVG() {
        Self.expectRefusals(of: RunCommand.formats, named: "trace <optimizer>") { format, output throws(ToolError) in
            var request = RunRequest(settings: RunSettings(optimizer: .adam))
            request.format = format
            _ = try RunCommand.execute(request, standardOutput: output)
        }
    }

    @Test func compareRefusesJSONAndCSV() {
        Self.expectRefusals(of: CompareCommand.formats, named: "trace compare") { format, output throws(ToolError) in
            var request = CompareCommand.Request()
            request.runs = CompareRuns(optimizers: [.gd, .adam])
            request.format = format
            try CompareCommand.execute(request, standardOutput: output)
        }
    }

    @Test func diffRefusesJSONCSVAndSVG() {
        Self.expectRefusals(of: DiffCommand.formats, named: "trace diff") { format, output throws(ToolError) in
            var request = DiffCommand.Request(run: RunRequest(settings: RunSettings(optimizer: .adam)))
            request.conventions = [.lecture, .pytorch]
            request.format = format
            try DiffCommand.execute(request, standardOutput: output)
        }
    }

    @Test func handoutRefusesJSONAndCSV() {
        // Text has a refusal of its own, pointing to the optimizer commands.
        Self.expectRefusals(of: HandoutCommand.formats, named: "trace handout", besides: [.text]) { format, output throws(ToolError) in
            var request = HandoutCommand.Request()
            request.lesson = "adam"
            request.format = format
            try HandoutCommand.execute(request, standardOutput: output)
        }
    }
}
