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

    /// The comparison as terminal text, every line fitted to `layout` (the table stacked in
    /// blocks that each repeat the parameter and value columns), set apart with `style`.
    public func render(layout: TextLayout = TextLayout(), style: TextStyle = .plain) -> String {
        let a = first.description, b = second.description
        let difference = RunDifference(first.steps, second.steps, firstRule: a.rule, secondRule: b.rule, parameters: parameters)
        let (nameA, nameB) = names
        var text = "\(a.experiment.optimizer.displayName): \(nameA) against \(nameB) · \(a.experiment.title) · \(Wording.counted(a.experiment.steps, "update"))\n"
        text += hyperparameters()
        text += "\n"
        for run in [first, second] {
            text += "\(run.description.rule.convention.displayName) (\(Wording.stateStart(run.description.rule, scalars: run.description.experiment.scalars, number: number))):\n"
            for line in run.description.rule.unicodeLines { text += "  \(style.equation(line))\n" }
        }
        text += "\n" + verdict(difference)
        for outcome in [(nameA, first.outcome), (nameB, second.outcome)] {
            if let divergence = outcome.1.divergence {
                text += "The \(outcome.0) run diverged at t = \(divergence.t) (\(divergence.quantity) is \(NumberFormat.full(divergence.value))).\n"
            }
        }
        text += table(difference, width: layout.width, style: style)
        return layout.fit(text)
    }

    /// The hyperparameters, once when both runs use the same, else each run's.
    private func hyperparameters() -> String {
        let a = first.description.experiment.updateHyperparameters, b = second.description.experiment.updateHyperparameters
        let same = a.count == b.count && zip(a, b).allSatisfy { $0.symbol == $1.symbol && $0.value == $1.value }
        if same { return "Hyperparameters (both): \(UnicodeMath.render(.assignments(a, number: NumberFormat.exact)))\n" }
        let (nameA, nameB) = names
        return "Hyperparameters: \(nameA) \(UnicodeMath.render(.assignments(a, number: NumberFormat.exact))); \(nameB) \(UnicodeMath.render(.assignments(b, number: NumberFormat.exact)))\n"
    }

    /// Whether and where the runs part, with the two formulas that part, numbers put in.
    func verdict(_ difference: RunDifference) -> String {
        let (nameA, nameB) = names
        guard let parting = difference.parting else {
            if !difference.differsAtAll {
                return "The two runs agree exactly: every shared value is the same double at every step.\n"
            }
            return "The two runs agree up to rounding: the same formulas, their operations in another order; the largest relative difference is \(NumberFormat.significant(difference.largestRelative, digits: 2)).\n"
        }
        let parameter = first.description.layout.names[parting.parameter]
        var text = "They first part at t = \(parting.t), in \(parting.symbol == .wNew ? "the new weight w" : parting.symbol.unicode) of \(parameter) (relative difference \(NumberFormat.significant(parting.relative, digits: 2))):\n"
        let width = max(nameA.count, nameB.count)
        // Enough digits that the two results read differently.
        let x = first.steps.first { $0.t == parting.t }?.values[parting.symbol]?[parting.parameter] ?? .nan
        let y = second.steps.first { $0.t == parting.t }?.values[parting.symbol]?[parting.parameter] ?? .nan
        let digits = (precision...17).first { NumberFormat.significant(x, digits: $0) != NumberFormat.significant(y, digits: $0) } ?? 17
        for run in [first, second] {
            let name = run.description.rule.convention.displayName
            let label = name + String(repeating: " ", count: width - name.count)
            guard let step = run.steps.first(where: { $0.t == parting.t }),
                let k = run.description.rule.equations.firstIndex(where: { $0.target == parting.symbol })
            else { continue }
            let line = WorkedFormulas(number: { NumberFormat.significant($0, digits: digits) })
                .update(parameter: parting.parameter, step: step, rule: run.description.rule, symbols: true)[k]
            text += "  \(label)  \(UnicodeMath.render(line))\n"
        }
        return text
    }

    /// Per step: each shown parameter's shared values in both runs, and second − first.
    private func table(_ difference: RunDifference, width: Int, style: TextStyle) -> String {
        let (nameA, nameB) = names
        var text = ""
        let tables = tableRows(difference)
        if let note = summaryNote(difference) { text += "\n" + note + "\n" }
        for n in shownSteps(difference) {
            let rows = tables[n]
            text += "\n" + style.header("━━ t = \(first.steps[n].t) ━━") + "\n"
            text += TextTable(header: ["parameter", "value", nameA, nameB, "\(nameB) − \(nameA)"], rows: rows, keyColumns: 2)
                .render(width: width, style: style)
        }
        return text
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
