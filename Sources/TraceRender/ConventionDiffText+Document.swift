import TraceEngine

extension ConventionDiffText {
    /// `trace diff` as a document (md, html, latex): the same content as ``render()``, with
    /// the rules and the parting formulas as display equations and each step as a table.
    public func write(to writer: inout any DocumentWriter) throws {
        let a = first.description, b = second.description
        let difference = RunDifference(first.steps, second.steps, firstRule: a.rule, secondRule: b.rule, parameters: parameters)
        let (nameA, nameB) = names
        let title = "\(a.experiment.optimizer.displayName): \(nameA) against \(nameB)"
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
            try writer.write(.equations(rule.equations.map {
                .row([.symbol($0.target), .op("←"), MathBuilder.symbolic.build($0.expression)])
            }))
        }
        try writer.write(.heading(level: 2, text: "Where they part"))
        try writer.write(.paragraph(verdict(difference).split(separator: "\n").first.map(String.init) ?? ""))
        if let parting = difference.parting {
            let x = first.steps.first { $0.t == parting.t }?.values[parting.symbol]?[parting.parameter] ?? .nan
            let y = second.steps.first { $0.t == parting.t }?.values[parting.symbol]?[parting.parameter] ?? .nan
            let digits = (precision...17).first { NumberFormat.significant(x, digits: $0) != NumberFormat.significant(y, digits: $0) } ?? 17
            var lines: [MathNode] = []
            for run in [first, second] {
                guard let step = run.steps.first(where: { $0.t == parting.t }),
                    let k = run.description.rule.equations.firstIndex(where: { $0.target == parting.symbol })
                else { continue }
                let line = WorkedFormulas(number: { NumberFormat.significant($0, digits: digits) })
                    .update(parameter: parting.parameter, step: step, rule: run.description.rule, symbols: true)[k]
                lines.append(.row([.text("\(run.description.rule.convention.displayName): "), line]))
            }
            try writer.write(.equations(lines))
        }
        for outcome in [(nameA, first.outcome), (nameB, second.outcome)] {
            if let divergence = outcome.1.divergence {
                try writer.write(.paragraph(
                    "The \(outcome.0) run diverged at t = \(divergence.t) (\(divergence.quantity) is \(NumberFormat.full(divergence.value)))."))
            }
        }
        let tables = tableRows(difference)
        if let note = summaryNote(difference) { try writer.write(.paragraph(note)) }
        for n in shownSteps(difference) {
            let rows = tables[n]
            try writer.write(.beginGroup(id: "step-\(first.steps[n].t)"))
            try writer.write(.heading(level: 3, text: "Step t = \(first.steps[n].t)"))
            try writer.write(.table(Table(header: ["parameter", "value", nameA, nameB, "\(nameB) − \(nameA)"], rows: rows)))
            try writer.write(.endGroup)
        }
        try writer.end()
    }
}
