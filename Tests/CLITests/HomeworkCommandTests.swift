import Foundation
import FoundationXML
import Testing

/// `trace homework`: a folder per student with a worksheet, an answers template and a key.
@Suite struct HomeworkCommandTests {
    static let files = ["answers.csv", "key.json", "worksheet.html", "worksheet.md"]

    /// Every file under `folder`, by relative path, with its bytes.
    static func contents(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for student in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(student).path) {
                files["\(student)/\(name)"] = try Data(contentsOf: folder.appendingPathComponent(student).appendingPathComponent(name))
            }
        }
        return files
    }

    @Test("300 variants, each with a worksheet, a template and a key; the same seed gives the same bytes")
    func threeHundredVariants() throws {
        let folder = try TraceBinary.temporaryFolder()
        let first = try TraceBinary.run(["homework", "adam", "--count", "300", "--seed", "2026", "--output", "a"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("wrote homework for 300 students in a"))
        let second = try TraceBinary.run(["homework", "adam", "--count", "300", "--seed", "2026", "--output", "b"], in: folder)
        #expect(second.status == 0)
        let a = try Self.contents(of: folder.appendingPathComponent("a"))
        let b = try Self.contents(of: folder.appendingPathComponent("b"))
        #expect(a.count == 300 * Self.files.count)
        #expect(a == b, "the same seed must give the same bytes")
        #expect(a["001/worksheet.md"] != nil && a["300/key.json"] != nil)

        // Variants differ from one another, and from another seed's.
        let keys = Set((1...300).map { a[String(format: "%03d/key.json", $0)] })
        #expect(keys.count == 300)
        let other = try TraceBinary.run(["homework", "adam", "--count", "3", "--seed", "2027", "--output", "c"], in: folder)
        #expect(other.status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("c/001/key.json")) != a["001/key.json"])
    }

    @Test("a key is trace/v1 with the asked values, hand-friendly inputs, and a worksheet with a blank for each")
    func keyAndWorksheet() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(
            ["homework", "adam", "--count", "2", "--seed", "9", "--ask", "m,v_hat,w_new", "--steps", "2", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let student = folder.appendingPathComponent("hw/002")
        let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: student.appendingPathComponent("key.json"))) as? [String: Any])
        #expect(key["schema"] as? String == "trace/v1")
        #expect(key["student"] as? String == "002")
        let asked = try #require(key["asked"] as? [[String: Any]])
        #expect(asked.map { "\($0["t"]!) \($0["parameter"]!) \($0["quantity"]!)" } == [
            "1 W2[1,1] m", "1 W2[1,1] v_hat", "1 W2[1,1] w_new", "2 W2[1,1] m", "2 W2[1,1] v_hat", "2 W2[1,1] w_new",
        ])
        // Weights, biases and inputs on the default grids, in tenths.
        let lesson = try #require(key["lesson"] as? [String: Any])
        let model = try #require(lesson["model"] as? [String: Any])
        for layer in try #require(model["layers"] as? [[String: Any]]) {
            let values = try #require(layer["weights"] as? [[Double]]).flatMap { $0 } + (try #require(layer["biases"] as? [Double]))
            for value in values {
                #expect(abs(value) <= 0.5 && (value * 10).rounded() == value * 10, "\(value) is not a tenth in [−0.5, 0.5]")
            }
        }
        let data = try #require(lesson["data"] as? [String: Any])
        for value in try #require(data["inputs"] as? [[Double]]).flatMap({ $0 }) {
            #expect((0...1).contains(value) && (value * 10).rounded() == value * 10)
        }
        let template = try String(contentsOf: student.appendingPathComponent("answers.csv"), encoding: .utf8)
        #expect(template == "t,parameter,quantity,value\n1,\"W2[1,1]\",m,\n1,\"W2[1,1]\",v_hat,\n1,\"W2[1,1]\",w_new,\n2,\"W2[1,1]\",m,\n2,\"W2[1,1]\",v_hat,\n2,\"W2[1,1]\",w_new,\n")
        let worksheet = try String(contentsOf: student.appendingPathComponent("worksheet.md"), encoding: .utf8)
        #expect(worksheet.hasPrefix("# Adam, bias correction in the first steps: homework for 002\n"))
        #expect(worksheet.contains("| t | m | v̂ (v\\_hat) | w\\_new |"))
        #expect(!worksheet.contains("Step t = 1"), "a worksheet shows no worked steps")
        _ = try XMLDocument(contentsOf: student.appendingPathComponent("worksheet.html"), options: [])
    }

    @Test("the bundled backprop homework asks the pass in the lecture's order, then g and w_new, and its key graded against itself gets every mark")
    func backpropHomework() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(["homework", "backprop-homework", "--count", "2", "--seed", "1", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let student = folder.appendingPathComponent("hw/001")
        let template = try String(contentsOf: student.appendingPathComponent("answers.csv"), encoding: .utf8)
        let names = template.split(separator: "\n").dropFirst().map { line in line.split(separator: ",", maxSplits: 1)[1] }
        #expect(names.map(String.init) == [
            "z1[1] of sample 1,z,", "z1[2] of sample 1,z,", "a1[1] of sample 1,a,", "a1[2] of sample 1,a,",
            "z2[1] of sample 1,z,", "z2[2] of sample 1,z,", "a2[1] of sample 1,a,", "a2[2] of sample 1,a,",
            "loss of sample 1,loss,", "delta2[1] of sample 1,delta,", "delta2[2] of sample 1,delta,",
            "delta1[1] of sample 1,delta,", "delta1[2] of sample 1,delta,",
            "\"W1[1,1]\",g,", "\"W1[1,1]\",w_new,", "\"W2[1,1]\",g,", "\"W2[1,1]\",w_new,",
        ])
        let markdown = try String(contentsOf: student.appendingPathComponent("worksheet.md"), encoding: .utf8)
        #expect(markdown.contains("| δ1\\[2\\] | delta1\\[2\\] of sample 1, delta |  |"))
        _ = try XMLDocument(contentsOf: student.appendingPathComponent("worksheet.html"), options: [])

        // The key's own values, written as a student would, get every mark.
        let keyURL = student.appendingPathComponent("key.json")
        let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: keyURL)) as? [String: Any])
        let steps = try #require(key["steps"] as? [[String: Any]])
        let sample = try #require((steps[0]["samples"] as? [[String: Any]])?.first)
        let layers = try #require(sample["layers"] as? [[String: [Double]]])
        var rows = ["t,parameter,quantity,value"]
        for asked in try #require(key["asked"] as? [[String: Any]]) {
            let name = try #require(asked["parameter"] as? String), quantity = try #require(asked["quantity"] as? String)
            if asked["sample"] != nil {
                var value = try #require(sample["loss"] as? Double)
                if quantity != "loss" {
                    let digits = name.dropFirst(quantity.count).split(whereSeparator: { "[]".contains($0) }).compactMap { Int($0) }
                    value = try #require(layers[digits[0] - 1][quantity]?[digits[1] - 1])
                }
                rows.append("1,\(name) of sample 1,\(quantity),\(value)")
            } else {
                let parameters = try #require(steps[0]["parameters"] as? [String: [String: Double]])
                rows.append("1,\"\(name)\",\(quantity),\(try #require(parameters[name]?[quantity]))")
            }
        }
        try (rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("answers.csv"), atomically: true, encoding: .utf8)
        let graded = try TraceBinary.run(["grade", "--key", "hw/001/key.json", "--answers", "answers.csv"], in: folder)
        #expect(graded.status == 0, "\(graded.stderr)")
        #expect(graded.stderr.contains("17 of 17"), "\(graded.stderr)")
    }

    @Test("a homework that asks the passes is about one update unless --steps says more")
    func passesAskedAtOneUpdate() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(
            ["homework", "softmax-classification", "--count", "2", "--seed", "1", "--ask", "z,a,delta,loss,g", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        // 3 samples × (5 z + 5 a + 5 δ + 1 loss) + 1 g, all at t = 1.
        #expect(result.stderr.contains("(49 values asked of each; seed 1)"), "\(result.stderr)")
        let template = try String(contentsOf: folder.appendingPathComponent("hw/002/answers.csv"), encoding: .utf8)
        let updates = Set(template.split(separator: "\n").dropFirst().map { $0.prefix(while: { $0 != "," }) })
        #expect(updates == ["1"])

        let two = try TraceBinary.run(
            ["homework", "softmax-classification", "--count", "1", "--seed", "1", "--ask", "z,loss", "--steps", "2", "--output", "hw2"], in: folder)
        #expect(two.status == 0, "\(two.stderr)")
        let template2 = try String(contentsOf: folder.appendingPathComponent("hw2/001/answers.csv"), encoding: .utf8)
        #expect(Set(template2.split(separator: "\n").dropFirst().map { $0.prefix(while: { $0 != "," }) }) == ["1", "2"])
    }

    @Test("a parameter named twice is asked once, and an existing folder with files is refused")
    func parametersAndFolders() throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(
            ["homework", "adam", "--count", "1", "--seed", "4", "--parameter", "W2[1,1],w2[1, 1]", "--steps", "1", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("hw/001/key.json"))) as? [String: Any])
        #expect((key["asked"] as? [Any])?.count == 6)
        let again = try TraceBinary.run(["homework", "adam", "--count", "1", "--seed", "5", "--output", "hw"], in: folder)
        #expect(again.status == 2)
        #expect(again.stderr.contains("--output 'hw' already holds files; give a new folder"))
    }

    @Test("a roster names the folders, and a student's variant does not depend on the roster's order")
    func roster() throws {
        let folder = try TraceBinary.temporaryFolder()
        try "id,name\nalice@example.edu,Alice\nbob_2,Bob\n".write(to: folder.appendingPathComponent("one.csv"), atomically: true, encoding: .utf8)
        try "name;id\nBob;bob_2\nCarol;carol\nAlice;alice@example.edu\n".write(to: folder.appendingPathComponent("two.csv"), atomically: true, encoding: .utf8)
        #expect(try TraceBinary.run(["homework", "sgd", "--roster", "one.csv", "--seed", "4", "--output", "one"], in: folder).status == 0)
        let two = try TraceBinary.run(["homework", "sgd", "--roster", "two.csv", "--seed", "4", "--output", "two"], in: folder)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("one").path).sorted() == ["alice@example.edu", "bob_2"])
        for id in ["alice@example.edu", "bob_2"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("one/\(id)/key.json"))
            let b = try Data(contentsOf: folder.appendingPathComponent("two/\(id)/key.json"))
            #expect(a == b, "\(id)'s variant changed with the roster")
        }
    }

    @Test("bad requests exit 2 with one line that says what to do, and write nothing", arguments: [
        (["homework", "adam", "--count", "3", "--output", "out"], "give --seed S"),
        (["homework", "adam", "--seed", "1", "--output", "out"], "--count N"),
        (["homework", "adam", "--count", "3", "--seed", "1"], "--output DIR"),
        (["homework", "adam", "--count", "0", "--seed", "1", "--output", "out"], "--count must be between 1 and 10000"),
        (["homework", "adam", "--count", "3", "--roster", "r.csv", "--seed", "1", "--output", "out"], "not both"),
        (["homework", "adam", "--count", "3", "--seed", "1", "--ask", "m,mhat", "--output", "out"], "no quantity 'mhat'; did you mean 'm_hat'?"),
        (["homework", "adam", "--count", "3", "--seed", "1", "--parameter", "W9[1,1]", "--output", "out"], "no parameter 'W9[1,1]'"),
        (["homework", "adam", "--count", "3", "--seed", "1", "--steps", "101", "--output", "out"], "between 1 and 100"),
        (["homework", "nope", "--count", "3", "--seed", "1", "--output", "out"], "no lesson 'nope'"),
        (["homework", "quadratic-bowl", "--count", "3", "--seed", "1", "--ask", "z,g", "--output", "out"],
         "'z' is a value of a network's forward and backward pass, and this lesson minimises a function of w"),
        // 3 updates × 3 samples × every unit: no draw keeps all 147 values from cancelling.
        (["homework", "softmax-classification", "--count", "1", "--seed", "1", "--ask", "z,a,delta,loss,g", "--steps", "3", "--output", "out"],
         "with an asked value whose terms cancel (the last: the terms of "),
        (["homework", "softmax-classification", "--count", "1", "--seed", "1", "--ask", "z,a,delta,loss,g", "--steps", "3", "--output", "out"],
         "; ask the passes at fewer updates (--steps 1) or fewer quantities (--ask), or change the lesson's 'variants:' ranges or its data"),
        (["homework", "adam", "--roster", "missing.csv", "--seed", "1", "--output", "out"], "cannot read the roster 'missing.csv'"),
    ])
    func badRequests(_ arguments: [String], _ message: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        let result = try TraceBinary.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test("a bad roster is refused at its line and column", arguments: [
        ("name\nalice\n", "roster.csv:1:1: the roster's first row must name a column 'id'"),
        ("id\nalice\nbob\nalice\n", "roster.csv:4:1: the id 'alice' is also on line 2"),
        ("id\nalice\nAlice\n", "roster.csv:3:1: the id 'Alice' is also on line 2"),
        ("name,id\nA,../etc\n", "roster.csv:2:2: the id '../etc' cannot name a folder"),
        ("id\n", "roster.csv:1:1: the roster has a header but no students"),
        ("id\n\"unterminated\n", "roster.csv:2:1: the quoted cell"),
    ])
    func badRoster(_ text: String, _ message: String) throws {
        let folder = try TraceBinary.temporaryFolder()
        try text.write(to: folder.appendingPathComponent("roster.csv"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["homework", "adam", "--roster", "roster.csv", "--seed", "1", "--output", "out"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    @Test("variant ranges that can give no usable variant are refused at the lesson's variants: section")
    func unusableRanges() throws {
        let folder = try TraceBinary.temporaryFolder()
        let lesson = """
            title: Saturated
            \(TraceBinary.oneSigmoidNeuron(target: 1))
            optimizer:
              name: gd
            variants:
              weights: {min: 9, max: 10, step: 1}
              inputs: [1]
            """
        try lesson.write(to: folder.appendingPathComponent("lesson.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["homework", "lesson.yaml", "--count", "2", "--seed", "1", "--output", "out"], in: folder)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("lesson.yaml:13:3: no usable variant for 001 in 1000 draws: 1000 saturating (the last: a sigmoid of layer 1 saturates); change the lesson's 'variants:' ranges or its data"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))

        // A range for a hyperparameter the optimizer does not use is refused at its own line.
        try (lesson + "\n  beta1: [0.8, 0.9]").write(to: folder.appendingPathComponent("unused.yaml"), atomically: true, encoding: .utf8)
        let unused = try TraceBinary.run(["homework", "unused.yaml", "--count", "2", "--seed", "1", "--output", "out"], in: folder)
        #expect(unused.status == 2)
        #expect(unused.stderr == "unused.yaml:15:3: variants gives a range for beta1, but gd does not use it; remove it\n", "\(unused.stderr)")
    }
}

/// A lesson's `variants:` can draw AdaGrad's s₀ too.
@Suite struct InitialAccumulatorVariantTests {
    @Test func drawsTheStartingAccumulator() throws {
        let folder = try TraceBinary.temporaryFolder()
        try """
            title: AdaGrad with a varied start
            model:
              loss: half_sse
              layers:
                - activation: sigmoid
                  weights: [[0.1, 0.2]]
                  biases: [0.0]
            data:
              inputs: [[1.0, 0.5]]
              targets: [[1.0]]
            optimizer:
              name: adagrad
              convention: keras
            training:
              steps: 2
            variants:
              initial_accumulator: [0.05, 0.2]
            """.write(to: folder.appendingPathComponent("s0.yaml"), atomically: true, encoding: .utf8)
        let result = try TraceBinary.run(["homework", "s0.yaml", "--count", "8", "--seed", "5", "--output", "hw"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        var drawn: Set<Double> = []
        for n in 1...8 {
            let key = try #require(try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent(String(format: "hw/%03d/key.json", n)))) as? [String: Any])
            let s0 = try #require((key["optimizer"] as? [String: Any]).flatMap { $0["hyperparameters"] as? [String: Double] }?["initial_accumulator"])
            drawn.insert(s0)
            // s(1) = s₀ + g² for every parameter of the key's first step.
            let first = try #require((key["steps"] as? [[String: Any]])?.first?["parameters"] as? [String: [String: Double]])
            for (name, values) in first {
                let g = try #require(values["g"]), s = try #require(values["s"])
                #expect(abs(s - (s0 + g * g)) <= 1e-14 * s, "\(name)")
            }
        }
        #expect(drawn.isSubset(of: [0.05, 0.2]) && drawn.count == 2, "\(drawn)")
    }
}
