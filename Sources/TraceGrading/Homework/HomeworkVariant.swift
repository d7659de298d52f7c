import TraceEngine
import TraceLessons
import TraceRender

/// One student's homework: their experiment, its run, what they are asked, and the files
/// that carry it (the worksheet, and the key an autograder grades with).
public struct HomeworkVariant: Sendable {
    public var student: String
    public var run: RunDescription
    var steps: [StepRecord]
    var outcome: RunOutcome
    public var asked: [AskedValue]
    /// The values the worksheet prints instead of asking for (`--given`), in `asked`'s shape.
    public var given: [AskedValue] = []
    var tolerances: [(quantity: Symbol, tolerance: GradingSettings.Tolerance)]
    /// How many draws it took to find a usable variant.
    public var draws: Int
    /// Why each draw before it was not used, in order.
    public var rejections: [DrawProblem] = []

    public var experiment: Experiment { run.experiment }

    /// `key.json`: the variant's whole trace/v1, then `student`, `asked`, `given` (only when the
    /// worksheet gives values) and `tolerances`.
    public func keyJSON() throws -> String {
        let output = StringOutput()
        var writer = JSONTraceWriter(output: output)
        writer.closingKeys = [
            ("student", JSONText.string(student)),
            ("asked", "[" + asked.map(Self.askedJSON).joined(separator: ",\n  ") + "]"),
        ]
        if !given.isEmpty {
            writer.closingKeys.append(("given", "[" + given.map(Self.askedJSON).joined(separator: ",\n  ") + "]"))
        }
        writer.closingKeys += [
            ("tolerances", JSONText.object(tolerances.map { quantity, tolerance in
                (quantity.rawValue, JSONText.object([("rtol", NumberFormat.json(tolerance.rtol)), ("atol", NumberFormat.json(tolerance.atol))]))
            })),
        ]
        try writer.begin(run)
        for step in steps { try writer.record(step) }
        try writer.finish(outcome)
        return output.text
    }

    /// The worksheet in `format` (Markdown or HTML are what `trace homework` writes).
    public func worksheet(_ format: OutputFormat, paper: Paper = .a4, detail: Detail = .full) throws -> String {
        let output = StringOutput()
        var builder = WorksheetBuilder(writer: try format.writer(output, paper: paper), detail: detail)
        try builder.write(
            run, student: student, blanks: asked.filter { $0.place == nil }.map { ($0.t, $0.parameter, $0.quantity) },
            passBlanks: asked.compactMap { value in value.place.map { (value.t, $0.sample, $0.name, $0.unicode) } },
            given: given.map { ($0.t, $0.parameter, $0.quantity, value(of: $0)) })
        return output.text
    }

    /// A spreadsheet to fill in: `t,parameter,quantity,value`, one row per asked value, the values blank.
    public var answerTemplate: String {
        "t,parameter,quantity,value\n" + asked.map { "\($0.t),\(CSVField.quoted($0.parameter)),\($0.quantityName),\n" }.joined()
    }

    /// The run's value of `value` (as the key holds it).
    func value(of value: AskedValue) -> Double {
        if let place = value.place {
            guard steps.indices.contains(value.t - 1),
                let sample = steps[value.t - 1].samples.first(where: { $0.index == place.sample })
            else { return .nan }
            return place.value(in: sample.layers, loss: sample.loss) ?? .nan
        }
        guard let index = run.experiment.layout.index(named: value.parameter), steps.indices.contains(value.t - 1) else { return .nan }
        return steps[value.t - 1].values[value.quantity]?[index] ?? .nan
    }

    /// `{"t", "parameter", "quantity"}`; a sample's value also has `"sample"`, and its
    /// `parameter` is its place's name (`z2[1]`, `delta1[2]`, `loss`).
    static func askedJSON(_ value: AskedValue) -> String {
        if let place = value.place {
            return JSONText.object([
                ("t", String(value.t)), ("sample", String(place.sample)), ("parameter", JSONText.string(place.name)),
                ("quantity", JSONText.string(place.quantity.rawValue)),
            ])
        }
        return JSONText.object([
            ("t", String(value.t)), ("parameter", JSONText.string(value.parameter)),
            ("quantity", JSONText.string(value.quantity.rawValue)),
        ])
    }
}
