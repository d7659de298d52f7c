import TraceEngine
import Yams

extension LessonParser {
    static let handoutKeys = ["compare", "conventions", "sweep"]

    /// `handout:` with `compare:` (a list of optimizers, or a mapping with `optimizers:`, any
    /// hyperparameter and `steps:`), `conventions:` (a list) and `sweep:` (one or two
    /// hyperparameters of the lesson's optimizer, each a list of values).
    static func parseHandout(_ node: Node, optimizer: Optimizer?, reader: YAMLNodeReader) throws(LessonError) -> HandoutSettings {
        var settings = HandoutSettings()
        for (key, keyNode, value) in try reader.mapping(node, context: "handout", allowed: handoutKeys) {
            switch key {
            case "compare":
                settings.compare = try parseComparison(value, reader: reader)
            case "conventions":
                let nodes = try reader.list(value, what: "conventions")
                for element in nodes {
                    let convention: Convention = try choice(element, what: "convention", reader: reader)
                    guard !settings.conventions.contains(convention) else {
                        throw reader.error(at: element, "\(convention.rawValue) is listed twice in conventions; list each once")
                    }
                    settings.conventions.append(convention)
                }
                guard settings.conventions.count >= 2 else {
                    throw reader.error(at: value, "conventions needs at least two to set side by side, e.g. [lecture, pytorch]")
                }
                guard optimizer != nil else {
                    throw reader.error(at: keyNode, "conventions runs the lesson's optimizer; add an 'optimizer:' section")
                }
            default:
                guard let optimizer else {
                    throw reader.error(at: keyNode, "sweep runs the lesson's optimizer; add an 'optimizer:' section")
                }
                settings.sweep = try parseSweep(value, optimizer: optimizer, reader: reader)
            }
        }
        return settings
    }

    static func parseComparison(_ node: Node, reader: YAMLNodeReader) throws(LessonError) -> HandoutSettings.Comparison {
        var optimizersNode = node
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        if case .mapping = node {
            let allowed = ["optimizers", "steps"] + hyperparameterKeys
            entries = try reader.mapping(node, context: "compare", allowed: allowed)
            guard let listed = entries.first(where: { $0.key == "optimizers" }) else {
                throw reader.error(at: node, "compare has no 'optimizers:'; list at least two, e.g. [gd, adam]")
            }
            optimizersNode = listed.value
        }
        var optimizers: [Optimizer] = []
        for element in try reader.list(optimizersNode, what: "compare's optimizers") {
            let optimizer: Optimizer = try choice(element, what: "optimizer", reader: reader)
            guard !optimizers.contains(optimizer) else {
                throw reader.error(at: element, "\(optimizer.rawValue) is listed twice; list each optimizer once")
            }
            optimizers.append(optimizer)
        }
        guard optimizers.count >= 2 else {
            throw reader.error(at: optimizersNode, "compare needs at least two optimizers, e.g. [gd, adam]")
        }
        var comparison = HandoutSettings.Comparison(optimizers: optimizers)
        for (key, keyNode, value) in entries where key != "optimizers" {
            if key == "steps" {
                let steps = try reader.integer(value, what: "steps")
                guard (1...LessonLimits.maximumHandoutSteps).contains(steps) else {
                    throw reader.error(at: value, "steps must be between 1 and \(LessonLimits.maximumHandoutSteps) for a comparison in a handout, not \(steps)")
                }
                comparison.steps = steps
                continue
            }
            guard let symbol = Symbol(rawValue: key), optimizers.contains(where: { $0.hyperparameters.contains(symbol) }) else {
                throw reader.error(at: keyNode, "none of \(optimizers.map(\.rawValue).joined(separator: ", ")) uses '\(key)'")
            }
            comparison.hyperparameters[symbol] = try checkedNumber(value, symbol: symbol, key: key, reader: reader)
        }
        return comparison
    }

    static func parseSweep(_ node: Node, optimizer: Optimizer, reader: YAMLNodeReader) throws(LessonError) -> [(symbol: Symbol, values: [Double])] {
        let entries = try reader.mapping(node, context: "sweep", allowed: hyperparameterKeys)
        guard (1...2).contains(entries.count) else {
            throw reader.error(at: node, "sweep takes one or two hyperparameters, each a list of values, e.g. eta: [0.01, 0.05]")
        }
        var sweep: [(symbol: Symbol, values: [Double])] = []
        for (key, keyNode, value) in entries {
            guard let symbol = Symbol(rawValue: key), optimizer.hyperparameters.contains(symbol) else {
                let accepted = optimizer.hyperparameters.map(\.rawValue)
                throw reader.error(
                    at: keyNode,
                    "\(optimizer.rawValue) has no hyperparameter '\(key)'\(Suggestion.clause(for: key, in: accepted)) (it takes \(accepted.joined(separator: ", ")))")
            }
            var values: [Double] = []
            for element in try reader.list(value, what: key) {
                let number = try checkedNumber(element, symbol: symbol, key: key, reader: reader)
                guard !values.contains(number) else {
                    throw reader.error(at: element, "\(MessageText.number(number)) is listed twice in \(key); list each value once")
                }
                values.append(number)
            }
            guard !values.isEmpty else { throw reader.error(at: value, "\(key) is empty; list the values to try") }
            sweep.append((symbol, values))
        }
        let runs = sweep.map(\.values.count).reduce(1, *)
        guard runs <= HandoutSettings.maximumSweepRuns else {
            throw reader.error(at: node, "the sweep makes \(runs) runs; a handout's sweep may make at most \(HandoutSettings.maximumSweepRuns), so its figure tells every run apart")
        }
        return sweep
    }

    /// Every optimizer's hyperparameter keys, each once.
    static var hyperparameterKeys: [String] {
        Optimizer.allCases.flatMap(\.hyperparameters).map(\.rawValue).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}
