import Foundation
import TraceEngine
import TraceLessons
import TraceRender

/// `trace handout`: a lesson's full handout with its own optimizer and steps, or with
/// `--all` every bundled lesson's handout and an index page in a folder.
package enum HandoutCommand {
    /// The formats a handout is written in: the three documents, and one of its figures on its
    /// own (`svg`, chosen with `--figure`). Text is taken only to be refused with a pointer to
    /// the optimizer commands, which write a run for the terminal.
    package static let formats: [OutputFormat] = [.md, .html, .latex, .svg]

    package struct Request: Sendable {
        /// A bundled lesson's name or a file; ignored with `all`.
        package var lesson: String?
        package var all = false
        /// With `all`: one document, every lesson a numbered section in lecture order.
        package var booklet = false
        package var format: OutputFormat = .html
        package var outputPath: String?
        package var precision = 4
        package var focus: String?
        /// The paper HTML and LaTeX are laid out for.
        package var paper: Paper = .a4
        /// Every update in full, or the first worked and the rest as one table.
        package var detail: Detail = .full
        /// With `svg`: the name of the figure to write (``Figure/name``).
        package var figure: String?

        package init() {}
    }

    /// Writes the handout(s); returns a line for standard error for each lesson that diverged.
    @discardableResult
    package static func execute(_ request: Request, standardOutput: TraceOutput) throws(ToolError) -> [String] {
        try CommandInput.checkPrecision(request.precision)
        guard request.format != .text else {
            throw .usage("a handout is md, html or latex; for the terminal run 'trace <optimizer> --lesson \(request.lesson ?? "NAME")'")
        }
        try CommandInput.checkFormat(request.format, in: formats, command: "trace handout")
        if request.format == .svg && request.all {
            throw .usage("--format svg writes one figure of one handout: name a lesson instead of --all")
        }
        if request.figure != nil && request.format != .svg {
            throw .usage("--figure chooses the figure that --format svg writes; add --format svg")
        }
        if request.booklet && !request.all {
            throw .usage("--booklet puts every lesson in one document: use it with --all")
        }
        if request.all {
            guard request.lesson == nil else {
                throw .usage("give a lesson or --all, not both")
            }
            if request.booklet {
                return try writeBooklet(request: request, standardOutput: standardOutput)
            }
            guard let folder = request.outputPath else {
                throw .usage("--all writes one file per lesson: give the folder with --output DIR")
            }
            return try writeAll(into: folder, request: request)
        }
        guard let name = request.lesson else {
            throw .usage("name a lesson (see 'trace lessons') or a lesson file, or use --all --output DIR")
        }
        let inputs: [OutputGuard.Input] = [.init("the lesson", CommandInput.lessonFile(name))]
        try OutputGuard.check(output: request.outputPath, inputs: inputs)
        let lesson = try CommandInput.lesson(name)
        let (notice, figuresNotice) = try DocumentOutput.writing(
            to: request.outputPath, format: request.format, standardOutput: standardOutput, inputs: inputs
        ) { output, figures in
            try render(lesson, format: request.format, to: output, figures: figures, request: request)
        }
        return [notice, figuresNotice].compactMap { $0 }
    }

    /// Returns the divergence notice, if the run diverged. Markdown's figures go to `figures`.
    static func render(
        _ lesson: Lesson, format: OutputFormat, to output: TraceOutput, figures: FigureFiles? = nil, request: Request
    ) throws(ToolError) -> String? {
        let writer: any DocumentWriter
        do {
            writer = try format.writer(output, paper: request.paper, figures: figures, figure: request.figure)
        } catch {
            throw .failure("\(error)")
        }
        return try render(lesson, format: format, writer: writer, request: request)
    }

    static func render(_ lesson: Lesson, format: OutputFormat, writer: any DocumentWriter, request: Request) throws(ToolError) -> String? {
        guard let optimizer = lesson.optimizer?.name else {
            let name = lesson.source.hasPrefix("bundled:") ? String(lesson.source.dropFirst(8)) : lesson.source
            throw .usage(
                "\(name) names no optimizer; add an 'optimizer:' section, or run 'trace <optimizer> --lesson \(name) --format \(format.rawValue)'")
        }
        let experiment = try CommandInput.experiment(RunSettings(optimizer: optimizer), for: lesson, prefix: lesson.source)
        let focus = try RunCommand.focus(request.focus, names: experiment.layout.names)
        do {
            var sink = HandoutBuilder(writer: writer, precision: request.precision, focus: focus, detail: request.detail)
            sink.appendix = try appendix(lesson, optimizer: optimizer, request: request)
            let outcome = try Engine.run(experiment, into: &sink)
            return outcome.divergence.map { "\(lesson.source): " + RunCommand.notice(for: $0, in: experiment) }
        } catch let error as ToolError {
            throw error
        } catch let error as SVGFigureWriter.ChoiceError {
            throw figureChoice(error, in: "this handout")
        } catch {
            throw .failure("\(error)")
        }
    }

    /// The parts the lesson's `handout:` section asks for, each from its own runs: the
    /// comparison (as `trace compare` writes it, a level down), the conventions side by side,
    /// the sweep.
    static func appendix(_ lesson: Lesson, optimizer: Optimizer, request: Request) throws(ToolError) -> [Block] {
        guard let handout = lesson.handout else { return [] }
        var blocks: [Block] = []
        do {
            if let comparison = handout.compare {
                var compare = CompareCommand.Request()
                compare.runs = CompareRuns(optimizers: comparison.optimizers)
                compare.hyperparameters = comparison.hyperparameters
                compare.steps = comparison.steps
                let (runs, focusName) = try CompareCommand.run(compare, lesson: lesson)
                var builder = ComparisonBuilder(writer: BlockCollector())
                builder.precision = request.precision
                builder.detail = request.detail
                builder.embedded = true
                // A handout draws its figures in every format (SVG in HTML and beside a
                // Markdown page, plots in LaTeX), so a summary keeps the loss figure's section.
                builder.drawsFigures = true
                try builder.write(runs, focusName: focusName)
                blocks += (builder.writer as? BlockCollector)?.blocks ?? []
            }
            if !handout.conventions.isEmpty {
                var experiments: [Experiment] = []
                for convention in handout.conventions {
                    var settings = RunSettings(optimizer: optimizer)
                    settings.convention = convention
                    experiments.append(try CommandInput.experiment(settings, for: lesson, prefix: lesson.source))
                }
                blocks += try HandoutAppendix.conventions(experiments, detail: request.detail, precision: request.precision)
            }
            if !handout.sweep.isEmpty {
                var cells: [[(Symbol, Double)]] = [[]]
                for axis in handout.sweep {
                    cells = cells.flatMap { cell in axis.values.map { cell + [(axis.symbol, $0)] } }
                }
                var experiments: [Experiment] = []
                for cell in cells {
                    var settings = RunSettings(optimizer: optimizer)
                    for (symbol, value) in cell { settings.hyperparameters[symbol] = value }
                    experiments.append(try CommandInput.experiment(settings, for: lesson, prefix: lesson.source))
                }
                blocks += try HandoutAppendix.sweep(
                    axes: handout.sweep, runs: experiments, detail: request.detail, precision: request.precision)
            }
        } catch let error as ToolError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
        return blocks
    }

    /// A figure that `--format svg` cannot choose, in words (exit 2).
    static func figureChoice(_ error: SVGFigureWriter.ChoiceError, in document: String) -> ToolError {
        switch error {
        case .noFigure:
            return .usage("\(document) has no figure for --format svg to write")
        case let .choose(names):
            return .usage("--format svg writes one figure: choose it with --figure NAME (\(document) has \(names.joined(separator: ", ")))")
        case let .unknown(name, names):
            return .usage("--figure \(name): no such figure\(Suggestion.clause(for: name, in: names)) (\(document) has \(names.joined(separator: ", ")))")
        }
    }

    /// Every bundled lesson's handout, `NAME.EXT`, and `index.EXT` linking them, in `folder`.
    ///
    /// The folder must be new (or empty); it is written whole or not at all, so a lesson that
    /// fails leaves no folder and no files behind.
    static func writeAll(into folder: String, request: Request) throws(ToolError) -> [String] {
        try FolderOutput.checkNew(folder, reason: "so that no file of yours is replaced")

        var notices: [String] = []
        var files: [(name: String, text: String)] = []
        var links: [(text: String, file: String, note: String)] = []
        for name in BundledLessons.lectureOrder {
            let lesson = try CommandInput.lesson(name)
            guard let optimizer = lesson.optimizer?.name else { continue }
            let file = "\(name).\(request.format.fileExtension)"
            let output = StringOutput()
            // Markdown's figures: NAME_files/figure-N.svg beside NAME.md.
            let figures = FigureFiles(folder: FigureFiles.folderName(forPage: file))
            if let notice = try render(lesson, format: request.format, to: output, figures: figures, request: request) {
                notices.append(notice)
            }
            files.append((file, output.text))
            files += figures.files.map { (name: $0.path, text: $0.text) }
            let steps = lesson.training.steps ?? 1
            links.append((lesson.title, file, "\(optimizer.displayName), \(steps) update\(steps == 1 ? "" : "s")"))
        }
        let index = StringOutput()
        do {
            var writer = try request.format.writer(index, paper: request.paper)
            try writer.begin(title: "Handouts")
            try writer.write(.heading(level: 1, text: "Handouts"))
            try writer.write(.paragraph("One worked-example handout per lesson, each with its own optimizer and steps, in the order of the lecture."))
            try writer.write(.links(links))
            try writer.end()
        } catch {
            throw .failure("\(error)")
        }
        files.append(("index.\(request.format.fileExtension)", index.text))

        try FolderOutput.write(files.map { ($0.name, $0.text) }, into: folder)
        return notices
    }

    /// Every bundled lesson that names its optimizer, in lecture order, as one document: a
    /// title, a table of contents, and each lesson's handout as a numbered section. Written
    /// whole or not at all, to `--output` or standard output.
    static func writeBooklet(request: Request, standardOutput: TraceOutput) throws(ToolError) -> [String] {
        var lessons: [Lesson] = []
        for name in BundledLessons.lectureOrder {
            let lesson = try CommandInput.lesson(name)
            if lesson.optimizer != nil { lessons.append(lesson) }
        }
        let (notices, figuresNotice) = try DocumentOutput.writing(
            to: request.outputPath, format: request.format, standardOutput: standardOutput, inputs: []
        ) { output, figures in
            var base = try request.format.writer(output, paper: request.paper, figures: figures)
            try BookletWriter.open(
                &base, title: "Optimization algorithms, worked out",
                note: "Every lesson's handout, in the order of the lecture, each with its own optimizer and steps.",
                contents: lessons.map(\.title))
            var notices: [String] = []
            for (index, lesson) in lessons.enumerated() {
                let part = BookletWriter(base, section: index + 1)
                if let notice = try render(lesson, format: request.format, writer: part, request: request) { notices.append(notice) }
            }
            try base.end()
            return notices
        }
        return notices + [figuresNotice].compactMap { $0 }
    }
}
