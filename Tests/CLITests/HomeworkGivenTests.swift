import Foundation
import FoundationXML
import Testing

/// `trace homework --given g|weights`: the worksheet prints the values a hand computation
/// would otherwise need from every other parameter, the key records them, and grading takes
/// them as the key's.
@Suite struct HomeworkGivenTests {
    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The key's value of `quantity` of `parameter` at update `t`.
    static func value(_ key: [String: Any], t: Int, parameter: String, quantity: String) throws -> Double {
        let steps = try #require(key["steps"] as? [[String: Any]])
        let parameters = try #require(steps[t - 1]["parameters"] as? [String: [String: Double]])
        return try #require(parameters[parameter]?[quantity])
    }

    /// `x` as the worksheet prints a given value: six significant digits (C's `%.6g`).
    static func six(_ x: Double) -> String { String(format: "%.6g", x) }

    static func entries(_ list: Any?) throws -> [String] {
        try #require(list as? [[String: Any]]).map { "\($0["t"]!) \($0["parameter"]!) \($0["quantity"]!)" }
    }

    @Test("--given g: g is printed in the table, not asked, and recorded in the key")
    func givenG() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--given", "g", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "wrote homework for 1 student in hw (15 values asked of each; seed 1)\n")
        let student = folder.appendingPathComponent("hw/001")
        let key = try Self.json(student.appendingPathComponent("key.json"))
        #expect(try Self.entries(key["given"]) == ["1 W2[1,1] g", "2 W2[1,1] g", "3 W2[1,1] g"])
        #expect(try Self.entries(key["asked"]).allSatisfy { !$0.hasSuffix(" g") })
        #expect(try Self.entries(key["asked"]).count == 15)
        let template = try String(contentsOf: student.appendingPathComponent("answers.csv"), encoding: .utf8)
        #expect(!template.contains(",g,"))

