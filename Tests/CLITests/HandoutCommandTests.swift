import Foundation
import FoundationXML
import Testing

/// `trace handout`: one lesson's handout, or every bundled lesson's and an index.
@Suite struct HandoutCommandTests {
    @Test func oneLessonWithItsOwnOptimizer() throws {
        let result = try TraceBinary.run(["handout", "classic-backprop"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = result.text
        _ = try XMLDocument(xmlString: html, options: [])
        #expect(html.contains("<h1>The classic 2-2-2 backpropagation example</h1>"))
        #expect(html.contains("<h2>Gradient descent, lecture convention</h2>"))
        let markdown = try TraceBinary.run(["handout", "classic-backprop", "--format", "md"])
        #expect(markdown.text.hasPrefix("# The classic 2-2-2 backpropagation example\n"))
    }

    @Test(arguments: ["html", "md"])
    func everyBundledLessonAndAnIndex(_ format: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["handout", "--all", "--output", "site", "--format", format], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let site = folder.appendingPathComponent("site")
        let files = try FileManager.default.contentsOfDirectory(atPath: site.path).sorted()
        let lessons = try TraceBinary.run(["lessons", "--width", "200"]).text.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        // Markdown keeps each page's figures in NAME_files/ beside it; every lesson has figures.
        let folders = format == "md" ? lessons.map { "\($0)_files" } : []
        #expect(files == (lessons.map { "\($0).\(format)" } + folders + ["index.\(format)"]).sorted())
        let index = try String(contentsOf: site.appendingPathComponent("index.\(format)"), encoding: .utf8)
        for lesson in lessons {
            #expect(index.contains(format == "html" ? "href=\"\(lesson).html\"" : "](\(lesson).md)"), "index links \(lesson)")
        }
        if format == "html" {
            for file in files { _ = try XMLDocument(contentsOf: site.appendingPathComponent(file), options: []) }
        }
        // Every lesson's handout says how to reproduce it in each framework, or why it cannot.
        for lesson in lessons {
            let text = try String(contentsOf: site.appendingPathComponent("\(lesson).\(format)"), encoding: .utf8)
            #expect(text.contains(format == "html" ? "<h2>Reproduce this in code</h2>" : "## Reproduce this in code"), "\(lesson)")
            for framework in ["PyTorch", "Keras", "Optax"] {
                #expect(text.contains("\(framework) gives the same numbers") || text.contains("\(framework) cannot give these numbers"),
                        "\(lesson): \(framework)")
            }
        }
    }

    @Test(arguments: [
        (["handout"], "name a lesson"),
        (["handout", "adam", "--all", "--output", "x"], "give a lesson or --all, not both"),
        (["handout", "--all"], "give the folder with --output DIR"),
        (["handout", "nope"], "no lesson 'nope'"),
        (["handout", "adam", "--booklet"], "--booklet puts every lesson in one document: use it with --all"),
        (["handout", "adam", "--detail", "short"], "--detail: 'short' is not one of summary, full"),
        (["handout", "adam", "--paper", "a5"], "--paper: 'a5' is not one of a4, letter; did you mean 'a4'?"),
    ])
    func mistakesExit2(_ arguments: [String], _ says: String) throws {
        let result = try TraceBinary.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.contains(says), "\(result.stderr)")
    }

    /// A mistake found while rendering leaves no folder behind.
    @Test func allLeavesNothingOnError() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["handout", "--all", "--output", "site", "--focus", "W9[9,9]"], in: folder)
        #expect(result.status == 2)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site").path))
    }

    @Test func aLessonWithoutAnOptimizerSaysWhatToDo() throws {
        let folder = try TraceBinary.temporaryFolder()
        try "title: t\nmodel:\n  loss: half_sse\n  layers:\n    - activation: identity\n      weights: [[1.0]]\ndata:\n  inputs: [[1.0]]\n  targets: [[0.0]]\n"
            .write(to: folder.appendingPathComponent("bare.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["handout", "bare.yaml"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr == "trace: bare.yaml names no optimizer; add an 'optimizer:' section, or run 'trace <optimizer> --lesson bare.yaml --format html'\n")
    }
}
