import TraceEngine

/// `trace diff` as text: two runs of one experiment under different conventions, their
/// formulas, where they first part (the two formulas with their numbers, side by side), and
/// every shared value of every step with the difference.
public struct ConventionDiffText {
    /// One run: what it was, and its steps.
    public struct Run {
        public var description: RunDescription
        public var steps: [StepRecord]
        public var outcome: RunOutcome

        public init(description: RunDescription, steps: [StepRecord], outcome: RunOutcome) {
            self.description = description
            self.steps = steps
            self.outcome = outcome
        }
    }

    let first: Run
    let second: Run
    let precision: Int
    /// The parameters whose rows are shown (all by default).
    let parameters: [Int]
    /// `full`: a table for every step; `summary`: for the step where the runs part (else the
    /// first) and the last.
    public var detail: Detail = .full

    public init(_ first: Run, _ second: Run, precision: Int, parameters: [Int]? = nil) {
        self.first = first
        self.second = second
        self.precision = precision
        self.parameters = parameters ?? Array(first.description.layout.names.indices)
    }

    func number(_ x: Double) -> String { NumberFormat.significant(x, digits: precision) }

    var names: (String, String) {
        (first.description.rule.convention.displayName, second.description.rule.convention.displayName)
    }

    /// The runs' shared values compared, step by step.
    func runDifference() -> RunDifference {
        RunDifference(first.steps, second.steps, firstRule: first.description.rule, secondRule: second.description.rule, parameters: parameters)
    }

    /// `Adam: lecture against PyTorch`.
    var title: String {
        "\(first.description.experiment.optimizer.displayName): \(names.0) against \(names.1)"
    }

    /// The comparison for a terminal, as blocks for the text writer (which fits every line
    /// to its width, stacking each table in blocks that repeat the parameter and value
    /// columns): the runs and their formulas, where they first part (the two formulas with
    /// their numbers), then a banner and a table per shown step.
    public func writeTerminal(to writer: inout any DocumentWriter) throws {
        let a = first.description, difference = runDifference()
        let (nameA, nameB) = names
        try writer.begin(title: title)
        try writer.write(.lines([
            IndentedLine("\(title) · \(a.experiment.title) · \(Wording.counted(a.experiment.steps, "update"))"),
            hyperparameters(),
        ]))
        try writer.write(.lines([first, second].flatMap { run in
            let rule = run.description.rule
            return [IndentedLine("\(rule.convention.displayName) (\(Wording.stateStart(rule, scalars: run.description.experiment.scalars, number: number))):")]
                + rule.assignments(scheduled: false).map { IndentedLine(depth: 1, [.equation($0)]) }
        }))
        let width = max(nameA.count, nameB.count)
        let parting = partingFormulas(difference).map { name, formula in
            IndentedLine(depth: 1, [.text(name + String(repeating: " ", count: width - name.count) + "  "), .math(formula)])
        }
        try writer.write(.lines([IndentedLine(verdict(difference))] + parting + divergences().map { IndentedLine($0) }))
        if let note = summaryNote(difference) { try writer.write(.paragraph(note)) }
        for (n, table) in stepTables(difference) {
            try writer.write(.heading(level: 4, text: "t = \(first.steps[n].t)"))
            try writer.write(.table(table))
        }
        try writer.end()
    }

    /// The hyperparameters, once when both runs use the same, else each run's.
    private func hyperparameters() -> IndentedLine {
        let a = first.description.experiment.updateHyperparameters, b = second.description.experiment.updateHyperparameters
        let same = a.count == b.count && zip(a, b).allSatisfy { $0.symbol == $1.symbol && $0.value == $1.value }
        if same { return IndentedLine([.text("Hyperparameters (both): "), .math(.assignments(a, number: NumberFormat.exact))]) }
        let (nameA, nameB) = names
        return IndentedLine([
            .text("Hyperparameters: \(nameA) "), .math(.assignments(a, number: NumberFormat.exact)),
            .text("; \(nameB) "), .math(.assignments(b, number: NumberFormat.exact)),
        ])
    }

    /// Whether and where the runs part, in a sentence (ending in a colon before the formulas
    /// that part, ``partingFormulas(_:)``).
    func verdict(_ difference: RunDifference) -> String {
        guard let parting = difference.parting else {
            if !difference.differsAtAll {
                return "The two runs agree exactly: every shared value is the same double at every step."
            }
            return "The two runs agree up to rounding: the same formulas, their operations in another order; the largest relative difference is \(NumberFormat.significant(difference.largestRelative, digits: 2))."
        }
        let parameter = first.description.layout.names[parting.parameter]
        return "They first part at t = \(parting.t), in \(parting.symbol == .wNew ? "the new weight w" : parting.symbol.unicode) of \(parameter) (relative difference \(NumberFormat.significant(parting.relative, digits: 2))):"
    }

