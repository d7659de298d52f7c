import Foundation
import FoundationXML
import Testing

/// Figures in Markdown and LaTeX as a user writes them: the Markdown site's figure links
/// resolve to SVG files, a page written to a file gets its figures beside it, and LaTeX draws
/// every figure the HTML page has.
@Suite struct FigureFormatCommandTests {
    /// Link targets `](…)` in Markdown, percent-decoded; `images` only those of `![…](…)`.
    static func links(_ markdown: String, images: Bool = false) -> [String] {
        let pattern = images ? #"!\[[^\]]*\]\(([^)]+)\)"# : #"\]\(([^)]+)\)"#
        let expression = try? NSRegularExpression(pattern: pattern)
        let range = NSRange(markdown.startIndex..., in: markdown)
        return (expression?.matches(in: markdown, range: range) ?? []).compactMap { match in
            Range(match.range(at: 1), in: markdown).map { String(markdown[$0]).removingPercentEncoding ?? "" }
        }
    }

    static func svgCount(_ html: String) throws -> Int {
        try XMLDocument(xmlString: html, options: []).nodes(forXPath: "//*[local-name()='svg']").count
    }

    /// `trace handout --all --format md`: every link of every page resolves to a file in the
    /// site; every image is an SVG file with a title and a description; each page links as many
    /// figures as its HTML page draws.
    @Test func markdownSiteFigureLinksResolve() throws {
        let folder = try TraceBinary.temporaryFolder()
        let md = folder.appendingPathComponent("md"), html = folder.appendingPathComponent("html")
        let run = try TraceBinary.run(["handout", "--all", "--format", "md", "--output", md.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try TraceBinary.run(["handout", "--all", "--output", html.path]).status == 0)
        let pages = try FileManager.default.contentsOfDirectory(atPath: md.path).filter { $0.hasSuffix(".md") }.sorted()
        #expect(pages.count >= 17)
        var figures = 0
        for page in pages {
            let text = try String(contentsOf: md.appendingPathComponent(page), encoding: .utf8)
            for link in Self.links(text) {
                #expect(FileManager.default.fileExists(atPath: md.appendingPathComponent(link).path), "\(page) links \(link), which is not there")
            }
            let images = Self.links(text, images: true)
            for image in images {
                #expect(image.hasPrefix(page.dropLast(3) + "_files/figure-") && image.hasSuffix(".svg"), "\(page): \(image)")
                let svg = try XMLDocument(contentsOf: md.appendingPathComponent(image), options: [])
                #expect(svg.rootElement()?.name == "svg")
                #expect(try svg.nodes(forXPath: "/*/*[local-name()='title']").count == 1)
                #expect(try svg.nodes(forXPath: "/*/*[local-name()='desc']").count == 1)
            }
            #expect(!text.contains("Figure left out"), "\(page)")
            if page != "index.md" {
                let htmlPage = try String(contentsOf: html.appendingPathComponent(page.dropLast(3) + ".html"), encoding: .utf8)
                #expect(images.count == (try Self.svgCount(htmlPage)), "\(page): as many figures as the HTML page")
            }
            figures += images.count
        }
        #expect(figures >= 30)
    }

    /// On standard output Markdown has no place for its figures: each is named in one line that
    /// says how to get it, standard error says so once, and no file is written.
    @Test func markdownOnStandardOutputNamesItsFigures() throws {
        let folder = try TraceBinary.temporaryFolder()
        let run = try TraceBinary.run(["handout", "adam", "--format", "md"], in: folder)
        #expect(run.status == 0)
        let notes = run.text.split(separator: "\n").filter { $0.hasPrefix("*Figure left out: ") }
        #expect(notes.count == 5, "the network, the first update's passes, the loss, the bias-correction factors and the effective rate")
        #expect(notes.allSatisfy { $0.contains("--output FILE.md") })
        #expect(run.stderrLines == ["trace: 5 figures are left out of Markdown on standard output; give --output FILE.md to write them as SVG files beside the page"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".std") }.isEmpty)
    }

    /// `--output notes/adam.md` writes `notes/adam_files/figure-N.svg`; a second run gives the
    /// same bytes and replaces the earlier figures; a file of the user's in that folder stops
    /// the run (exit 2, one line) and nothing changes.
    @Test func markdownFileGetsItsFiguresBeside() throws {
        let folder = try TraceBinary.temporaryFolder()
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        let arguments = ["handout", "adam", "--format", "md", "--output", "notes/adam.md"]
        let first = try TraceBinary.run(arguments, in: folder)
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        let figures = notes.appendingPathComponent("adam_files")
        #expect(try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted() == (1...5).map { "figure-\($0).svg" })
        let page = try Data(contentsOf: notes.appendingPathComponent("adam.md"))
        let svg = try Data(contentsOf: figures.appendingPathComponent("figure-2.svg"))
        #expect(Self.links(String(decoding: page, as: UTF8.self), images: true) == (1...5).map { "adam_files/figure-\($0).svg" })

        #expect(try TraceBinary.run(arguments, in: folder).status == 0)
        #expect(try Data(contentsOf: notes.appendingPathComponent("adam.md")) == page, "same inputs, same bytes")
        #expect(try Data(contentsOf: figures.appendingPathComponent("figure-2.svg")) == svg)

        try "mine".write(to: figures.appendingPathComponent("sketch.txt"), atomically: true, encoding: .utf8)
        try "old page".write(to: notes.appendingPathComponent("adam.md"), atomically: true, encoding: .utf8)
        let refused = try TraceBinary.run(arguments, in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderrLines == ["trace: 'notes/adam_files' holds 'sketch.txt', which trace did not write; move it or give another --output"])
        #expect(try String(contentsOf: notes.appendingPathComponent("adam.md"), encoding: .utf8) == "old page")
        #expect(try FileManager.default.contentsOfDirectory(atPath: figures.path).count == 6)
    }

    /// A figure folder that would hold the lesson being read is refused before anything is written.
    @Test func markdownFiguresNeverReplaceTheLesson() throws {
        let folder = try TraceBinary.temporaryFolder()
        let lessons = folder.appendingPathComponent("page_files")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let lesson = try String(contentsOfFile: TraceBinary.repository.appendingPathComponent("lessons/default.yaml").path, encoding: .utf8)
        try lesson.write(to: lessons.appendingPathComponent("lesson.yaml"), atomically: true, encoding: .utf8)
        let run = try TraceBinary.run(["handout", "page_files/lesson.yaml", "--format", "md", "--output", "page.md"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderrLines.count == 1 && run.stderr.contains("page_files"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("page.md").path))
        #expect(try String(contentsOf: lessons.appendingPathComponent("lesson.yaml"), encoding: .utf8) == lesson)
    }

    /// Compare and the booklet write their figures beside the page too.
    @Test func compareAndBookletWriteTheirFigures() throws {
        let folder = try TraceBinary.temporaryFolder()
        let compare = try TraceBinary.run(
            ["compare", "gd", "adam", "--lesson", "rosenbrock", "--steps", "20", "--format", "md", "--output", "c.md"], in: folder)
        #expect(compare.status == 0, "\(compare.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("c.md"), encoding: .utf8)
        let images = Self.links(text, images: true)
        #expect(images.count == 3, "the loss per step, the paths over the contours and Adam's effective rate")
        for image in images { #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(image).path)) }
        let booklet = try TraceBinary.run(["handout", "--all", "--booklet", "--format", "md", "--output", "course.md"], in: folder)
        #expect(booklet.status == 0, "\(booklet.stderr)")
        let course = try String(contentsOf: folder.appendingPathComponent("course.md"), encoding: .utf8)
        let figures = Self.links(course, images: true)
        #expect(figures.count >= 30 && figures.allSatisfy { $0.hasPrefix("course_files/") })
        #expect(figures.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) })
    }

    /// Every figure of every bundled HTML handout is drawn in its LaTeX handout (a
    /// `tikzpicture` each; LaTeXTests compiles them).
    @Test func latexDrawsEveryFigure() throws {
        let folder = try TraceBinary.temporaryFolder()
        let tex = folder.appendingPathComponent("tex"), html = folder.appendingPathComponent("html")
        #expect(try TraceBinary.run(["handout", "--all", "--format", "latex", "--output", tex.path]).status == 0)
        #expect(try TraceBinary.run(["handout", "--all", "--output", html.path]).status == 0)
        for page in try FileManager.default.contentsOfDirectory(atPath: html.path).filter({ $0.hasSuffix(".html") && $0 != "index.html" }) {
            let latex = try String(contentsOf: tex.appendingPathComponent(page.dropLast(5) + ".tex"), encoding: .utf8)
            let htmlPage = try String(contentsOf: html.appendingPathComponent(page), encoding: .utf8)
            #expect(latex.components(separatedBy: "\\begin{tikzpicture}").count - 1 == (try Self.svgCount(htmlPage)), "\(page)")
        }
    }

    /// `--format svg` writes one figure on its own, the same bytes as the Markdown page's file
    /// for it; with several figures `--figure` chooses (did-you-mean on a misspelling), and
    /// every mistake is one line and exit 2.
    @Test func svgWritesOneFigure() throws {
        let folder = try TraceBinary.temporaryFolder()
        let factor = try TraceBinary.run(["handout", "adam", "--format", "svg", "--figure", "factor"], in: folder)
        #expect(factor.status == 0, "\(factor.stderr)")
        let svg = try XMLDocument(data: factor.stdout, options: [])
        #expect(svg.rootElement()?.name == "svg")
        #expect(try svg.nodes(forXPath: "/*/*[local-name()='title']").first?.stringValue == "factor per update")
        #expect(try TraceBinary.run(["handout", "adam", "--format", "md", "--output", "adam.md"], in: folder).status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("adam_files/figure-4.svg")) == factor.stdout)

        let choose = try TraceBinary.run(["handout", "adam", "--format", "svg"], in: folder)
        #expect(choose.status == 2 && choose.stdout.isEmpty)
        #expect(choose.stderrLines == ["trace: --format svg writes one figure: choose it with --figure NAME (this handout has network, passes, loss, factor, rate)"])
        let misspelt = try TraceBinary.run(["handout", "adam", "--format", "svg", "--figure", "los", "--output", "x.svg"], in: folder)
        #expect(misspelt.status == 2)
        #expect(misspelt.stderrLines == ["trace: --figure los: no such figure; did you mean 'loss'? (this handout has network, passes, loss, factor, rate)"])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.svg").path))
        #expect(try TraceBinary.run(["handout", "--all", "--format", "svg", "--output", "all"], in: folder).status == 2)
        #expect(try TraceBinary.run(["handout", "adam", "--figure", "loss"], in: folder).status == 2)

        let paths = try TraceBinary.run(
            ["compare", "gd", "adam", "--lesson", "rosenbrock", "--steps", "20", "--format", "svg", "--figure", "paths", "--output", "paths.svg"],
            in: folder)
        #expect(paths.status == 0, "\(paths.stderr)")
        let contour = try XMLDocument(contentsOf: folder.appendingPathComponent("paths.svg"), options: [])
        #expect(try contour.nodes(forXPath: "/*[@aria-label='Paths over the loss contours']").count == 1)
        let eta = try TraceBinary.run(["handout", "learning-rate-schedules", "--format", "svg", "--figure", "eta"], in: folder)
        #expect(eta.status == 0 && eta.text.contains("aria-label=\"η per step\""))
    }
}
