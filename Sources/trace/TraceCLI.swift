import ArgumentParser
import Foundation
import TraceRender
import TraceLessons
import TraceTool

/// Runs a parsed command and maps every failure to the contract's exit status and one line
/// on standard error: 2 for bad usage or a bad lesson, 1 for anything else.
enum TraceCLI {
    static func execute(_ request: RunRequest) throws {
        let standardOutput = FileDescriptorOutput(descriptor: STDOUT_FILENO, name: "standard output")
        do {
            let report = try RunCommand.execute(request, standardOutput: standardOutput, terminal: standardOutputTerminal)
            if let notice = report.notice { printError(notice) }
            if let notice = report.figuresNotice { printError(notice) }
        } catch {
            exit(with: error)
        }
    }

    /// Standard output's terminal (if it is one) and this process's environment, from which
    /// `--width` and `--color` are resolved.
    static var standardOutputTerminal: TerminalContext {
        TerminalContext.standardOutput(environment: ProcessInfo.processInfo.environment)
    }

    static func handout(_ request: HandoutCommand.Request) {
        run { output in
            for notice in try HandoutCommand.execute(request, standardOutput: output) { printError(notice) }
        }
    }

    /// Runs a command that writes to standard output (or its own file), then flushes.
    static func run(_ body: (TraceOutput) throws -> Void) {
        let standardOutput = FileDescriptorOutput(descriptor: STDOUT_FILENO, name: "standard output")
        do {
            try body(standardOutput)
            try standardOutput.flush()
        } catch {
            exit(with: error)
        }
    }

    static func printError(_ message: String, prefixed: Bool = true) {
        let line = (prefixed ? "trace: " : "") + message.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func exit(with error: Error) -> Never {
        if let error = error as? ToolError {
            printError(error.message, prefixed: !error.isLocated)
            Foundation.exit(error.exitCode)
        }
        printError("\(error)")
        Foundation.exit(1)
    }
}

@main
enum Main {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let commands = TraceCommand.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let first = arguments.first, !first.hasPrefix("-"), first != "help", !commands.contains(first) {
            TraceCLI.printError(
                "unknown optimizer or command '\(first)'\(Suggestion.clause(for: first, in: commands)) (choose one of \(commands.joined(separator: ", ")))")
            Foundation.exit(2)
        }
        do {
            var command = try TraceCommand.parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = TraceCommand.exitCode(for: error)
            if code == .success {
                // --help and friends: the parser's own text, on standard output.
                TraceCommand.exit(withError: error)
            }
            if code == .validationFailure {
                let subcommand = arguments.first.map { " \($0)" } ?? ""
                TraceCLI.printError("\(ParserMessage.plain(TraceCommand.message(for: error))) (see 'trace\(subcommand) --help')")
                Foundation.exit(2)
            }
            TraceCLI.exit(with: error)
        }
    }
}
