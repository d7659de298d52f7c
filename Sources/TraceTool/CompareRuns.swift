import TraceEngine
import TraceLessons

/// The runs of a comparison as the command line names them: each optimizer once, in order,
/// with the hyperparameters set for it alone by `OPT:NAME=VALUE` (`adam:eta=0.01`).
///
/// A word `OPT:NAME=VALUE` also names `OPT` when no earlier word did, so
/// `trace compare adam:eta=0.01 rmsprop` and `trace compare adam rmsprop adam:eta=0.01` agree.
package struct CompareRuns: Sendable, Equatable {
    package var optimizers: [Optimizer] = []
    /// Per optimizer, the values its `OPT:NAME=VALUE` words set.
    package var settings: [Optimizer: [Symbol: Double]] = [:]

    package init(optimizers: [Optimizer] = [], settings: [Optimizer: [Symbol: Double]] = [:]) {
        self.optimizers = optimizers
        self.settings = settings
    }

    /// Reads the words; a bad one is refused with the word itself and what to write instead.
    package static func parse(_ words: [String]) throws(ToolError) -> CompareRuns {
        var runs = CompareRuns()
        let names = Optimizer.allCases.map(\.rawValue)
        func optimizer(_ name: String, in word: String) throws(ToolError) -> Optimizer {
            guard let optimizer = Optimizer(rawValue: name) else {
                let at = word == name ? "" : "\(word): "
                throw .usage("\(at)'\(name)' is not an optimizer\(Suggestion.clause(for: name, in: names)) (choose from \(names.joined(separator: ", ")))")
            }
            return optimizer
        }
        for word in words {
            guard let colon = word.firstIndex(of: ":") else {
                let named = try optimizer(word, in: word)
                guard !runs.optimizers.contains(named) else {
                    throw .usage("each optimizer once, please: '\(word)' is named twice")
                }
                runs.optimizers.append(named)
                continue
            }
            let named = try optimizer(String(word[..<colon]), in: word)
            let setting = word[word.index(after: colon)...]
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw .usage("\(word): write OPT:NAME=VALUE, e.g. \(named.rawValue):eta=0.01")
            }
            let key = String(setting[..<equals])
            let text = String(setting[setting.index(after: equals)...])
            let keys = named.hyperparameters.map(\.rawValue)
            guard let symbol = Symbol(rawValue: key), named.hyperparameters.contains(symbol) else {
                throw .usage("\(word): \(named.rawValue) has no hyperparameter '\(key)'\(Suggestion.clause(for: key, in: keys)) (it takes \(keys.joined(separator: ", ")))")
            }
            let value: Double
            switch DecimalNumber.parse(text) {
            case let .success(number): value = number
            case let .failure(refusal): throw .usage("\(word): \(refusal)")
            }
            if runs.settings[named]?[symbol] != nil {
                throw .usage("\(word): \(named.rawValue):\(key) is set twice")
            }
            runs.settings[named, default: [:]][symbol] = value
            if !runs.optimizers.contains(named) { runs.optimizers.append(named) }
        }
        return runs
    }
}
