import TraceEngine

/// A homework worksheet: the lesson's network, data, hyperparameters and formulas, as a
/// handout opens, then what to compute, the values given (`--given`), and a table per
/// parameter with a blank for every asked value.
///
/// Numbers are written exactly (`0.0005`, `1e-08`): a variant's inputs are hand-friendly
/// and the student computes from exactly these. Given values, computed by the key's run,
/// are written to ``givenDigits`` significant digits. The lesson's own prose is left out:
/// it discusses the lesson's numbers, which the variant changes.
public struct WorksheetBuilder {
    /// One blank: a quantity of a parameter at update `t`.
    public typealias Blank = (t: Int, parameter: String, quantity: Symbol)
    /// One blank of a sample's forward or backward pass at update `t`: the sample's number
    /// (from 1), the value's name in answers (`delta1[2]`) and the lecture's symbol (`δ1[2]`).
    public typealias PassBlank = (t: Int, sample: Int, name: String, symbol: String)
    /// One value the worksheet prints instead of asking for it.
    public typealias Given = (t: Int, parameter: String, quantity: Symbol, value: Double)

    /// Significant digits of a given value: two more than the four asked, so that a value
    /// computed from it is as close to the key's as rounding to four digits allows.
    public static let givenDigits = 6

    public var writer: any DocumentWriter
    /// `summary` leaves out the drawing of the network, whose numbers the layer table holds,
    /// so that a worksheet prints on fewer pages.
    public var detail: Detail

    public init(writer: any DocumentWriter, detail: Detail = .full) {
        self.writer = writer
        self.detail = detail
    }

    /// Writes the whole worksheet for `student`.
    public mutating func write(
        _ run: RunDescription, student: String, blanks: [Blank], passBlanks: [PassBlank] = [], given: [Given] = []
    ) throws {
        let title = "\(run.experiment.title): homework for \(student)"
        try writer.begin(title: title)
        var introduced = run
        introduced.experiment.title = title
        var introduction = LessonIntroduction(
            number: NumberFormat.exact, vector: { "(" + $0.map(NumberFormat.exact).joined(separator: ", ") + ")" }, showsSummary: false)
        introduction.showsDiagram = detail == .full
        try introduction.write(introduced, to: &writer)

        try writer.write(.heading(level: 2, text: "Your task"))
        let inputs = run.experiment.objective == nil ? "the batch and η given above" : "η given above"
        let example = blanks.first.map { "{\"steps\": [{\"t\": \($0.t), \"parameters\": {\"\($0.parameter)\": {\"\($0.quantity.rawValue)\": …}}}]}" }
            ?? passBlanks.first.map { "{\"steps\": [{\"t\": \($0.t), \"parameters\": {\"\($0.name) of sample \($0.sample)\": {\"\(Self.quantity(of: $0.name))\": …}}}]}" } ?? ""
        try writer.write(.paragraph(
            "Compute the values below by hand, to four significant digits or better, with t counting updates from 1 (\(Wording.stateStart(run.rule, scalars: run.experiment.scalars, number: NumberFormat.exact))). Each update uses \(inputs). Write each value in answers.csv (one row per value: t, parameter, quantity, value) or in answers.json, shaped \(example). A value computed from one of your own earlier values is marked right when it follows from that value, so one slip costs one mark."))

        var parameters: [String] = []
        for blank in blanks where !parameters.contains(blank.parameter) { parameters.append(blank.parameter) }
        let steps = (blanks.map(\.t) + passBlanks.map(\.t) + given.map(\.t)).max() ?? 1
        if !parameters.isEmpty {
            try writer.write(.paragraph(WorksheetWording.whatToCompute(
                experiment: run.experiment, asked: parameters, steps: steps,
                givesG: given.contains { $0.quantity == .g }, givesWeights: given.contains { $0.quantity == .w })))
        }
        try writePass(passBlanks, steps: steps, asksParameters: !parameters.isEmpty)

        let givenWeights = given.filter { $0.quantity == .w }
        if !givenWeights.isEmpty {
            var names: [String] = []
            for value in givenWeights where !names.contains(value.parameter) { names.append(value.parameter) }
            var updates: [Int] = []
            for value in givenWeights where !updates.contains(value.t) { updates.append(value.t) }
            let rows = names.map { name in
                [name] + updates.map { t in
                    givenWeights.first { $0.parameter == name && $0.t == t }.map { Self.number($0.value) } ?? "—"
                }
            }
            try writer.write(.table(Table(
                header: ["parameter"] + updates.map { "w at t = \($0)" }, rows: rows,
                caption: "Given: every parameter's weight at the start of update t (after update t − 1), to \(Self.givenDigits) significant digits.")))
        }

        for parameter in parameters {
            let own = blanks.filter { $0.parameter == parameter }
            let ownGiven = given.filter { $0.parameter == parameter && $0.quantity != .w }
            var quantities: [Symbol] = []
            for value in ownGiven where !quantities.contains(value.quantity) { quantities.append(value.quantity) }
            for blank in own where !quantities.contains(blank.quantity) { quantities.append(blank.quantity) }
            var steps: [Int] = []
            for t in (own.map(\.t) + ownGiven.map(\.t)) where !steps.contains(t) { steps.append(t) }
            steps.sort()
            let rows = steps.map { t in
                ["\(t)"] + quantities.map { q in
                    if let value = ownGiven.first(where: { $0.t == t && $0.quantity == q }) { return Self.number(value.value) }
                    return own.contains { $0.t == t && $0.quantity == q } ? "" : "—"
                }
            }
            let givenColumns = Set(ownGiven.map(\.quantity))
            let header = ["t"] + quantities.map { q in
                let label = q.columnLabel == q.rawValue ? q.rawValue : "\(q.columnLabel) (\(q.rawValue))"
                return givenColumns.contains(q) ? "\(label), given" : label
            }
            let givenNote = givenColumns.isEmpty
                ? ""
                : " The \(givenColumns.map(\.rawValue).sorted().joined(separator: ", ")) column is given, to \(Self.givenDigits) significant digits; fill in the blanks."
            try writer.write(.table(Table(
                header: header, rows: rows,
                caption: "\(parameter): the values update t computes (w_new is the weight after it).\(givenNote)")))
        }
        try writer.end()
    }

