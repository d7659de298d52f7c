import TraceEngine
import TraceRender

/// Help text for `trace <optimizer>`, drawn from the same equations that compute the run.
///
/// The argument parser reads every subcommand's configuration many times per run (111 times
/// for `trace adam`), so each optimizer's texts are made once, on first use, and kept.
package enum OptimizerHelp {
    /// `Adam: m ← β₁·m + (1 − β₁)·g; …; w ← w − η/√(v̂ + ε)·m̂` in the lecture's convention.
    package static func abstract(for optimizer: Optimizer) -> String {
        abstracts[optimizer] ?? makeAbstract(for: optimizer)
    }

    /// The hyperparameter flags with their defaults, and the precedence rule.
    package static func discussion(for optimizer: Optimizer) -> String {
        discussions[optimizer] ?? makeDiscussion(for: optimizer)
    }

    private static let abstracts = Dictionary(uniqueKeysWithValues: Optimizer.allCases.map { ($0, makeAbstract(for: $0)) })
    private static let discussions = Dictionary(uniqueKeysWithValues: Optimizer.allCases.map { ($0, makeDiscussion(for: $0)) })

    private static func makeAbstract(for optimizer: Optimizer) -> String {
        let equations = UpdateRule.rule(for: optimizer, convention: .lecture).unicodeLines
        let batching: String
        switch (optimizer.fixedBatchSize, optimizer) {
        case (.full?, _): batching = ", full batch"
        case (.samples?, _): batching = ", one sample per update"
        case (nil, .minibatch): batching = ", B samples per update"
        case (nil, _): batching = ""
        }
        return "\(optimizer.displayName)\(batching): \(equations.joined(separator: "; "))"
    }

    private static func makeDiscussion(for optimizer: Optimizer) -> String {
        let flags = optimizer.hyperparameters.map { symbol in
            let lecture = optimizer.defaultValue(of: symbol) ?? 0, keras = optimizer.defaultValue(of: symbol, convention: .keras) ?? 0
            let byConvention = lecture == keras ? "" : "; \(NumberFormat.full(keras)) in keras and optax"
            return "\(symbol.flag) (\(symbol.unicode), default \(NumberFormat.full(lecture))\(byConvention))"
        }
        var batch = ""
        switch optimizer.fixedBatchSize {
        case .full?: batch = " Always the full batch."
        case .samples?: batch = " Always one sample per update."
        case nil: batch = " Batch size: --batch-size, else the lesson's, else \(optimizer.defaultBatchSize == .full ? "the full batch" : "\(optimizer.defaultBatchSize) (or all samples, if fewer)")."
        }
        return "Hyperparameters: \(flags.joined(separator: ", ")). A flag wins over the lesson's optimizer section, which wins over the default.\(batch)"
    }
}
