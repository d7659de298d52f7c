import Foundation
import Testing

/// The HTML handout in a real browser: headless Chromium (Debian `chromium`, installed by
/// `.ci/run`) parses it, keeps its MathML and SVG, and renders it to a PNG.
@Suite struct BrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func browser(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let path = try #require(Self.chromium, "headless Chromium is needed: apt-get install chromium")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func chromiumRendersTheHandout() throws {
        let folder = try TraceBinary.temporaryFolder()
        let html = folder.appendingPathComponent("handout.html")
        let run = try TraceBinary.run(["adam", "--steps", "2", "--format", "html", "--output", html.path], in: folder)
        #expect(run.status == 0)

        let dom = try browser(["--dump-dom", html.absoluteString])
        #expect(dom.status == 0)
        #expect(dom.output.contains("<math"))
        #expect(dom.output.contains("<mfrac>"))
        #expect(dom.output.contains("<polyline"))

        let png = folder.appendingPathComponent("handout.png")
        let shot = try browser(["--window-size=900,2400", "--screenshot=\(png.path)", html.absoluteString])
        #expect(shot.status == 0)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
        #expect(bytes.count > 50_000, "a page with content, not a blank one (\(bytes.count) bytes)")
    }

    /// Measures a page as laid out by Chromium at one width: a script added to a copy of the
    /// page writes, once loaded, the viewport's width, the page's scroll width, what sticks out
    /// of the viewport outside a sideways-scrolling box, the boxes that do scroll, and the
    /// formula and table boxes whose content is taller than the box (cut at the top or bottom).
    static let probe = """
        <script>
        window.addEventListener('load', () => {
          const width = document.documentElement.clientWidth;
          const report = { width, page: document.documentElement.scrollWidth, sticking: [], scrolling: [], clipped: [] };
          const name = el => el.tagName + ' ' + (el.textContent || '').replace(/\\s+/g, ' ').slice(0, 40);
          const scroller = el => {
            for (let p = el.parentElement; p; p = p.parentElement) {
              const o = getComputedStyle(p).overflowX;
              if (o === 'auto' || o === 'scroll') return p;
            }
            return null;
          };
          for (const el of document.querySelectorAll('table, math, pre, svg, p, h1, h2, h3, figure, li')) {
            const box = scroller(el);
            if (!box && el.getBoundingClientRect().right > width + 0.5) report.sticking.push(name(el));
            if (box && box.scrollWidth > box.clientWidth + 1) report.scrolling.push(name(el));
          }
          for (const el of document.querySelectorAll('.equation, .scroll')) {
            if (el.scrollHeight > el.clientHeight + 1) report.clipped.push(name(el));
          }
          document.body.setAttribute('data-probe', JSON.stringify(report));
        });
        </script>
        """

    struct Layout: Decodable {
        var width: Int
        var page: Int
        var sticking: [String]
        var scrolling: [String]
        var clipped: [String]
    }

    func layout(of html: URL, width: Int) throws -> Layout {
        let page = try String(contentsOf: html, encoding: .utf8)
        let probed = html.deletingLastPathComponent().appendingPathComponent("probed-\(width)-" + html.lastPathComponent)
        try page.replacingOccurrences(of: "</body>", with: Self.probe + "</body>").write(to: probed, atomically: true, encoding: .utf8)
        let dom = try browser(["--window-size=\(width),2000", "--dump-dom", probed.absoluteString])
        #expect(dom.status == 0)
        let attribute = try #require(dom.output.range(of: "data-probe=\""), "the probe ran")
        let rest = dom.output[attribute.upperBound...]
        let json = rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)]
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&nbsp;", with: " ")
        return try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
    }

    /// On a 1280 px screen nothing in these handouts needs scrolling (the worked example's
    /// first line, the widest formulas, the parameter tables, the conventions side by side,
    /// the sweep's and the comparisons' tables fit); on a phone-sized screen (Chromium's narrowest window, 480 px asked) the
    /// page itself never scrolls sideways: wide tables and formulas scroll inside their own
    /// box; no formula is cut at the top or bottom. Screenshots at both widths are written
    /// next to the page, to look at.
    @Test(arguments: ["default", "rosenbrock", "epsilon-placement", "hyperparameter-tuning", "quadratic-bowl", "weight-decay-adam-l2"])
    func narrowAndWideScreens(_ lesson: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let html = folder.appendingPathComponent("\(lesson).html")
        #expect(try TraceBinary.run(["handout", lesson, "--output", html.path], in: folder).status == 0)
        let wide = try layout(of: html, width: 1280)
        #expect(wide.page == wide.width && wide.sticking.isEmpty && wide.scrolling.isEmpty && wide.clipped.isEmpty, "\(wide)")
        let narrow = try layout(of: html, width: 480)
        #expect(narrow.width <= 500, "\(narrow)")
        #expect(narrow.page == narrow.width, "the page scrolls sideways: \(narrow)")
        #expect(narrow.sticking.isEmpty && narrow.clipped.isEmpty, "\(narrow)")
        #expect(!narrow.scrolling.isEmpty, "wide tables and formulas scroll in their boxes: \(narrow)")
        for width in [1280, 480] {
            let png = folder.appendingPathComponent("\(lesson)-\(width).png")
            #expect(try browser(["--window-size=\(width),2400", "--screenshot=\(png.path)", html.absoluteString]).status == 0)
            #expect(try Data(contentsOf: png).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        }
    }

    /// The text of page `page` of `pdf`, laid out as on paper, or `nil` past the last page.
    func pageText(_ pdf: URL, page: Int) throws -> String? {
        let pdftotext = try #require(
            ["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "pdftotext is needed: apt-get install poppler-utils")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: pdftotext)
        process.arguments = ["-layout", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? text : nil
    }

    /// Every bundled handout, printed from Chromium on A4 and on Letter (`--paper`) as the
    /// booklet (`--all --booklet`, where each lesson starts a new page), in full and in
    /// summary: the PDF has the paper's size; no page but a lesson's last holds only a
    /// fragment (fewer than 8 lines of text: the last rows of a table, a lone heading or
    /// caption), which is what a step, a figure or a table split across pages leaves behind;
    /// and every lesson's summary fits in 4 pages.
    @Test(arguments: [("a4", "full"), ("letter", "full"), ("a4", "summary"), ("letter", "summary")])
    func everyHandoutPrintsWithoutFragments(_ paper: String, _ detail: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let html = folder.appendingPathComponent("booklet.html")
        let run = try TraceBinary.run(
            ["handout", "--all", "--booklet", "--detail", detail, "--paper", paper, "--output", html.path], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let lessons = try TraceBinary.run(["lessons", "--width", "200"]).text.split(separator: "\n").count
        let pdf = folder.appendingPathComponent("booklet.pdf")
        #expect(try browser(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString]).status == 0)
        var texts: [String] = []
        while let text = try pageText(pdf, page: texts.count + 1) { texts.append(text) }
        // A lesson starts on the page whose first line is its numbered title, `3. Stochastic …`.
        let firstLines = texts.map { $0.split(separator: "\n").first { !$0.allSatisfy(\.isWhitespace) }.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        let starts = firstLines.indices.dropFirst().filter { page in
            let line = firstLines[page]
            return line.hasPrefix("\(firstLines[..<page].filter { $0.first?.isNumber == true && $0.contains(". ") }.count + 1). ")
        }
        #expect(starts.count == lessons, "a numbered section per lesson (\(lessons)): \(starts)")
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : texts.count
            if detail == "summary" { #expect(end - start <= 4, "\(firstLines[start]) takes \(end - start) pages on \(paper)") }
            for page in start..<(end - 1) {
                let lines = texts[page].split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }
                #expect(lines.count >= 8, "\(firstLines[start]) on \(paper), page \(page + 1) holds only: \(lines.joined(separator: " / "))")
            }
        }
        // Page size in points: A4 595 × 842 (Chromium writes 594.96), Letter 612 × 792;
        // the MediaBox is in the file.
        let bytes = try String(decoding: Data(contentsOf: pdf), as: UTF8.self)
        #expect(bytes.contains(paper == "a4" ? "/MediaBox [0 0 594.9" : "/MediaBox [0 0 612 792]"), "on \(paper)")
    }

    /// The print stylesheet: printed to PDF on A4 paper (the default), no page holds
    /// part of a step: a page with a step's heading also holds its worked example and the
    /// last row of its parameter table. Needs `pdftotext` (Debian `poppler-utils`).
    @Test func printingNeverSplitsAStep() throws {
        let folder = try TraceBinary.temporaryFolder()
        let html = folder.appendingPathComponent("handout.html")
        let pdf = folder.appendingPathComponent("handout.pdf")
        #expect(try TraceBinary.run(["adam", "--steps", "4", "--format", "html", "--output", html.path], in: folder).status == 0)
        let printed = try browser(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString])
        #expect(printed.status == 0)

        let pdftotext = try #require(
            ["/usr/bin/pdftotext"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "pdftotext is needed: apt-get install poppler-utils")
        var steps = 0
        for page in 1...40 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: pdftotext)
            process.arguments = ["-f", "\(page)", "-l", "\(page)", pdf.path, "-"]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { break }
            let headings = text.components(separatedBy: "Step t = ").count - 1
            steps += headings
            #expect(text.components(separatedBy: "Worked example for").count - 1 == headings, "page \(page)")
            // b2[1] is the last row of each step's table (and labels the diagram on page 1).
            #expect(text.components(separatedBy: "b2[1]").count - 1 >= headings, "page \(page)")
        }
        #expect(steps == 4)
    }
}
