import ArgumentParser
import TraceEngine

/// `trace`: the root command. Each optimizer is a subcommand (`trace adam`).
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace the arithmetic of neural-network training, step by step.",
        discussion: """
            Runs a tiny network under one of the lecture's optimizers and shows every \
            intermediate value: the forward pass, the chain rule (δ, g = δ·a) and the \
            optimizer's state, with each formula's numbers put in.

            Examples:
              trace adam --steps 3
              trace momentum --lesson classic-backprop --beta 0.8 --focus W2[1,1]
              trace rmsprop --convention pytorch --format json --output run.json
              trace handout --all --output site
              trace compare adagrad rmsprop --lesson adagrad --format html --output compare.html
              trace diff adam --conventions lecture,keras --steps 2
              trace homework adam --count 300 --seed 2026 --output hw
              trace grade --key hw/001/key.json --answers answers.csv --output results.json
            """,
        subcommands: Optimizer.commands + [
            LessonsCommand.self, HandoutCLICommand.self, CompareCLICommand.self, DiffCLICommand.self,
            HomeworkCLICommand.self, GradeCLICommand.self, QuizCLICommand.self,
        ]
    )
}
