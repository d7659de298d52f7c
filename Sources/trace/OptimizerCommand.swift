import ArgumentParser
import TraceEngine
import TraceTool

extension Optimizer {
    /// Every optimizer's name for a help text: `gd, sgd, … adam or adamw`.
    static var choices: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }
}

/// `trace <optimizer> [options]`: parses the flags and hands them to `RunCommand`. One type per
/// optimizer, told apart by its ``OptimizerSlot``; ``Optimizer/commands`` lists them.
struct OptimizerCommand<Slot: OptimizerSlot>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Slot.optimizer.rawValue,
            abstract: OptimizerHelp.abstract(for: Slot.optimizer),
            discussion: OptimizerHelp.discussion(for: Slot.optimizer))
    }

    @OptionGroup var options: RunOptions

    func validate() throws {
        try options.validate()
    }

    func run() throws {
        try TraceCLI.execute(options.request(for: Slot.optimizer))
    }
}
