import ArgumentParser
import TraceEngine
import TraceTool

/// Names one optimizer, so that one generic command serves them all.
protocol OptimizerChoice {
    static var optimizer: Optimizer { get }
}

extension Optimizer {
    /// Every optimizer's name for a help text: `gd, sgd, … adam or adamw`.
    static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// `trace <optimizer>`, the subcommand that runs this optimizer.
    var command: ParsableCommand.Type {
        switch self {
        case .gd: return OptimizerCommand<GD>.self
        case .sgd: return OptimizerCommand<SGD>.self
        case .minibatch: return OptimizerCommand<MiniBatch>.self
        case .momentum: return OptimizerCommand<Momentum>.self
        case .nesterov: return OptimizerCommand<Nesterov>.self
        case .adagrad: return OptimizerCommand<AdaGrad>.self
        case .rmsprop: return OptimizerCommand<RMSProp>.self
        case .adam: return OptimizerCommand<Adam>.self
        case .adamw: return OptimizerCommand<AdamW>.self
        case .amsgrad: return OptimizerCommand<AMSGrad>.self
        }
    }
}

enum GD: OptimizerChoice { static let optimizer = Optimizer.gd }
enum SGD: OptimizerChoice { static let optimizer = Optimizer.sgd }
enum MiniBatch: OptimizerChoice { static let optimizer = Optimizer.minibatch }
enum Momentum: OptimizerChoice { static let optimizer = Optimizer.momentum }
enum Nesterov: OptimizerChoice { static let optimizer = Optimizer.nesterov }
enum AdaGrad: OptimizerChoice { static let optimizer = Optimizer.adagrad }
enum RMSProp: OptimizerChoice { static let optimizer = Optimizer.rmsprop }
enum Adam: OptimizerChoice { static let optimizer = Optimizer.adam }
enum AdamW: OptimizerChoice { static let optimizer = Optimizer.adamw }
enum AMSGrad: OptimizerChoice { static let optimizer = Optimizer.amsgrad }

/// `trace <optimizer> [options]`: parses the flags and hands them to `RunCommand`.
struct OptimizerCommand<Choice: OptimizerChoice>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Choice.optimizer.rawValue,
            abstract: OptimizerHelp.abstract(for: Choice.optimizer),
            discussion: OptimizerHelp.discussion(for: Choice.optimizer))
    }

    @OptionGroup var options: RunOptions

    func validate() throws {
        try options.validate()
    }

    func run() throws {
        try TraceCLI.execute(options.request(for: Choice.optimizer))
    }
}
