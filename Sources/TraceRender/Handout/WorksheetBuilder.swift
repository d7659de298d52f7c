import TraceEngine

/// A homework worksheet: the lesson's network, data, hyperparameters and formulas, as a
/// handout opens, then a table per parameter with a blank for every asked value.
///
/// Numbers are written exactly (`0.0005`, `1e-08`): a variant's inputs are hand-friendly
/// and the student computes from exactly these. The lesson's own prose is left out: it
/// discusses the lesson's numbers, which the variant changes.
public struct WorksheetBuilder {
    /// One blank: a quantity of a parameter at update `t`.
    public typealias Blank = (t: Int, parameter: String, quantity: Symbol)

    public var writer: any DocumentWriter

    public init(writer: any DocumentWriter) {
        self.writer = writer
    }

    /// Writes the whole worksheet for `student`.
    public mutating func write(_ run: RunDescription, student: String, blanks: [Blank]) throws {
        let title = "\(run.experiment.title): homework for \(student)"
        try writer.begin(title: title)
        var introduced = run
        introduced.experiment.title = title
        let introduction = LessonIntroduction(
            number: NumberFormat.exact, vector: { "(" + $0.map(NumberFormat.exact).joined(separator: ", ") + ")" }, showsSummary: false)
        try introduction.write(introduced, to: &writer)

        try writer.write(.heading(level: 2, text: "Your task"))
        let inputs = run.experiment.objective == nil ? "the batch and η given above" : "η given above"
        let example = blanks.first.map { "{\"steps\": [{\"t\": \($0.t), \"parameters\": {\"\($0.parameter)\": {\"\($0.quantity.rawValue)\": …}}}]}" } ?? ""
        try writer.write(.paragraph(
            "Compute the values below by hand, to four significant digits or better, with t counting updates from 1 (\(Wording.stateStart(run.rule, scalars: run.experiment.scalars, number: NumberFormat.exact))). Each update uses \(inputs). Write each value in answers.csv (one row per value: t, parameter, quantity, value) or in answers.json, shaped \(example). A value computed from one of your own earlier values is marked right when it follows from that value, so one slip costs one mark."))
        var parameters: [String] = []
        for blank in blanks where !parameters.contains(blank.parameter) { parameters.append(blank.parameter) }
        for parameter in parameters {
            let own = blanks.filter { $0.parameter == parameter }
            var quantities: [Symbol] = []
            for blank in own where !quantities.contains(blank.quantity) { quantities.append(blank.quantity) }
            var steps: [Int] = []
            for blank in own where !steps.contains(blank.t) { steps.append(blank.t) }
            let rows = steps.map { t in
                ["\(t)"] + quantities.map { q in own.contains { $0.t == t && $0.quantity == q } ? "" : "—" }
            }
            try writer.write(.table(Table(
                header: ["t"] + quantities.map { $0.columnLabel == $0.rawValue ? $0.rawValue : "\($0.columnLabel) (\($0.rawValue))" }, rows: rows,
                caption: "\(parameter): the values update t computes (w_new is the weight after it).")))
        }
        try writer.end()
    }
}
