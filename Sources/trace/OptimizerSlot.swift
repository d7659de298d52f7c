import ArgumentParser
import TraceEngine

/// A type that stands for one position in `Optimizer.allCases`, so that each optimizer gets a
/// subcommand type of its own without a type written for it.
///
/// ArgumentParser tells subcommands apart by their type (a help request names the command's
/// type, and the parser finds its node by comparing types), and a command's name and help are
/// static. So `trace adam` and `trace sgd` must be two types. Swift cannot declare a type at
/// run time, but it can instantiate a generic one: `FirstSlot` is position 0 and
/// `NextSlot<P>` is P's position + 1, so `NextSlot<NextSlot<FirstSlot>>` is position 2.
/// ``Optimizer/commands`` builds one slot per optimizer, which makes adding an optimizer to the
/// `Optimizer` enum enough to add its subcommand.
protocol OptimizerSlot {
    /// The slot's position in `Optimizer.allCases`.
    static var ordinal: Int { get }
}

extension OptimizerSlot {
    /// The optimizer at this slot's position.
    static var optimizer: Optimizer { Optimizer.allCases[ordinal] }
}

/// Position 0.
enum FirstSlot: OptimizerSlot {
    static var ordinal: Int { 0 }
}

/// The position after `Previous`'s.
enum NextSlot<Previous: OptimizerSlot>: OptimizerSlot {
    static var ordinal: Int { Previous.ordinal + 1 }
}

extension Optimizer {
    /// `trace <optimizer>` for every optimizer, in `allCases` order: `OptimizerCommand<FirstSlot>`,
    /// `OptimizerCommand<NextSlot<FirstSlot>>`, …
    static var commands: [ParsableCommand.Type] {
        var slot: any OptimizerSlot.Type = FirstSlot.self
        var commands: [ParsableCommand.Type] = []
        for _ in allCases {
            commands.append(command(at: slot))
            slot = slotAfter(slot)
        }
        return commands
    }

    private static func command<Slot: OptimizerSlot>(at _: Slot.Type) -> ParsableCommand.Type {
        OptimizerCommand<Slot>.self
    }

    private static func slotAfter<Slot: OptimizerSlot>(_: Slot.Type) -> any OptimizerSlot.Type {
        NextSlot<Slot>.self
    }
}