    /// Where the runs part, each run's formula for the value that parts with its numbers put
    /// in, with enough digits that the two results read differently; none if they never part.
    func partingFormulas(_ difference: RunDifference) -> [(convention: String, formula: MathNode)] {
        guard let parting = difference.parting else { return [] }
        let x = first.steps.first { $0.t == parting.t }?.values[parting.symbol]?[parting.parameter] ?? .nan
        let y = second.steps.first { $0.t == parting.t }?.values[parting.symbol]?[parting.parameter] ?? .nan
        let digits = (precision...17).first { NumberFormat.significant(x, digits: $0) != NumberFormat.significant(y, digits: $0) } ?? 17
        return [first, second].compactMap { run in
            guard let step = run.steps.first(where: { $0.t == parting.t }),
                let k = run.description.rule.equations.firstIndex(where: { $0.target == parting.symbol })
            else { return nil }
            let line = WorkedFormulas(number: { NumberFormat.significant($0, digits: digits) })
                .update(parameter: parting.parameter, step: step, rule: run.description.rule, symbols: true)[k]
            return (run.description.rule.convention.displayName, line)
        }
    }

    /// A sentence for each run that diverged: when, and which value stopped being finite.
    func divergences() -> [String] {
        let (nameA, nameB) = names
        return [(nameA, first.outcome), (nameB, second.outcome)].compactMap { name, outcome in
            outcome.divergence.map {
                "The \(name) run diverged at t = \($0.t) (\($0.quantity) is \(NumberFormat.full($0.value)))."
            }
        }
    }

    /// Per shown step (its index among the shared steps), its table: each shown parameter's
    /// shared values in both runs, and second − first. The parameter and value columns name
    /// a row.
    func stepTables(_ difference: RunDifference) -> [(step: Int, table: Table)] {
        let (nameA, nameB) = names
        let tables = tableRows(difference)
        return shownSteps(difference).map { n in
            (n, Table(header: ["parameter", "value", nameA, nameB, "\(nameB) − \(nameA)"], rows: tables[n], keyColumns: 2))
        }
    }

    /// The indices of the shared steps whose tables are shown (see ``detail``).
    func shownSteps(_ difference: RunDifference) -> [Int] {
        let count = difference.sharedSteps
        guard detail == .summary, count > 0 else { return Array(0..<count) }
        let parting = difference.parting.flatMap { p in first.steps.firstIndex { $0.t == p.t } } ?? 0
        return parting == count - 1 ? [parting] : [parting, count - 1]
    }

    /// With `summary`, which steps' tables are shown, in a sentence.
    func summaryNote(_ difference: RunDifference) -> String? {
        let shown = shownSteps(difference)
        guard detail == .summary, shown.count < difference.sharedSteps else { return nil }
        let ts = shown.map { "t = \(first.steps[$0].t)" }.joined(separator: " and ")
        let which = difference.parting == nil
            ? "the first and the last; the runs never part"
            : shown.count == 1 ? "where the runs part, the last" : "where the runs part, and the last"
        return "The table\(shown.count == 1 ? "" : "s") of \(ts) (\(which)); every step's with --detail full."
    }

    /// Per shared step, the rows of its table: each shown parameter's values in both runs.
    func tableRows(_ difference: RunDifference) -> [[[String]]] {
        (0..<difference.sharedSteps).map { n in
            let a = first.steps[n], b = second.steps[n]
            var rows: [[String]] = []
            for index in parameters {
                for (k, symbol) in difference.symbols.enumerated() {
                    let x = a.values[symbol]?[index] ?? .nan, y = b.values[symbol]?[index] ?? .nan
                    // 3 digits, trailing zeros kept, as a rounded column's numbers are; 0 for
                    // the same double, which is exact (as the two runs' columns, in full, are).
                    let delta = x == y ? "0" : NumberFormat.column(y - x, digits: 3)
                    // In the lecture's symbols (m̂, v̂); the updated weight keeps its name, w_new.
                    rows.append([k == 0 ? first.description.layout.names[index] : "", symbol == .wNew ? symbol.rawValue : symbol.unicode,
                                 NumberFormat.full(x), NumberFormat.full(y), delta])
                }
            }
            return rows
        }
    }
}
