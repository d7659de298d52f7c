import TraceEngine

extension ConventionDiffText {
    /// `trace diff` as a document (md, html, latex): the same content as
    /// ``writeTerminal(to:)``, with the rules and the parting formulas as display equations
    /// and each step as a table.
    public func write(to writer: inout any DocumentWriter) throws {
        let a = first.description, difference = runDifference()
        try writer.begin(title: title)
        try writer.write(.heading(level: 1, text: title))
        try writer.write(.paragraph("\(a.experiment.title) · \(Wording.counted(a.experiment.steps, "update")). Each run's settings:"))
        try writer.write(.table(Table(
            header: ["convention", "hyperparameters"],
            rows: [first, second].map { run in
                [run.description.rule.convention.displayName,
                 run.description.experiment.updateHyperparameters.map { "\($0.symbol.unicode) = \(NumberFormat.exact($0.value))" }
                    .joined(separator: ", ")]
            })))
        for run in [first, second] {
            let rule = run.description.rule
            try writer.write(.heading(level: 2, text: "\(rule.convention.displayName) convention"))
            let start = Wording.stateStart(rule, scalars: run.description.experiment.scalars, number: number)
            try writer.write(.paragraph(start.prefix(1).uppercased() + start.dropFirst() + "; each update:"))
            try writer.write(.equations(rule.assignments(scheduled: false)))
        }
        try writer.write(.heading(level: 2, text: "Where they part"))
        try writer.write(.paragraph(verdict(difference)))
        if difference.parting != nil {
            try writer.write(.equations(partingFormulas(difference).map { .row([.text("\($0.convention): "), $0.formula]) }))
        }
        for divergence in divergences() { try writer.write(.paragraph(divergence)) }
        if let note = summaryNote(difference) { try writer.write(.paragraph(note)) }
        for (n, table) in stepTables(difference) {
            try writer.write(.beginGroup(id: "step-\(first.steps[n].t)"))
            try writer.write(.heading(level: 3, text: "Step t = \(first.steps[n].t)"))
            try writer.write(.table(table))
            try writer.write(.endGroup)
        }
        try writer.end()
    }
}
