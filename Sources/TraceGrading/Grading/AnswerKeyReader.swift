import Foundation
import TraceEngine
import TraceLessons

/// Reads `key.json` (a trace/v1 with `asked` and `tolerances`, as `trace homework` writes it).
///
/// The experiment is rebuilt from the trace's own `lesson` and `optimizer` objects and run
/// again; the key is refused unless that run gives the key's values (to 10⁻⁹ relative), so
/// an edited or mismatched key cannot grade anyone.
public enum AnswerKeyReader {
    public static func read(_ data: Data, file: String) throws(KeyError) -> AnswerKey {
        let decoded: KeyFile
        do {
            decoded = try JSONDecoder().decode(KeyFile.self, from: data)
        } catch let error as DecodingError {
            throw KeyError(file: file, message: "this is not an answer key made by 'trace homework' (\(describe(error))); make the keys again")
        } catch {
            throw KeyError(file: file, message: "this is not an answer key made by 'trace homework' (\(error)); make the keys again")
        }
        guard decoded.schema == "trace/v1" else {
            throw KeyError(file: file, message: "the key's schema is '\(decoded.schema)', not trace/v1; make the keys again with this version of trace")
        }
        guard let asked = decoded.asked, !asked.isEmpty else {
            throw KeyError(file: file, message: "the key asks for nothing (no \"asked\" list); make keys with 'trace homework', not 'trace … --format json'")
        }
        for (n, step) in decoded.steps.enumerated() where step.t != n + 1 {
            throw KeyError(file: file, message: "the key's step \(n + 1) says t = \(step.t); its steps must be t = 1, 2, … in order: make the keys again")
        }
        guard (1...HomeworkPlan.maximumSteps).contains(decoded.lesson.training.steps), decoded.lesson.training.steps == decoded.steps.count else {
            throw KeyError(
                file: file,
                message: "the key's lesson runs \(decoded.lesson.training.steps) updates but the key has \(decoded.steps.count) (a homework has 1 to \(HomeworkPlan.maximumSteps)); make the keys again")
        }
        let experiment = try decoded.experiment(file: file)
        let problems = experiment.problems()
        guard problems.isEmpty else {
            throw KeyError(file: file, message: "the key's lesson cannot run (\(problems.joined(separator: "; "))); make the keys again")
        }

        var askedValues: [AskedValue] = []
        var values: [Double] = []
        var passes: RecordingSink?  // the key's run, for values of the samples' passes
        for entry in asked {
            if let sample = entry.sample {
                guard let place = SamplePlace.parse("\(entry.parameter) of sample \(sample)", quantity: entry.quantity),
                    place.name == entry.parameter
                else {
                    throw KeyError(file: file, message: "the key asks for '\(entry.quantity)' of '\(entry.parameter)' of sample \(sample), which is not a value of a sample's passes; make the keys again")
                }
                let value = AskedValue(t: entry.t, place: place)
                guard !askedValues.contains(value) else {
                    throw KeyError(file: file, message: "the key asks for \(value.description) twice; make the keys again")
                }
                if passes == nil {
                    var sink = RecordingSink()
                    _ = try? Engine.run(experiment, into: &sink)
                    passes = sink
                }
                guard entry.t >= 1, entry.t <= decoded.steps.count, let number = passes.flatMap({ place.value(in: $0, at: entry.t, computed: false) }) else {
                    throw KeyError(file: file, message: "the key asks for \(value.description), which its run does not have (no such sample in that update's batch, layer or unit)")
                }
                askedValues.append(value)
                values.append(number)
                continue
            }
            if askedValues.contains(where: { $0.t == entry.t && $0.parameter == entry.parameter && $0.quantity.rawValue == entry.quantity }) {
                throw KeyError(file: file, message: "the key asks for \(entry.quantity) of \(entry.parameter) at t = \(entry.t) twice; make the keys again")
            }
            guard let quantity = Symbol(rawValue: entry.quantity), quantity.kind == .perParameter else {
                throw KeyError(file: file, message: "the key asks for '\(entry.quantity)', which is not a quantity of a parameter")
            }
            guard entry.t >= 1, entry.t <= decoded.steps.count,
                let value = decoded.steps[entry.t - 1].parameters[entry.parameter]?[entry.quantity]
            else {
                throw KeyError(file: file, message: "the key asks for \(entry.quantity) of \(entry.parameter) at t = \(entry.t), which its steps do not hold")
            }
            askedValues.append(AskedValue(t: entry.t, parameter: entry.parameter, quantity: quantity))
            values.append(value)
        }

        var tolerances: [Symbol: GradingSettings.Tolerance] = [:]
        for (name, tolerance) in (decoded.tolerances ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let symbol = Symbol(rawValue: name), symbol.kind == .perParameter,
                tolerance.rtol >= 0, tolerance.rtol < 1, tolerance.atol >= 0, tolerance.atol.isFinite
            else {
                throw KeyError(file: file, message: "the key's tolerance for '\(name)' is not usable; make the keys again")
            }
            tolerances[symbol] = GradingSettings.Tolerance(rtol: tolerance.rtol, atol: tolerance.atol)
        }

        for asked in askedValues where asked.place == nil && experiment.layout.index(named: asked.parameter) == nil {
            throw KeyError(file: file, message: "the key asks about \(asked.parameter), which its network does not have")
        }
        let given = try givenValues(decoded, asked: askedValues, experiment: experiment, file: file)
        try checkReproduces(decoded.steps, experiment: experiment, file: file)
        var key = AnswerKey(student: decoded.student, experiment: experiment, asked: askedValues, values: values, tolerances: tolerances)
        key.given = given
        return key
    }

