import ArgumentParser
import TraceEngine
import TraceTool

/// Names one optimizer, so that one generic command serves all eight.
protocol OptimizerChoice {
    static var optimizer: Optimizer { get }
    static var summary: String { get }
}

enum GD: OptimizerChoice {
    static let optimizer = Optimizer.gd
    static let summary = "Gradient descent on the full batch: w ← w − η·g."
}
enum SGD: OptimizerChoice {
    static let optimizer = Optimizer.sgd
    static let summary = "Stochastic gradient descent, one sample per update: w ← w − η·g."
}
enum MiniBatch: OptimizerChoice {
    static let optimizer = Optimizer.minibatch
    static let summary = "Mini-batch SGD, B samples per update (default 2): w ← w − η·mean g."
}
enum Momentum: OptimizerChoice {
    static let optimizer = Optimizer.momentum
    static let summary = "SGD with momentum: v ← β·v + (1 − β)·g, w ← w − η·v."
}
enum AdaGrad: OptimizerChoice {
    static let optimizer = Optimizer.adagrad
    static let summary = "AdaGrad: s ← s + g², w ← w − η/√(s + ε)·g."
}
enum RMSProp: OptimizerChoice {
    static let optimizer = Optimizer.rmsprop
    static let summary = "RMSProp: ss ← ρ·ss + (1 − ρ)·g², w ← w − η/√(ss + ε)·g."
}
enum Adam: OptimizerChoice {
    static let optimizer = Optimizer.adam
    static let summary = "Adam: moments m and v, bias-corrected m̂ and v̂, w ← w − η/√(v̂ + ε)·m̂."
}
enum AdamW: OptimizerChoice {
    static let optimizer = Optimizer.adamw
    static let summary = "AdamW: Adam with decoupled weight decay, w ← w − η/√(v̂ + ε)·m̂ − η·λ·w."
}

/// `trace <optimizer> [options]`: parses the flags and hands them to `RunCommand`.
struct OptimizerCommand<Choice: OptimizerChoice>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Choice.optimizer.rawValue,
            abstract: Choice.summary,
            discussion: """
                Hyperparameters: \(Choice.optimizer.hyperparameters.map { "--\($0.rawValue) (default \(Choice.optimizer.defaultValue(of: $0) ?? 0))" }.joined(separator: ", ")). \
                A flag wins over the lesson's optimizer section, which wins over the default.
                """)
    }

    @OptionGroup var options: RunOptions

    func validate() throws {
        try options.validate()
    }

    func run() throws {
        try TraceCLI.execute(options.request(for: Choice.optimizer))
    }
}