    /// One table per update and sample, the values in the order the lecture computes them:
    /// the forward pass layer by layer (`z`, then `a = f(z)`), the loss, then `δ` from the last
    /// layer down. Each row names the value as answers.csv does (parameter, quantity).
    private mutating func writePass(_ blanks: [PassBlank], steps: Int, asksParameters: Bool) throws {
        guard !blanks.isEmpty else { return }
        try writer.write(.paragraph(
            "The tables below ask for each sample's forward and backward pass, with the formulas above, in the order they are computed: layer by layer z, then a = f(z); the loss L of ŷ and y; then δ from the last layer down. Each value is graded from your own earlier values, so a slip in z costs that value only."
                + (asksParameters ? "" : (steps > 1 ? " Update every parameter (w_new = w − η·g and the optimizer's formulas above) before the next update's forward pass." : ""))))
        var groups: [(t: Int, sample: Int)] = []
        for blank in blanks where !groups.contains(where: { $0.t == blank.t && $0.sample == blank.sample }) {
            groups.append((blank.t, blank.sample))
        }
        for (t, sample) in groups {
            let rows = blanks.filter { $0.t == t && $0.sample == sample }.map { blank in
                [blank.symbol, "\(blank.name) of sample \(sample), \(Self.quantity(of: blank.name))", ""]
            }
            try writer.write(.table(Table(
                header: ["value", "in answers.csv (parameter, quantity)", "your answer"], rows: rows,
                caption: "Update t = \(t), sample \(sample): the forward pass, the loss and the backward pass, in this order.")))
        }
    }

    /// `z2[1]` → `z`, `delta1[2]` → `delta`, `loss` → `loss`.
    static func quantity(of name: String) -> String {
        String(name.prefix { $0.isLetter })
    }

    static func number(_ value: Double) -> String {
        NumberFormat.significant(value, digits: givenDigits)
    }
}