    /// The key's `given` list (`trace homework --given`) with the key's values: each a `g` or
    /// `w` of one of its parameters at one of its steps, given once and not also asked.
    static func givenValues(
        _ decoded: KeyFile, asked: [AskedValue], experiment: Experiment, file: String
    ) throws(KeyError) -> [(value: AskedValue, number: Double)] {
        var given: [(value: AskedValue, number: Double)] = []
        for entry in decoded.given ?? [] {
            guard let quantity = Symbol(rawValue: entry.quantity), quantity == .g || quantity == .w else {
                throw KeyError(file: file, message: "the key gives '\(entry.quantity)', but a worksheet gives only g or w; make the keys again")
            }
            let value = AskedValue(t: entry.t, parameter: entry.parameter, quantity: quantity)
            guard experiment.layout.index(named: entry.parameter) != nil, entry.t >= 1, entry.t <= decoded.steps.count,
                let number = decoded.steps[entry.t - 1].parameters[entry.parameter]?[entry.quantity]
            else {
                throw KeyError(file: file, message: "the key gives \(value.description), which its steps do not hold; make the keys again")
            }
            if asked.contains(value) {
                throw KeyError(file: file, message: "the key both gives and asks for \(value.description); make the keys again")
            }
            if given.contains(where: { $0.value == value }) {
                throw KeyError(file: file, message: "the key gives \(value.description) twice; make the keys again")
            }
            given.append((value, number))
        }
        return given
    }

    /// The key's experiment, run again, gives every value of the key's steps.
    static func checkReproduces(_ steps: [KeyFile.Step], experiment: Experiment, file: String) throws(KeyError) {
        var sink = RecordingSink()
        do {
            try Engine.run(experiment, into: &sink)
        } catch {
            throw KeyError(file: file, message: "the key's lesson cannot run (\(error)); make the keys again")
        }
        guard steps.count == sink.steps.count else {
            throw KeyError(file: file, message: "the key has \(steps.count) steps but its lesson runs \(sink.steps.count); make the keys again")
        }
        let layout = experiment.layout
        for step in steps {
            for (parameter, values) in step.parameters.sorted(by: { $0.key < $1.key }) {
                guard let index = layout.index(named: parameter) else {
                    throw KeyError(file: file, message: "the key's step \(step.t) has a parameter \(parameter), which its network does not have")
                }
                for (name, value) in values.sorted(by: { $0.key < $1.key }) {
                    guard let symbol = Symbol(rawValue: name) else { continue }
                    let again = sink.computed(symbol, at: step.t, parameter: index) ?? .nan
                    guard abs(again - value) <= 1e-9 * max(abs(again), abs(value)) else {
                        throw KeyError(
                            file: file,
                            message: "the key's \(AskedValue(t: step.t, parameter: parameter, quantity: symbol).description) is \(value), but its lesson gives \(again): the key was edited or made by another version; make the keys again")
                    }
                }
            }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context):
            return "no \"\(key.stringValue)\" at \(path(context))"
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return "it is not JSON"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            // Foundation's sentences end in a full stop: "… at .steps[0]", not ". at".
            let text = context.debugDescription.hasSuffix(".") ? String(context.debugDescription.dropLast()) : context.debugDescription
            return "\(text) at \(path(context))"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top" : path
    }
}
