import TraceEngine
import TraceRender

/// The table of optimizers in `docs/command-line.md`, written from the definitions: each
/// optimizer's lecture update, its hyperparameters with their defaults, and its batch size.
///
/// The page holds the table between two markers; `OptimizerTableTests` fails while the page's
/// copy differs from this one (and rewrites it with `TRACE_RECORD_SNAPSHOTS=1`).
package enum OptimizerTable {
    /// The line before the table on the page.
    package static let startMarker = "<!-- optimizers: written from Sources/TraceEngine/Optimizers (OptimizerTable); do not edit -->"
    /// The line after it.
    package static let endMarker = "<!-- end of optimizers -->"

    /// The Markdown table, one row per optimizer, in the command line's order.
    package static var markdown: String {
        var lines = [
            "| optimizer | lecture update (see [conventions.md](conventions.md) for all four conventions) | hyperparameters and defaults | batch size |",
            "|---|---|---|---|",
        ]
        for optimizer in Optimizer.allCases {
            let update = UpdateRule.rule(for: optimizer, convention: .lecture).unicodeLines.map { "`\($0)`" }
            lines.append("| `\(optimizer.rawValue)` | \(update.joined(separator: "; ")) | \(defaults(of: optimizer)) | \(batching(of: optimizer)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `` `eta` 0.1, `beta` 0.9 ``; a framework's own default follows its convention's name.
    private static func defaults(of optimizer: Optimizer) -> String {
        optimizer.definition.hyperparameters.map { hyperparameter in
            let others = Convention.allCases.compactMap { convention -> String? in
                let value = hyperparameter.defaultValue(in: convention)
                return value == hyperparameter.defaultValue ? nil : "`\(convention.rawValue)` \(NumberFormat.full(value))"
            }
            let byConvention = others.isEmpty ? "" : " (\(others.joined(separator: ", ")))"
            return "`\(hyperparameter.symbol.rawValue)` \(NumberFormat.full(hyperparameter.defaultValue))\(byConvention)"
        }.joined(separator: ", ")
    }

    private static func batching(of optimizer: Optimizer) -> String {
        switch (optimizer.fixedBatchSize, optimizer.defaultBatchSize) {
        case (.full?, _): return "always the full batch"
        case let (.samples(count)?, _): return count == 1 ? "always 1 sample" : "always \(count) samples"
        case (nil, .full): return "default full"
        case let (nil, .samples(count)):
            return "default \(count) (the full batch if the lesson has fewer than \(count) samples)"
        }
    }
}
