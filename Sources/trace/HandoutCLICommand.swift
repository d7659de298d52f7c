import ArgumentParser
import TraceRender
import TraceTool

/// `trace handout NAME|FILE` or `trace handout --all --output DIR`.
struct HandoutCLICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handout",
        abstract: "Write a lesson's worked-example handout, with the lesson's own optimizer and steps.",
        discussion: """
            Examples:
              trace handout adam --output adam.html
              trace handout my-lesson.yaml --format md
              trace handout --all --output site
              trace handout --all --booklet --detail summary --format latex --output course.tex
              trace handout rosenbrock --format svg --figure paths --output valley.svg
            """)

    @Argument(help: ArgumentHelp("A bundled lesson's name (see 'trace lessons') or a lesson YAML file.", valueName: "name|file"))
    var lesson: String?

    @Flag(help: "Write every bundled lesson's handout and an index page into the --output folder.")
    var all = false

    @Flag(help: "With --all: one document (a booklet) with every lesson as a numbered section, in lecture order, and a table of contents; --output is then a file.")
    var booklet = false

    @Option(help: ArgumentHelp("md, html (default), latex, or svg: one figure on its own, for slides (see --figure).", valueName: "md|html|latex|svg"))
    var format = HandoutFormat(format: .html)

    @Option(help: ArgumentHelp("Write to this file (a folder with --all) instead of standard output; md puts its figures as SVG files in NAME_files/ beside the page.", valueName: "file|dir"))
    var output: String?

    @Option(parsing: .unconditional, help: "Significant digits of the numbers shown.")
    var precision: Int = 4

    @Option(help: ArgumentHelp("The parameter whose worked example is shown, or all (default: the first).", valueName: "name|all"))
    var focus: String?

    @Option(help: ArgumentHelp("Paper that html and latex are laid out for: a4 (default) or letter.", valueName: "a4|letter"))
    var paper: Paper = .a4

    @Option(help: ArgumentHelp("full (default): every update worked; summary: the first worked, the rest as one table.", valueName: "summary|full"))
    var detail: Detail = .full

    @Option(help: ArgumentHelp("With --format svg: which figure (network, passes, loss, eta, factor, rate, paths, … as the handout has them).", valueName: "name"))
    var figure: String?

    func run() throws {
        var request = HandoutCommand.Request()
        request.lesson = lesson
        request.all = all
        request.booklet = booklet
        request.format = format.format
        request.outputPath = output
        request.precision = precision
        request.focus = focus
        request.paper = paper
        request.detail = detail
        request.figure = figure
        TraceCLI.handout(request)
    }
}

/// `trace handout --format`: ``HandoutCommand/formats``; text is taken too, then refused with a
/// pointer to the optimizer commands.
struct HandoutFormat: FormatOption {
    static let formats = HandoutCommand.formats
    static let unlisted: [OutputFormat] = [.text]
    var format: OutputFormat
}