        let markdown = try String(contentsOf: student.appendingPathComponent("worksheet.md"), encoding: .utf8)
        let html = try String(contentsOf: student.appendingPathComponent("worksheet.html"), encoding: .utf8)
        _ = try XMLDocument(contentsOf: student.appendingPathComponent("worksheet.html"), options: [])
        #expect(markdown.contains("| t | g, given | m | v | m̂ (m\\_hat) | v̂ (v\\_hat) | w\\_new |"))
        #expect(markdown.contains("so there is no forward or backward pass to compute"))
        #expect(html.contains("so there is no forward or backward pass to compute"))
        for t in 1...3 {
            let g = try Self.six(Self.value(key, t: t, parameter: "W2[1,1]", quantity: "g"))
            #expect(markdown.contains("| \(t) | \(g) |  |  |  |  |  |"), "g(\(t)) = \(g)")
            #expect(html.contains(">\(g)<"), "g(\(t)) = \(g) in the HTML worksheet")
        }
        #expect(!markdown.contains("update all 9 parameters"))
    }

    @Test("--given weights: every parameter's weight from t = 2 on, as the key's run has them")
    func givenWeights() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--given", "weights", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let student = folder.appendingPathComponent("hw/001")
        let key = try Self.json(student.appendingPathComponent("key.json"))
        let names = try #require(key["parameters"] as? [String])
        #expect(names.count == 9)
        #expect(try Self.entries(key["given"]) == [2, 3].flatMap { t in names.map { "\(t) \($0) w" } })
        #expect(try Self.entries(key["asked"]).count == 18, "g is still asked")
        let markdown = try String(contentsOf: student.appendingPathComponent("worksheet.md"), encoding: .utf8)
        let html = try String(contentsOf: student.appendingPathComponent("worksheet.html"), encoding: .utf8)
        _ = try XMLDocument(contentsOf: student.appendingPathComponent("worksheet.html"), options: [])
        #expect(markdown.contains("| parameter | w at t = 2 | w at t = 3 |"))
        for name in names {
            let row = try [2, 3].map { try Self.six(Self.value(key, t: $0, parameter: name, quantity: "w")) }
            let escaped = name.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
            #expect(markdown.contains("| \(escaped) | \(row[0]) | \(row[1]) |"), "\(name)")
            #expect(row.allSatisfy { html.contains(">\($0)<") }, "\(name) in the HTML worksheet")
            // The weight at t = 2 is the one update 1 left: every parameter moved.
            #expect(try Self.value(key, t: 2, parameter: name, quantity: "w") == Self.value(key, t: 1, parameter: name, quantity: "w_new"))
        }
        #expect(markdown.contains("with the given weight as w (not your own w\\_new of update t − 1)"))
    }

    @Test("without --given, the worksheet says g(t) needs every parameter updated")
    func withoutGiven() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let student = folder.appendingPathComponent("hw/001")
        let key = try Self.json(student.appendingPathComponent("key.json"))
        #expect(key["given"] == nil, "a key without --given has no 'given'")
        for file in ["worksheet.md", "worksheet.html"] {
            let text = try String(contentsOf: student.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("update all 9 parameters"), "\(file)")
            #expect(text.contains("is not the right one"), "\(file)")
        }
        // One update: no earlier update to carry, so nothing is said about the others.
        let one = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--steps", "1", "--output", "one"], in: folder)
        #expect(one.status == 0)
        let text = try String(contentsOf: folder.appendingPathComponent("one/001/worksheet.md"), encoding: .utf8)
        #expect(text.contains("What to compute: each update t starts with the forward and backward pass"))
        #expect(!text.contains("update all 9 parameters"))
    }

    @Test("bad --given requests exit 2 with one line and write nothing", arguments: [
        (["--given", "g", "--ask", "g,m"], "--given g prints g on the worksheet, so it cannot be asked too; leave g out of --ask"),
        (["--given", "weights", "--ask", "w,m"], "--given weights prints every weight from t = 2 on, so w cannot be asked too"),
        (["--given", "weights", "--steps", "1"], "--given weights prints the weights at the start of updates 2 and later, but this homework asks about update 1 only"),
        (["--given", "weight"], "not 'weight'; did you mean 'weights'?"),
        (["--given", "g,weights"], "not 'g,weights'; give one of them"),
    ])
    func badGiven(_ flags: [String], _ message: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1"] + flags + ["--output", "out"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// A student's answers to a `--given g` Adam worksheet, worked by hand with the
    /// lecture's formulas (m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m/(1 − β₁ᵗ),
    /// v̂ = v/(1 − β₂ᵗ), w ← w − η/√(v̂ + ε)·m̂) from the printed g, every value rounded to
    /// four significant digits as it is written down. `slip` multiplies m(1) by 1.1.
    static func handAnswers(g: [Double], w: Double, eta: Double, slip: Bool = false) -> String {
        let (beta1, beta2, epsilon) = (0.9, 0.999, 1e-8)
        func four(_ x: Double) -> Double { Double(String(format: "%.4g", x))! }
        var (m, v, w) = (0.0, 0.0, w)
        var rows = "t,parameter,quantity,value\n"
        for (n, g) in g.enumerated() {
            let t = n + 1
            m = four(beta1 * m + (1 - beta1) * g)
            if slip, t == 1 { m = four(m * 1.1) }
            v = four(beta2 * v + (1 - beta2) * g * g)
            let mHat = four(m / (1 - pow(beta1, Double(t)))), vHat = four(v / (1 - pow(beta2, Double(t))))
            w = four(w - eta / (vHat + epsilon).squareRoot() * mHat)
            for (quantity, value) in [("m", m), ("v", v), ("m_hat", mHat), ("v_hat", vHat), ("w_new", w)] {
                rows += "\(t),\"W2[1,1]\",\(quantity),\(value)\n"
            }
        }
        return rows
    }

    @Test("a sheet worked from a --given g worksheet: full marks; one slip costs one mark; a g written anyway is ignored")
    func gradingGivenG() throws {
        let folder = try TraceBinary.temporaryFolder()
        let made = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--given", "g", "--output", "hw"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let key = try Self.json(folder.appendingPathComponent("hw/001/key.json"))
        // What the worksheet prints: g to six digits, the starting weight and η.
        let g = try (1...3).map { try Double(Self.six(Self.value(key, t: $0, parameter: "W2[1,1]", quantity: "g")))! }
        let w = try Self.value(key, t: 1, parameter: "W2[1,1]", quantity: "w")
        let eta = try #require(((key["optimizer"] as? [String: Any])?["hyperparameters"] as? [String: Double])?["eta"])

        try Self.handAnswers(g: g, w: w, eta: eta).write(to: folder.appendingPathComponent("right.csv"), atomically: true, encoding: .utf8)
        let right = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "right.csv"], in: folder)
        #expect(right.status == 0)
        #expect(right.stderr == "graded for 001: 15 of 15\n", "\(right.text)")

        // A slip in m(1): m̂(1), w_new(1) and everything after follow from it; g(2) and g(3) are
        // the worksheet's, whatever the student's w_new(1) is.
        var slipped = Self.handAnswers(g: g, w: w, eta: eta, slip: true)
        slipped += "2,\"W2[1,1]\",g,-0.2\n"
        try slipped.write(to: folder.appendingPathComponent("slip.csv"), atomically: true, encoding: .utf8)
        let slip = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "slip.csv"], in: folder)
        #expect(slip.stderr == "graded for 001: 14 of 15\n", "\(slip.text)")
        let results = try #require(try JSONSerialization.jsonObject(with: slip.stdout) as? [String: Any])
        #expect((results["output"] as? String)?.contains("1 value was not asked for and not graded") == true, "\(results)")
        let tests = try #require(results["tests"] as? [[String: Any]])
        #expect(tests.filter { ($0["score"] as? Double) == 0 }.map { $0["name"] as? String } == ["t = 1 · W2[1,1] · m"])
    }

    @Test("with the weights given, w of an update is the worksheet's, not the student's own w_new before it")
    func gradingGivenWeights() throws {
        let folder = try TraceBinary.temporaryFolder()
        let made = try TraceBinary.run(
            ["homework", "adam", "--count", "1", "--seed", "1", "--steps", "2", "--given", "weights", "--output", "hw"], in: folder)
        #expect(made.status == 0, "\(made.stderr)")
        let key = try Self.json(folder.appendingPathComponent("hw/001/key.json"))
        let asked = try #require(key["asked"] as? [[String: Any]])
        // Every asked value the key's, but w_new(1) 10 % off; w_new(2) as the worksheet's w(2)
        // gives it (the key's), or as the student's own w_new(1) would.
        func sheet(ownWeight: Bool) throws -> String {
            var rows = "t,parameter,quantity,value\n"
            for entry in asked {
                let t = try #require(entry["t"] as? Int), quantity = try #require(entry["quantity"] as? String)
                var value = try Self.value(key, t: t, parameter: "W2[1,1]", quantity: quantity)
                if t == 1, quantity == "w_new" { value *= 1.1 }
                if t == 2, quantity == "w_new", ownWeight {
                    value += try Self.value(key, t: 1, parameter: "W2[1,1]", quantity: "w_new") * 0.1
                }
                rows += "\(t),\"W2[1,1]\",\(quantity),\(value)\n"
            }
            return rows
        }
        try sheet(ownWeight: false).write(to: folder.appendingPathComponent("given.csv"), atomically: true, encoding: .utf8)
        try sheet(ownWeight: true).write(to: folder.appendingPathComponent("own.csv"), atomically: true, encoding: .utf8)
        let given = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "given.csv"], in: folder)
        #expect(given.stderr == "graded for 001: 11 of 12\n", "\(given.text)")
        let own = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "own.csv"], in: folder)
        #expect(own.stderr == "graded for 001: 10 of 12\n", "\(own.text)")
    }

    @Test("a key's 'given' is checked: a given value also asked, or a quantity a worksheet cannot give, is refused")
    func givenInTheKeyIsChecked() throws {
        let folder = try TraceBinary.temporaryFolder()
        #expect(try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "1", "--given", "g", "--output", "hw"], in: folder).status == 0)
        try "t,parameter,quantity,value\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        var key = try Self.json(folder.appendingPathComponent("hw/001/key.json"))
        key["given"] = [["t": 1, "parameter": "W2[1,1]", "quantity": "m"]]
        try JSONSerialization.data(withJSONObject: key).write(to: folder.appendingPathComponent("m.json"))
        key["given"] = [["t": 1, "parameter": "W2[1,1]", "quantity": "g"], ["t": 1, "parameter": "W2[1,1]", "quantity": "g"]]
        try JSONSerialization.data(withJSONObject: key).write(to: folder.appendingPathComponent("twice.json"))
        var asked = try #require(key["asked"] as? [[String: Any]])
        asked[0]["quantity"] = "g"
        key["asked"] = asked
        key["given"] = [["t": 1, "parameter": "W2[1,1]", "quantity": "g"]]
        try JSONSerialization.data(withJSONObject: key).write(to: folder.appendingPathComponent("both.json"))
        for (file, message) in [
            ("m.json", "m.json: the key gives 'm', but a worksheet gives only g or w"),
            ("twice.json", "twice.json: the key gives g of W2[1,1] at t = 1 twice"),
            ("both.json", "both.json: the key both gives and asks for g of W2[1,1] at t = 1"),
        ] {
            let result = try TraceBinary.run(["grade", "--key", file, "--answers", "a.csv"], in: folder)
            #expect(result.status == 2, "\(file): \(result.stderr)")
            #expect(result.stderrLines.count == 1 && result.stderr.contains(message), "\(result.stderr)")
        }
    }
}
