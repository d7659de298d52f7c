import Testing
import TraceEngine
@testable import TraceLessons

/// Every class of bad lesson is refused before anything runs, with `FILE:LINE:COLUMN` and a fix.
@Suite struct LessonErrorTests {
    static let valid = """
        title: A lesson
        model:
          loss: half_sse
          layers:
            - activation: sigmoid
              weights: [[0.1, 0.2], [0.3, 0.4]]
              biases: [0.0, 0.1]
            - activation: identity
              weights: [[0.5, -0.6]]
        data:
          inputs:  [[1.0, 0.0], [0.0, 1.0]]
          targets: [[1.0], [0.0]]
        optimizer:
          name: adam
          eta: 0.01
        training:
          steps: 2
          batch_size: full
        """

    /// The error for `yaml`; fails the test if it parses.
    func error(_ yaml: String) -> LessonError? {
        do {
            _ = try LessonParser.parse(yaml, file: "lesson.yaml")
            Issue.record("expected an error for:\n\(yaml)")
            return nil
        } catch {
            return error
        }
    }

    /// `valid` with `old` replaced by `new`.
    func variant(_ old: String, _ new: String) -> String {
        #expect(Self.valid.contains(old), "test setup: '\(old)' not in the valid lesson")
        return Self.valid.replacingOccurrences(of: old, with: new)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var old: String
        var new: String
        var line: Int
        var column: Int
        var says: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unknown top-level key", old: "title:", new: "titel:", line: 1, column: 1,
             says: ["unknown key 'titel'", "did you mean 'title'?"]),
        Case(name: "unknown layer key", old: "      biases: [0.0, 0.1]", new: "      bias: [0.0, 0.1]", line: 7, column: 7,
             says: ["unknown key 'bias' in layer 1", "did you mean 'biases'?"]),
        Case(name: "unknown activation", old: "activation: sigmoid", new: "activation: sigmod", line: 5, column: 19,
             says: ["unknown activation 'sigmod'", "did you mean 'sigmoid'?"]),
        Case(name: "unknown loss", old: "loss: half_sse", new: "loss: half-sse", line: 3, column: 9,
             says: ["unknown loss 'half-sse'", "did you mean 'half_sse'?"]),
        Case(name: "unknown optimizer", old: "name: adam", new: "name: adma", line: 14, column: 9,
             says: ["unknown optimizer 'adma'", "did you mean 'adam'?"]),
        Case(name: "hyperparameter of another optimizer", old: "  eta: 0.01", new: "  beta: 0.9", line: 15, column: 3,
             says: ["adam has no hyperparameter 'beta'", "did you mean 'beta1'?"]),
        Case(name: "negative eta", old: "eta: 0.01", new: "eta: -0.01", line: 15, column: 8,
             says: ["eta must be 0 or more"]),
        Case(name: "beta outside [0, 1)", old: "  eta: 0.01", new: "  beta1: 1.0", line: 15, column: 10,
             says: ["beta1 must be at least 0 and less than 1"]),
        Case(name: "non-finite weight", old: "[[0.1, 0.2], [0.3, 0.4]]", new: "[[0.1, .inf], [0.3, 0.4]]", line: 6, column: 23,
             says: ["not a finite number"]),
        Case(name: "NaN input", old: "[[1.0, 0.0], [0.0, 1.0]]", new: "[[1.0, .nan], [0.0, 1.0]]", line: 11, column: 19,
             says: ["not a finite number"]),
        Case(name: "text where a number belongs", old: "[[0.5, -0.6]]", new: "[[0.5, abc]]", line: 9, column: 23,
             says: ["must be a number", "'abc'"]),
        Case(name: "weights that do not chain", old: "[[0.5, -0.6]]", new: "[[0.5, -0.6, 0.7]]", line: 9, column: 16,
             says: ["W2 has 3 columns but layer 1 has 2 units"]),
        Case(name: "ragged weight rows", old: "[[0.1, 0.2], [0.3, 0.4]]", new: "[[0.1, 0.2], [0.3]]", line: 6, column: 29,
             says: ["row 2 of W1 has 1 weight but row 1 has 2"]),
        Case(name: "wrong number of biases", old: "biases: [0.0, 0.1]", new: "biases: [0.0]", line: 7, column: 15,
             says: ["b1 has 1 bias but layer 1 has 2 units"]),
        Case(name: "input of the wrong length", old: "[[1.0, 0.0], [0.0, 1.0]]", new: "[[1.0, 0.0], [0.0]]", line: 11, column: 25,
             says: ["input 2 has 1 value but W1 has 2 columns"]),
        Case(name: "target of the wrong length", old: "[[1.0], [0.0]]", new: "[[1.0], [0.0, 1.0]]", line: 12, column: 20,
             says: ["target 2 has 2 values but the last layer has 1 unit; give 1 value per target"]),
        Case(name: "targets and inputs differ in count", old: "[[1.0], [0.0]]", new: "[[1.0]]", line: 12, column: 12,
             says: ["there is 1 target for 2 inputs"]),
        Case(name: "steps not a whole number", old: "steps: 2", new: "steps: 2.5", line: 17, column: 10,
             says: ["steps must be a whole number"]),
        Case(name: "batch size that is a word", old: "batch_size: full", new: "batch_size: all", line: 18, column: 15,
             says: ["batch_size must be 'full' or a whole number of samples, not 'all'"]),
        Case(name: "negative seed", old: "batch_size: full", new: "seed: -3", line: 18, column: 9,
             says: ["seed must be a whole number from 0 to 18446744073709551615"]),
        Case(name: "unknown schedule", old: "training:\n  steps: 2", new: "schedule:\n  name: cosin\ntraining:\n  steps: 2", line: 17, column: 9,
             says: ["schedule needs a name", "did you mean 'cosine'?"]),
        Case(name: "parameter of another schedule", old: "training:\n  steps: 2", new: "schedule:\n  name: step\n  period: 3\ntraining:\n  steps: 2", line: 18, column: 3,
             says: ["a step schedule has no 'period' (it takes gamma, every)"]),
        Case(name: "fractional every", old: "training:\n  steps: 2", new: "schedule:\n  name: step\n  every: 1.5\ntraining:\n  steps: 2", line: 18, column: 10,
             says: ["every must be a whole number from 1"]),
        Case(name: "negative l2", old: "  eta: 0.01", new: "  l2: -0.1", line: 15, column: 7,
             says: ["l2 must be 0 or more, not -0.1"]),
        Case(name: "zero steps", old: "steps: 2", new: "steps: 0", line: 17, column: 10,
             says: ["steps must be between 1 and"]),
        Case(name: "batch larger than the data", old: "batch_size: full", new: "batch_size: 3", line: 18, column: 15,
             says: ["batch_size must be 'full' or between 1 and 2 (the number of samples), not 3"]),
        Case(name: "bce without a sigmoid output", old: "loss: half_sse", new: "loss: bce", line: 8, column: 19,
             says: ["bce needs outputs between 0 and 1", "use sigmoid"]),
        Case(name: "malformed YAML", old: "  loss: half_sse", new: "  loss: [half_sse", line: 4, column: 9,
             says: ["not valid YAML"]),
        Case(name: "duplicate key", old: "training:\n  steps: 2", new: "training:\n  steps: 2\n  steps: 3", line: 17, column: 3,
             says: ["'steps' appears more than once"]),
        Case(name: "a section of the wrong shape", old: "data:\n  inputs:  [[1.0, 0.0], [0.0, 1.0]]\n  targets: [[1.0], [0.0]]", new: "data: [1, 2]", line: 10, column: 7,
             says: ["data must be a mapping"]),
        Case(name: "missing title", old: "title: A lesson\n", new: "", line: 1, column: 1,
             says: ["no 'title:'"]),
        Case(name: "unknown variants key", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  weigths: keep", line: 20, column: 3,
             says: ["unknown key 'weigths' in variants", "did you mean 'weights'?"]),
        Case(name: "variant grid without a step", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  inputs: {min: 0, max: 1}", line: 20, column: 11,
             says: ["the inputs grid needs min, max and step; add step"]),
        Case(name: "variant grid running backwards", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  weights: {min: 1, max: 0, step: 0.1}", line: 20, column: 12,
             says: ["step > 0 and min ≤ max"]),
        Case(name: "variant grid too fine for hand-friendly numbers", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  epsilon: {min: 1.0e-10, max: 5.0e-10, step: 1.0e-10}", line: 20, column: 12,
             says: ["at most 6 decimals", "list them"]),
        Case(name: "variant grid too large", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  weights: {min: -1.0e30, max: 1.0e30, step: 1.0e27}", line: 20, column: 12,
             says: ["between -1000000 and 1000000"]),
        Case(name: "variant choices out of range", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  beta1: [0.9, 1.5]", line: 20, column: 10,
             says: ["beta1 must be"]),
        Case(name: "variant source of the wrong kind", old: "  batch_size: full", new: "  batch_size: full\nvariants:\n  eta: lots", line: 20, column: 8,
             says: ["eta must be 'keep', a list like"]),
        Case(name: "tolerance out of range", old: "  batch_size: full", new: "  batch_size: full\ngrading:\n  rtol: 2", line: 20, column: 9,
             says: ["rtol must be 0 or more and less than 1, not 2"]),
        Case(name: "tolerance for an unknown quantity", old: "  batch_size: full", new: "  batch_size: full\ngrading:\n  quantities:\n    mhat: {rtol: 0.01}", line: 21, column: 5,
             says: ["unknown key 'mhat' in grading quantities", "did you mean 'm_hat'?"]),
    ]

    @Test("bad lessons are refused with their location", arguments: cases)
    func refused(_ c: Case) {
        guard let error = error(variant(c.old, c.new)) else { return }
        #expect(error.location == SourceLocation(file: "lesson.yaml", line: c.line, column: c.column), "\(error)")
        for phrase in c.says { #expect(error.message.contains(phrase), "\(error)") }
        #expect(!error.description.contains("\n"), "one line: \(error)")
    }

    @Test func objectiveLessons() throws {
        let lesson = try LessonParser.parse(
            "title: bowl\nobjective:\n  function: quadratic\n  a: 0.5\n  b: 5\n  start: [2, 1]\n", file: "o.yaml")
        #expect(lesson.objective?.function == .quadratic(a: 0.5, b: 5))
        #expect(lesson.objective?.start == [2, 1])
        let defaults = try LessonParser.parse("title: r\nobjective:\n  function: rosenbrock\n  start: [-1.2, 1]\n", file: "r.yaml")
        #expect(defaults.objective?.function == .rosenbrock(a: 1, b: 100))

        let cases: [(String, String, String)] = [
            ("title: x\nobjective:\n  function: rosenbrok\n  start: [0, 0]\n", "3:13", "did you mean 'rosenbrock'?"),
            ("title: x\nobjective:\n  function: quadratic\n  start: [0, 0, 1]\n", "4:10", "start has 3 values; give two"),
            ("title: x\nobjective:\n  function: quadratic\n", "3:3", "objective has no 'start:'"),
            ("title: x\nobjective:\n  function: quadratic\n  start: [0, 0]\nmodel:\n  loss: mse\n", "5:1", "either 'model:' and 'data:', or an 'objective:'"),
            ("title: x\nobjective:\n  function: quadratic\n  b: -1\n  start: [0, 0]\n", "4:6", "b must be more than 0"),
            ("title: x\nobjective:\n  function: quadratic\n  start: [0, 0]\ntraining:\n  steps: 3\n  seed: 4\n", "7:3", "seed does not apply to an objective"),
        ]
        for (yaml, location, says) in cases {
            #expect { try LessonParser.parse(yaml, file: "o.yaml") } throws: { error in
                guard let error = error as? LessonError else { return false }
                return "\(error.location.line):\(error.location.column)" == location && error.message.contains(says)
            }
        }
    }

    @Test func theValidLessonParses() throws {
        let lesson = try LessonParser.parse(Self.valid, file: "lesson.yaml")
        #expect(lesson.network.layers.count == 2)
        #expect(lesson.network.layers[1].biases == [0])
        #expect(lesson.optimizer?.name == .adam)
        #expect(lesson.training.steps == 2)
        #expect(lesson.training.batchSize == .full)
    }

    @Test func emptyAndHostileInputsAreRefusedNotCrashed() {
        let hostile = [
            "", "   \n", "- a\n- b\n", "title: [", String(repeating: "[", count: 100_000),
            "title: x\nmodel: &a {loss: half_sse}\ndata: *a\n", "\u{0}\u{1}", "title: \"unterminated",
        ]
        for yaml in hostile {
            #expect(throws: LessonError.self) { try LessonParser.parse(yaml, file: "x.yaml") }
        }
    }

    /// Nested aliases expand to 10⁹ nodes from 500 bytes; they are refused before anything is
    /// composed (this took minutes when aliases were checked after composing).
    @Test func billionLaughsIsRefusedAtOnce() throws {
        var lines = ["title: x", "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
        for level in 1...8 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("? *a8\n: 1")
        let clock = ContinuousClock()
        let start = clock.now
        #expect { try LessonParser.parse(lines.joined(separator: "\n"), file: "laughs.yaml") } throws: { error in
            (error as? LessonError).map { $0.location.line == 2 && $0.location.column == 5 && $0.message.contains("aliases") } ?? false
        }
        #expect(clock.now - start < .seconds(5))
    }

    /// Every form of anchor and alias is found where it stands (line and column counted by
    /// hand here), and the characters `&` and `*` anywhere else are text.
    @Test(arguments: [
        ("title: A lesson\nmodel: &m\n  loss: half_sse\n", 2, 8),
        ("title: A lesson\ndata:\n  targets: [*t]\n", 3, 13),
        ("title: A lesson\nm: {k: *a}\n", 2, 8),
        ("title: A lesson\nm:\n  *a : 1\n  *b : 2\n", 3, 3),
        ("title: A lesson\r\nk: [1, *a]\r\n", 2, 8),
        ("title: A lesson\nx: !!str &s text\n", 2, 4),
        ("title: A lesson\nsummary: |\n  **bold** & more\nitems:\n  - &i 1\n  - *i\n", 5, 5),
    ])
    func anchorsAndAliasesAreLocated(_ yaml: String, _ line: Int, _ column: Int) {
        let error = error(yaml)
        #expect(error?.location.line == line && error?.location.column == column, "\(String(describing: error))")
        #expect(error?.message.contains("anchors (&name) and aliases (*name)") == true, "\(String(describing: error))")
    }

    @Test func ampersandsAndAsterisksInTextAreNotAnchors() throws {
        let yaml = Self.valid
            .replacingOccurrences(of: "title: A lesson", with: "title: Tom & Jerry *at* 2 * 3 \"&x\" '*y' # &z *w")
            + "\nsummary: |\n  **Momentum** & *bold*\n    - &not an anchor\n"
        let lesson = try LessonParser.parse(yaml, file: "lesson.yaml")
        #expect(lesson.title == "Tom & Jerry *at* 2 * 3 \"&x\" '*y'")
        #expect(lesson.summary?.contains("- &not an anchor") == true)
    }

    /// A YAML error after an alias is the one the lesson gets (at its own place), found without
    /// expanding the aliases before it.
    @Test func syntaxErrorAfterAliasesIsLocated() {
        let error = error("title: A lesson\nx: [*a, *b\ny: 1\n")
        #expect(error?.message.contains("not valid YAML") == true, "\(String(describing: error))")
    }

    @Test func oversizedLessonIsRefused() {
        let yaml = Self.valid + "\n#" + String(repeating: "x", count: LessonParser.maximumSize)
        #expect { try LessonParser.parse(yaml, file: "x.yaml") } throws: { error in
            (error as? LessonError)?.message.contains("larger than 1 MiB") == true
        }
    }
}

