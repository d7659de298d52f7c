import Foundation
import TraceEngine
import TraceGrading
import TraceLessons
import TraceRender

/// `trace homework`: one folder per student with their own variant of a lesson: a
/// worksheet (Markdown and HTML), an answers template, and the key an autograder grades with.
package enum HomeworkCommand {
    package struct Request: Sendable {
        package var lesson: String
        package var count: Int?
        package var roster: String?
        package var seed: UInt64?
        /// `--ask m,v,m_hat`: the quantities asked.
        package var ask: String?
        /// `--parameter W2[1,1],b2[1]`: the parameters asked about.
        package var parameters: String?
        package var steps: Int?
        /// `--given g|weights`: what the worksheet prints instead of asking for it.
        package var given: String?
        /// `--optimizer`: needed when the lesson names none.
        package var optimizer: Optimizer?
        package var convention: Convention?
        package var outputPath: String?
        /// The paper the HTML worksheet is laid out for.
        package var paper: Paper = .a4
        /// `summary`: the worksheet without the drawing of the network.
        package var detail: Detail = .full

        package init(lesson: String) {
            self.lesson = lesson
        }
    }

    /// The most steps a homework asks for: values are computed by hand.
    package static let maximumSteps = HomeworkPlan.maximumSteps
    /// Updates asked by default: the lesson's, up to three (a hand-sized set).
    package static let defaultSteps = 3
    /// The most students one command makes homework for.
    package static let maximumStudents = 10_000

    /// Writes every student's folder; returns a summary line for standard error.
    package static func execute(_ request: Request) throws(ToolError) -> String {
        guard let folder = request.outputPath else {
            throw .usage("homework writes one folder per student: give the folder with --output DIR")
        }
        try FolderOutput.checkNew(folder, reason: "so that no key from an earlier run is left beside the new ones")
        try OutputGuard.check(output: folder, inputs: [.init("the lesson", CommandInput.lessonFile(request.lesson)), .init("the roster", request.roster)])
        guard let seed = request.seed else {
            throw .usage("give --seed S (any whole number): the same seed makes the same variants again, so keep it with the course")
        }
        let students = try self.students(request)
        let plan = try self.plan(request, seed: seed)
        let drawing = plan.drawing()

        // Each student's files are written as they are made, into a temporary folder that
        // becomes `folder` only when every student is done. A student's files depend on the
        // student only, so they are made on every core and written in the roster's order.
        let paper = request.paper, detail = request.detail, passesAsked = !plan.sampleQuantities.isEmpty
        let lesson = request.lesson
        try FolderOutput.writing(folder) { output throws(ToolError) in
            try OrderedParallelMap.forEach(students) { student in
                Result { () throws(ToolError) in try files(for: student, drawing: drawing, paper: paper, detail: detail, passesAsked: passesAsked, lesson: lesson) }
            } consume: { (files: Result<[StudentFile], ToolError>) throws(ToolError) in
                for file in try files.get() { try output.write(file.path, file.text) }
            }
        }
        let asked = plan.asked.count
        return "wrote homework for \(students.count) student\(students.count == 1 ? "" : "s") in \(folder) (\(asked) value\(asked == 1 ? "" : "s") asked of each; seed \(seed))"
    }

    /// One file of a student's homework: its path in the folder and its text.
    typealias StudentFile = (path: String, text: String)

    /// `student`'s worksheet (Markdown and HTML), answers template and key.
    private static func files(
        for student: String, drawing: HomeworkPlan.Drawing, paper: Paper, detail: Detail, passesAsked: Bool, lesson: String
    ) throws(ToolError) -> [StudentFile] {
        let variant: HomeworkVariant
        do throws(HomeworkError) {
            variant = try drawing.variant(for: student)
        } catch {
            throw error.toolError(passesAsked: passesAsked)
        }
        let files: [StudentFile]
        do {
            files = [
                ("\(student)/worksheet.md", try variant.worksheet(.md, paper: paper, detail: detail)),
                ("\(student)/worksheet.html", try variant.worksheet(.html, paper: paper, detail: detail)),
                ("\(student)/answers.csv", variant.answerTemplate),
                ("\(student)/key.json", try variant.keyJSON()),
            ]
        } catch {
            throw .failure("\(error)")
        }
        let keySize = files[3].text.utf8.count
        guard keySize <= GradeCommand.maximumKeySize else {
            throw .usage(
                "\(lesson): student \(student)'s key would be \(keySize >> 20) MiB, more than the 16 MiB 'trace grade' reads; ask fewer --steps, or use fewer samples or a smaller network")
        }
        return files
    }

    /// Student ids: the roster's, or `001`…`N`.
    static func students(_ request: Request) throws(ToolError) -> [String] {
        switch (request.count, request.roster) {
        case (nil, nil):
            throw .usage("say who the homework is for: --count N (folders 001…N) or --roster FILE.csv (a column 'id')")
        case (.some, .some):
            throw .usage("give --count or --roster, not both")
        case let (count?, nil):
            guard (1...maximumStudents).contains(count) else {
                throw .usage("--count must be between 1 and \(maximumStudents), not \(count)")
            }
            let width = max(3, String(count).count)
            return (1...count).map { n in String(repeating: "0", count: width - String(n).count) + String(n) }
        case let (nil, path?):
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw .usage("cannot read the roster '\(path)': check the path (it must be UTF-8 text)")
            }
            let ids: [String]
            do {
                ids = try Roster.ids(in: text, file: path)
            } catch {
                throw .lesson(error)
            }
            guard ids.count <= maximumStudents else {
                throw .usage("the roster has \(ids.count) students; at most \(maximumStudents) at a time")
            }
            return ids
        }
    }

    /// The updates a homework computes without --steps: one when it asks the samples' passes
    /// (z, a, δ and the loss of every sample, by hand: the classic exercise is one update, and
    /// each update more multiplies the values asked, so one of them is likelier to cancel);
    /// otherwise the lesson's, at most ``defaultSteps``.
    static func defaultSteps(of lesson: Lesson, asking ask: String?) -> Int {
        let asked = (ask ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if asked.contains(where: { SampleQuantity(rawValue: $0) != nil }) { return 1 }
        return min(lesson.training.steps ?? defaultSteps, defaultSteps)
    }

    /// The lesson's experiment, variant ranges and tolerances, with what is asked.
    static func plan(_ request: Request, seed: UInt64) throws(ToolError) -> HomeworkPlan {
        let lesson = try CommandInput.lesson(request.lesson)
        guard let optimizer = request.optimizer ?? lesson.optimizer?.name else {
            throw .usage("\(request.lesson) names no optimizer; add an 'optimizer:' section or give --optimizer NAME")
        }
        if let steps = request.steps, !(1...maximumSteps).contains(steps) {
            throw .usage("--steps for homework must be between 1 and \(maximumSteps), not \(steps): each value is computed by hand")
        }
        var settings = RunSettings(optimizer: optimizer)
        settings.convention = request.convention
        settings.steps = request.steps ?? defaultSteps(of: lesson, asking: request.ask ?? lesson.homework?.ask?.joined(separator: ","))
        let base = try CommandInput.experiment(settings, for: lesson)

        let names = base.layout.names
        // The lesson's `homework:` section gives the defaults of --ask and --parameter; an
        // error in a name it gives points at the section.
        let homeworkLocation = lesson.homework?.location ?? SourceLocation(file: lesson.source, line: 1, column: 1)
        let parametersFromLesson = request.parameters == nil && lesson.homework?.parameters != nil
        let askFromLesson = request.ask == nil && lesson.homework?.ask != nil
        func refused(_ message: String, flag: String, fromLesson: Bool) -> ToolError {
            fromLesson ? .lesson(LessonError(homeworkLocation, "homework \(flag.dropFirst(2)): \(message)")) : .usage("\(flag): \(message)")
        }
        let parameterText = request.parameters ?? lesson.homework?.parameters?.joined(separator: ",")
        var parameters: [String] = []
        for name in (parameterText ?? HomeworkPlan.defaultParameter(of: base)).split(separator: ",", omittingEmptySubsequences: false) {
            // Parameter names hold commas themselves (W1[1,2]): rejoin pieces inside brackets.
            let piece = String(name).trimmingCharacters(in: .whitespaces)
            if let last = parameters.last, last.contains("["), !last.contains("]") {
                parameters[parameters.count - 1] = last + "," + piece
            } else {
                parameters.append(piece)
            }
        }
        var matched: [String] = []
        for name in parameters {
            guard let match = base.layout.name(matching: name) else {
                throw refused("this lesson has no parameter '\(name)'\(Suggestion.clause(for: name, in: names)) (it has \(names.joined(separator: ", ")))", flag: "--parameter", fromLesson: parametersFromLesson)
            }
            if let index = base.layout.index(named: match), base.objective == nil, base.network.fixed.contains(index) {
                let free = names.indices.filter { !base.network.fixed.contains($0) }.map { names[$0] }
                throw refused("\(match) is fixed in this lesson (model.fixed: it keeps its value), so there is nothing to ask about it; ask about one of \(free.joined(separator: ", "))", flag: "--parameter", fromLesson: parametersFromLesson)
            }
            if !matched.contains(match) { matched.append(match) }
        }
        parameters = matched

        let given = try self.given(request, steps: base.steps)
        let available = HomeworkPlan.defaultQuantities(of: base)
        // With g given, g is not asked by default.
        var quantities = given == .g ? available.filter { $0 != .g } : available
        var sampleQuantities: [SampleQuantity] = []
        if let ask = request.ask ?? lesson.homework?.ask?.joined(separator: ",") {
            quantities = []
            // The samples' passes (z, a, delta, loss) are asked of a network, not of an objective.
            let passes = base.objective == nil ? SampleQuantity.allCases.map(\.rawValue) : []
            for name in ask.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
                if passes.contains(name), let quantity = SampleQuantity(rawValue: name) {
                    if !sampleQuantities.contains(quantity) { sampleQuantities.append(quantity) }
                    continue
                }
                let all = [Symbol.w] + available
                guard let symbol = Symbol(rawValue: name), all.contains(symbol) else {
                    let names = all.map(\.rawValue) + passes
                    if base.objective != nil, SampleQuantity(rawValue: name) != nil {
                        throw refused(
                            "'\(name)' is a value of a network's forward and backward pass, and this lesson minimises a function of w, which has none (it has \(names.joined(separator: ", ")))",
                            flag: "--ask", fromLesson: askFromLesson)
                    }
                    throw refused(
                        "\(optimizer.rawValue) has no quantity '\(name)'\(Suggestion.clause(for: name, in: names)) (it has \(names.joined(separator: ", ")))",
                        flag: "--ask", fromLesson: askFromLesson)
                }
                if !quantities.contains(symbol) { quantities.append(symbol) }
            }
            sampleQuantities = SampleQuantity.allCases.filter(sampleQuantities.contains)
            guard !quantities.isEmpty || !sampleQuantities.isEmpty else { throw .usage("--ask names no quantity; e.g. --ask \(available.map(\.rawValue).joined(separator: ","))") }
            // The rule's order, whatever order they were asked in.
            quantities = ([Symbol.w] + available).filter(quantities.contains)
            if given == .g, quantities.contains(.g) {
                throw .usage("--given g prints g on the worksheet, so it cannot be asked too; leave g out of --ask")
            }
            if given == .weights, quantities.contains(.w) {
                throw .usage("--given weights prints every weight from t = 2 on, so w cannot be asked too; leave w out of --ask")
            }
        }
        let variants = lesson.variants ?? VariantSettings()
        for symbol in variants.hyperparameters.keys.sorted() {
            let used = symbol == .l2 ? base.l2 != nil : optimizer.hyperparameters.contains(symbol)
            guard !used else { continue }
            let location = variants.hyperparameterLocations[symbol] ?? variants.location ?? SourceLocation(file: lesson.source, line: 1, column: 1)
            let what = symbol == .l2 ? "this run has no L2 term ('l2:' in the optimizer section)" : "\(optimizer.rawValue) does not use it"
            throw .lesson(LessonError(location, "variants gives a range for \(symbol.rawValue), but \(what); remove it"))
        }
        var plan = HomeworkPlan(
            base: base, variants: variants, grading: lesson.grading ?? GradingSettings(),
            seed: seed, parameters: parameters, quantities: quantities, given: given)
        plan.sampleQuantities = sampleQuantities
        return plan
    }

    /// `--given g|weights`, checked against the number of updates asked about.
    static func given(_ request: Request, steps: Int) throws(ToolError) -> GivenValues? {
        guard let text = request.given?.trimmingCharacters(in: .whitespaces) else { return nil }
        let names = GivenValues.allCases.map(\.rawValue)
        guard let given = GivenValues(rawValue: text.lowercased()) else {
            let hint = text.contains(",") ? "; give one of them: with g given, the weights are not needed" : Suggestion.clause(for: text, in: names)
            throw .usage("--given takes g (g of the asked parameters at every update) or weights (every weight from t = 2 on), not '\(text)'\(hint)")
        }
        if given == .weights, steps < 2 {
            throw .usage("--given weights prints the weights at the start of updates 2 and later, but this homework asks about update 1 only; leave --given out, or ask about more updates with --steps")
        }
        return given
    }
}
