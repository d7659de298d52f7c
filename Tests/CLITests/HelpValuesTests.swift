import Foundation
import Testing

/// Every value a command's `--help` lists for an option or argument (`(values: …)`) is one the
/// command accepts: a run with it exits 0. A value the parser takes but the command refuses
/// would be offered by the help, the parser's error and its did-you-mean alike.
@Suite struct HelpValuesTests {
    /// Each option or argument of `--help` with the values it lists: `--format` → [text, md, …].
    static func listedValues(_ help: String) -> [(name: String, values: [String])] {
        // An entry starts at a line indented by two spaces, then `-` or `<`; its text goes on
        // over the deeper-indented lines below.
        var entries: [String] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  -") || line.hasPrefix("  <") {
                entries.append(String(line))
            } else if line.hasPrefix("   "), !entries.isEmpty {
                entries[entries.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            }
        }
        return entries.compactMap { entry in
            guard let open = entry.range(of: "(values: ") else { return nil }
            let list = entry[open.upperBound...].prefix { $0 != ";" && $0 != ")" }
            let name = entry.trimmingCharacters(in: .whitespaces).prefix { $0 != " " && $0 != "," }
            return (String(name), list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
    }

    /// A command, and how to give it one option's or argument's value.
    struct Command: Sendable, CustomTestStringConvertible {
        var name: String
        /// The arguments that make a run, with `OPT` where the optimizer argument goes.
        var arguments: [String]
        var input: String? = nil
        var testDescription: String { name }
    }

    static let commands: [Command] = [
        Command(name: "adam", arguments: ["adam", "--steps", "1"]),
        Command(name: "compare", arguments: ["compare", "gd", "adam", "--steps", "1"]),
        Command(name: "diff", arguments: ["diff", "OPT", "--conventions", "lecture,pytorch", "--steps", "1"]),
        Command(name: "handout", arguments: ["handout", "adam", "--detail", "summary", "--format", "md"]),
        Command(name: "homework", arguments: ["homework", "adam", "--count", "1", "--seed", "1", "--steps", "1", "--output", "hw"]),
        Command(name: "quiz", arguments: ["quiz", "OPT", "--steps", "1"], input: "q\n"),
        Command(name: "lessons", arguments: ["lessons"]),
    ]

    @Test(arguments: commands)
    func everyListedValueIsAccepted(_ command: Command) throws {
        let help = try TraceBinary.run([command.name, "--help"])
        #expect(help.status == 0)
        let listed = Self.listedValues(help.text)
        #expect(!listed.isEmpty, "no (values: …) in trace \(command.name) --help")
        for (name, values) in listed {
            for value in values {
                var arguments = command.arguments
                if name.hasPrefix("<") {
                    guard let slot = arguments.firstIndex(of: "OPT") else { continue }
                    arguments[slot] = value
                } else {
                    arguments += [name, value]
                    // svg is one figure, named by --figure.
                    if name == "--format", value == "svg" { arguments += ["--figure", "loss"] }
                }
                arguments = arguments.map { $0 == "OPT" ? "adam" : $0 }
                let run = try TraceBinary.run(arguments, input: command.input)
                #expect(run.status == 0, "trace \(arguments.joined(separator: " ")): \(run.stderr)")
            }
        }
    }

    @Test func helpListsAreRead() {
        let listed = Self.listedValues("""
            OPTIONS:
              --format <text|md|html|latex>
                                      text (default), md, html or latex. (values: text, md,
                                      html, latex; default: text)
              --paper <a4|letter>     Paper. (values: a4, letter)
            """)
        #expect(listed.map(\.name) == ["--format", "--paper"])
        #expect(listed.first?.values == ["text", "md", "html", "latex"])
        #expect(listed.last?.values == ["a4", "letter"])
    }
}
