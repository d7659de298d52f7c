import Foundation
import TraceEngine
import TraceLessons
import TraceRender

/// `trace <optimizer>`: loads the lesson, applies the flags, runs the engine and writes the
/// chosen format to standard output or, whole or not at all, to `--output`.
package enum RunCommand {
    /// The formats a run is written in: the terminal's text, its handout as a document, and
    /// its records as they stream (JSON, CSV), in the order `--help` lists them.
    package static let formats: [OutputFormat] = [.text, .md, .html, .json, .csv, .latex]

    /// What happened, for the caller to report.
    package struct Report: Sendable {
        package var outcome: RunOutcome
        /// A line for standard error, if the run has something to say (divergence).
        package var notice: String?
        /// A line for standard error when Markdown on standard output left its figures out.
        package var figuresNotice: String?
    }

    package static func execute(
        _ request: RunRequest, standardOutput: TraceOutput, terminal: TerminalContext = .none
    ) throws(ToolError) -> Report {
        try CommandInput.checkFormat(request.format, in: formats, command: "trace <optimizer>")
        try CommandInput.checkPrecision(request.precision)
        let text = try terminal.textSettings(width: request.width, color: request.color, toFile: request.outputPath != nil)

        try OutputGuard.check(output: request.outputPath, inputs: [.init("the lesson", CommandInput.lessonFile(request.lesson))])
        let lesson = try CommandInput.lesson(request.lesson)
        let experiment = try CommandInput.experiment(request.settings, for: lesson)
        let focus = try focus(request.focus, names: experiment.layout.names)

        if request.format == .md {
            // A document, not a stream: its figures go beside the page (DocumentOutput).
            let (outcome, figuresNotice) = try DocumentOutput.writing(
                to: request.outputPath, format: .md, standardOutput: standardOutput,
                inputs: [.init("the lesson", CommandInput.lessonFile(request.lesson))]
            ) { output, figures in
                var sink = HandoutBuilder(
                    writer: MarkdownWriter(output: output, figures: figures), precision: request.precision, focus: focus, detail: request.detail)
                return try Engine.run(experiment, into: &sink)
            }
            return Report(outcome: outcome, notice: outcome.divergence.map { notice(for: $0, in: experiment) }, figuresNotice: figuresNotice)
        }
        let outcome = try AtomicFile.writing(to: request.outputPath, standardOutput: standardOutput) { output in
            // The streamed formats are formatted on a second thread while the engine runs on,
            // and written by a third (WriteBehindOutput), so that neither waits in write(2).
            let behind = WriteBehindOutput(output)
            defer { behind.cancel() }  // after an error, nothing is written once the file is closed
            let outcome: RunOutcome
            switch request.format {
            case .json:
                var sink = BackgroundSink(JSONTraceWriter(output: behind))
                outcome = try Engine.run(experiment, into: &sink)
            case .csv:
                var sink = BackgroundSink(CSVTraceWriter(output: behind))
                outcome = try Engine.run(experiment, into: &sink)
            case .text:
                var sink = BackgroundSink(
                    TerminalTraceBuilder(
                        writer: TextDocumentWriter(output: behind, layout: text.layout, style: text.style),
                        precision: request.precision, focus: focus))
                outcome = try Engine.run(experiment, into: &sink)
            case .md, .html, .latex, .svg:
                var sink = HandoutBuilder(
                    writer: try request.format.writer(output, paper: request.paper), precision: request.precision, focus: focus, detail: request.detail)
                return try Engine.run(experiment, into: &sink)
            }
            try behind.flush()
            return outcome
        }

        return Report(outcome: outcome, notice: outcome.divergence.map { notice(for: $0, in: experiment) })
    }

    /// One line for standard error about a divergence, with advice that fits its cause.
    package static func notice(for divergence: Divergence, in experiment: Experiment) -> String {
        let advice: String
        if divergence.inForwardPass && divergence.t == 1 {
            advice = "the lesson's own weights and inputs give it, before any update; check their sizes"
        } else if divergence.value.isNaN && experiment.hyperparameters[.epsilon] == 0 {
            advice = "with ε = 0 a parameter whose gradient has been 0 divides 0 by 0; use a positive --epsilon"
        } else {
            advice = "try a smaller η (--eta)"
        }
        return "diverged at t = \(divergence.t): \(divergence.quantity) is \(NumberFormat.full(divergence.value)); the run stopped after that step (\(advice))"
    }

    /// `--focus`: `all`, or a parameter name (with a did-you-mean).
    static func focus(_ value: String?, names: [String]) throws(ToolError) -> Focus? {
        guard let value else { return nil }
        if value == "all" { return .all }
        guard names.contains(value) else {
            throw .usage(
                "--focus \(value): no such parameter\(Suggestion.clause(for: value, in: names)) (this lesson has \(names.joined(separator: ", ")), or use all)")
        }
        return .parameter(value)
    }
}
