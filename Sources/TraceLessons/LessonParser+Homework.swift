import TraceEngine
import Yams

/// The homework sections of a lesson: `variants:` and `grading:`.
extension LessonParser {
    static let gradingKeys = ["rtol", "atol", "quantities"]
    static let toleranceKeys = ["rtol", "atol"]
    static let variantHyperparameters: [Symbol] = [.eta, .beta, .rho, .beta1, .beta2, .epsilon, .lambda, .l2, .initialAccumulator]
    static var variantKeys: [String] {
        VariantSettings.Kind.allCases.map(\.rawValue) + variantHyperparameters.map(\.rawValue)
    }
    /// The quantities a student can be asked for, which a `grading:` section can give a tolerance.
    static var gradedQuantities: [Symbol] { Symbol.allCases.filter { $0.kind == .perParameter } }

    /// Every name `homework.ask` may hold: a parameter's quantities and the samples' passes;
    /// whether the lesson's optimizer has the quantity is checked by `trace homework`.
    static var askableNames: [String] {
        gradedQuantities.map(\.rawValue) + SampleQuantity.allCases.map(\.rawValue)
    }

    /// `homework: {ask: [z, a, delta, g, w_new], parameters: ["W1[1,1]", "W2[1,1]"]}`.
    /// `layout` is the network's (`nil` for an objective, whose parameters are `w1`, `w2`).
    static func parseHomework(_ node: Node, layout: ParameterLayout?, reader: YAMLNodeReader) throws(LessonError) -> HomeworkSettings {
        var settings = HomeworkSettings()
        settings.location = reader.location(of: node)
        for (key, _, value) in try reader.mapping(node, context: "homework", allowed: ["ask", "parameters"]) {
            var names: [String] = []
            for item in try reader.list(value, what: key) {
                guard case let .scalar(scalar) = item, !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw reader.error(
                        at: item,
                        "homework \(key) lists names, not \(reader.describe(item)); in a [ ] list quote a name with brackets, parameters: [\"W1[1,1]\", \"W2[1,1]\"], or write one per line")
                }
                let name = scalar.string.trimmingCharacters(in: .whitespaces)
                if key == "ask" {
                    guard askableNames.contains(name) else {
                        throw reader.error(
                            at: item,
                            "homework ask names '\(name)', which is no quantity a homework asks\(Suggestion.clause(for: name, in: askableNames)) (it takes \(askableNames.joined(separator: ", ")))")
                    }
                    names.append(name)
                } else {
                    let candidates = layout?.names ?? ["w1", "w2"]
                    guard let match = layout?.name(matching: name) ?? candidates.first(where: { $0 == name.lowercased() }) else {
                        throw reader.error(
                            at: item,
                            "homework parameters names '\(name)', which is not a parameter of this lesson\(Suggestion.clause(for: name, in: candidates)) (it has \(candidates.joined(separator: ", ")))")
                    }
                    names.append(match)
                }
            }
            guard !names.isEmpty else { throw reader.error(at: value, "homework \(key) lists nothing; name at least one, or leave \(key) out for the default") }
            if key == "ask" { settings.ask = names } else { settings.parameters = names }
        }
        return settings
    }

    static func parseVariants(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> VariantSettings {
        var settings = VariantSettings()
        settings.location = reader.location(of: node)
        for (key, keyNode, value) in try reader.mapping(node, context: "variants", allowed: variantKeys) {
            let source = try parseVariantSource(value, key: key, reader: reader)
            if let kind = VariantSettings.Kind(rawValue: key) {
                settings.sources[kind] = source
            } else if let symbol = Symbol(rawValue: key) {
                try checkVariantRange(source, symbol: symbol, key: key, node: value, reader: reader)
                settings.hyperparameters[symbol] = source
                settings.hyperparameterLocations[symbol] = reader.location(of: keyNode)
            }
        }
        return settings
    }

    /// `keep`, a list of values, or `{min, max, step}`.
    static func parseVariantSource(_ node: Node, key: String, reader: YAMLNodeReader) throws(LessonError) -> VariantSettings.Source {
        let form = "'keep', a list like [0.1, 0.2] or a grid like {min: -0.5, max: 0.5, step: 0.1}"
        switch node {
        case let .scalar(scalar) where scalar.string == "keep":
            return .keep
        case .sequence:
            let values = try reader.numbers(node, what: key)
            guard !values.isEmpty else { throw reader.error(at: node, "\(key) lists no values; give at least one, or write 'keep'") }
            return .choices(values)
        case .mapping:
            let entries = try reader.mapping(node, context: key, allowed: ["min", "max", "step"])
            var bounds: [String: Double] = [:]
            for (name, _, value) in entries { bounds[name] = try reader.number(value, what: "\(key) \(name)") }
            guard let low = bounds["min"], let high = bounds["max"], let step = bounds["step"] else {
                let missing = ["min", "max", "step"].filter { bounds[$0] == nil }.joined(separator: ", ")
                throw reader.error(at: node, "the \(key) grid needs min, max and step; add \(missing)")
            }
            guard step > 0, low <= high else {
                throw reader.error(at: node, "the \(key) grid needs step > 0 and min ≤ max (it runs min, min + step, …, max)")
            }
            guard (high - low) / step <= 10_000 else {
                throw reader.error(at: node, "the \(key) grid has more than 10,000 points; use a larger step")
            }
            // Grid values are made in whole units of 10⁻⁶ at most: hand-friendly, and exact.
            let sixDecimals = { (x: Double) in abs(x * 1e6 - (x * 1e6).rounded()) <= 1e-6 * max(1, abs(x * 1e6)) }
            guard [low, high].allSatisfy({ abs($0) <= 1e6 }), step >= 1e-6, sixDecimals(low), sixDecimals(step) else {
                throw reader.error(
                    at: node,
                    "a \(key) grid runs between -1000000 and 1000000 with min and step of at most 6 decimals; for other values list them, e.g. [1.0e-8, 1.0e-7]")
            }
            return .grid(min: low, max: high, step: step)
        default:
            throw reader.error(at: node, "\(key) must be \(form), not \(reader.describe(node))")
        }
    }

    /// Every value a hyperparameter's source can give lies in its range.
    static func checkVariantRange(
        _ source: VariantSettings.Source, symbol: Symbol, key: String, node: Node, reader: YAMLNodeReader
    ) throws(LessonError) {
        let extremes: [Double]
        switch source {
        case .keep, .scaled: return
        case let .choices(values): extremes = values
        case let .grid(low, high, _): extremes = [low, high]
        }
        for value in extremes {
            if let problem = MessageText.rangeProblem(symbol, value, named: key) { throw reader.error(at: node, problem) }
        }
    }

    static func parseGrading(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> GradingSettings {
        var settings = GradingSettings()
        let entries = try reader.mapping(node, context: "grading", allowed: gradingKeys)
        // The overall tolerance first: a quantity's own takes what it leaves out from it.
        for (key, _, value) in entries where key != "quantities" {
            let number = try toleranceNumber(value, key: key, reader: reader)
            if key == "rtol" { settings.rtol = number } else { settings.atol = number }
        }
        for (_, _, value) in entries.filter({ $0.key == "quantities" }) {
            let names = gradedQuantities.map(\.rawValue)
            for (name, _, tolerance) in try reader.mapping(value, context: "grading quantities", allowed: names) {
                guard let symbol = Symbol(rawValue: name) else { continue }
                settings.quantities[symbol] = try parseTolerance(tolerance, base: settings.baseTolerance(for: symbol), context: name, reader: reader)
            }
        }
        return settings
    }

    /// `rtol` in [0, 1) or `atol` ≥ 0.
    static func toleranceNumber(_ node: Node, key: String, reader: YAMLNodeReader) throws(LessonError) -> Double {
        let number = try reader.number(node, what: key)
        guard number >= 0, number < 1 || key == "atol" else {
            throw reader.error(at: node, "\(key) must be 0 or more\(key == "rtol" ? " and less than 1" : ""), not \(MessageText.number(number))")
        }
        return number
    }

    /// `{rtol: 0.01}`, `{atol: 1e-6}` or both; what is left out comes from `base`.
    static func parseTolerance(
        _ node: Node, base: GradingSettings.Tolerance, context: String, reader: YAMLNodeReader
    ) throws(LessonError) -> GradingSettings.Tolerance {
        var tolerance = base
        for (key, _, value) in try reader.mapping(node, context: "the tolerance of \(context)", allowed: toleranceKeys) {
            let number = try toleranceNumber(value, key: key, reader: reader)
            if key == "rtol" { tolerance.rtol = number } else { tolerance.atol = number }
        }
        return tolerance
    }
}