/// The homework sections, read when they are right.
@Suite struct HomeworkSectionTests {
    @Test func variantsAndGradingAreRead() throws {
        let yaml = LessonErrorTests.valid + """

            variants:
              weights: {min: -0.3, max: 0.3, step: 0.1}
              biases: keep
              inputs: [0, 0.5, 1]
              eta: [0.01, 0.1]
            grading:
              quantities:
                g: {rtol: 0.01}
                w_new: {atol: 1e-6}
              rtol: 0.002
            """
        let lesson = try LessonParser.parse(yaml, file: "lesson.yaml")
        let variants = try #require(lesson.variants)
        #expect(variants.source(of: .weights) == .grid(min: -0.3, max: 0.3, step: 0.1))
        #expect(variants.source(of: .biases) == .keep)
        #expect(variants.source(of: .inputs) == .choices([0, 0.5, 1]))
        #expect(variants.source(of: .targets) == .keep)
        #expect(variants.source(of: Symbol.eta) == .choices([0.01, 0.1]))
        #expect(variants.source(of: Symbol.beta1) == .keep)
        #expect(variants.location?.line == 20)
        let grading = try #require(lesson.grading)
        #expect(grading.tolerance(for: .m) == .init(rtol: 0.002, atol: 1e-12))
        #expect(grading.tolerance(for: .g) == .init(rtol: 0.01, atol: 1e-12))
        #expect(grading.tolerance(for: .wNew) == .init(rtol: 0.002, atol: 1e-6))
    }

    @Test func defaultsSuitHandArithmetic() {
        let grading = GradingSettings()
        #expect(grading.tolerance(for: .mHat) == .init(rtol: 1e-3, atol: 1e-12))
        #expect(grading.tolerance(for: .g) == .init(rtol: 5e-3, atol: 1e-12))
        // A lesson that sets only atol keeps g's own relative tolerance.
        var atolOnly = GradingSettings()
        atolOnly.atol = 1e-6
        #expect(atolOnly.tolerance(for: .g) == .init(rtol: 5e-3, atol: 1e-6))
        // Four significant digits pass; a slip in the third does not.
        #expect(grading.tolerance(for: .mHat).accepts(0.1235, expected: 0.123456))
        #expect(!grading.tolerance(for: .mHat).accepts(0.1244, expected: 0.123456))
        #expect(!grading.tolerance(for: .mHat).accepts(.nan, expected: 0.1))
    }
}
