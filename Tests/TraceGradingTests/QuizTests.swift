import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
import TraceRender

@testable import TraceGrading

/// `trace quiz`'s session and conversation, driven by lines given in advance, against the
/// numpy reference's students (`misconceptions.json`, from `make_misconception_fixtures.py`):
/// their answers and, for each value, the key and the mistakes that give the answer.
@Suite struct QuizTests {
    static func cases() throws -> [MisconceptionCase] { try MisconceptionCase.all().cases }

    static func fixture(_ name: String) throws -> MisconceptionCase {
        try #require(try cases().first { $0.name == name })
    }

    /// The key of a reference case: its experiment, its asked values in order, the reference's values.
    static func key(_ fixture: MisconceptionCase) throws -> AnswerKey {
        try fixture.answerKey()
    }

    /// The conversation's transcript and ending for `lines`.
    static func converse(_ key: AnswerKey, _ lines: [String], interrupted: Bool = false, width: Int = 80)
        throws -> (session: QuizSession, ending: QuizConversation.Ending, text: String)
    {
        var session = QuizSession(key: key)
        var source = QuizLineList(lines, endsInterrupted: interrupted)
        let output = StringOutput()
        let ending = try QuizConversation(layout: TextLayout(width: width)).run(&session, lines: &source, output: output)
        return (session, ending, output.text)
    }

    static func number(_ x: Double) -> String { String(x) }

    /// `text` with each line that continues the one before (fitted to the width, indented
    /// further) joined back to it, to look for a sentence wherever the width broke it.
    static func unwrapped(_ text: String) -> String {
        text.replacing(/\n[ ]{2,}(?=\S)/, with: " ").replacing(/[ ]{2,}/, with: " ")
    }

    @Test("answered with the reference's values throughout: every value right, a perfect summary")
    func perfectRun() throws {
        let fixture = try Self.fixture("mc-bias-correction-omitted-adam-lecture")
        let key = try Self.key(fixture)
        let (session, ending, text) = try Self.converse(key, fixture.expected.map { Self.number($0.key) })
        #expect(ending == .finished)
        #expect(session.results.count == 36)
        #expect(session.results.allSatisfy { $0.kind == .answered && $0.graded.verdict == .rightByKey })
        #expect(session.summary.isPerfect)
        #expect(text.hasSuffix("\nSummary: 36 of 36 values right. A perfect run.\n"), "\(text.suffix(200))")
        #expect(!text.contains("Mistakes seen"))
    }

    @Test("answered with Adam's bias correction left out: each such value names that mistake, and the summary does")
    func biasCorrectionLeftOut() throws {
        let fixture = try Self.fixture("mc-bias-correction-omitted-adam-lecture")
        let (session, ending, text) = try Self.converse(try Self.key(fixture), fixture.answers.map { Self.number($0.value) })
        #expect(ending == .finished)
        for (result, expected) in zip(session.results, fixture.expected) {
            #expect(result.graded.mistakes.map(\.misconception.id).sorted() == expected.explained_by, "\(expected.quantity) at t = \(expected.t)")
        }
        let mistakes = session.summary.mistakesSeen
        // Also f′ taken at a, which fits one g at t = 2 as well (the reference lists both there).
        let named = Set(fixture.expected.flatMap(\.explained_by).compactMap { MisconceptionCatalog.entry($0)?.name })
        #expect(Set(mistakes.map(\.name)) == named)
        #expect(mistakes.first?.name == "bias correction left out")
        #expect(mistakes.first?.values.first == "m̂ at t = 1")
        let flat = Self.unwrapped(text)
        #expect(flat.contains("\nMistakes seen: bias correction left out (m̂ at t = 1, v̂ at t = 1, g at t = 2,"))
        #expect(flat.contains("A known mistake gives your answer: bias correction left out"))
    }

    /// The quiz grades one answer at a time; `trace grade` grades the whole sheet at once.
    /// They agree on every value of every reference student (a later answer never changes
    /// an earlier verdict).
    @Test("each answer's verdict and mistakes are those of grading the whole sheet", arguments: try QuizTests.cases())
    func sameAsGradingTheSheet(_ fixture: MisconceptionCase) throws {
        let key = try Self.key(fixture)
        var session = QuizSession(key: key)
        for answer in fixture.answers { _ = session.answer(answer.value) }
        let whole = Grader(key: key).grade(fixture.answerSheet)
        #expect(session.results.count == whole.values.count)
        for (quiz, sheet) in zip(session.results, whole.values) {
            let place = "\(fixture.name): \(sheet.asked.description)"
            #expect(quiz.graded.verdict == sheet.verdict, "\(place)")
            #expect(quiz.graded.mistakes.map(\.misconception.id) == sheet.mistakes.map(\.misconception.id), "\(place)")
            #expect(quiz.graded.carriedForward == sheet.carriedForward, "\(place)")
        }
    }

    @Test("garbage and an empty line are asked again; ? reveals the key's value; q stops with the summary")
    func badInputRevealAndQuit() throws {
        let fixture = try Self.fixture("mc-bias-correction-omitted-adam-lecture")
        let key = try Self.key(fixture)
        let g = fixture.expected[0].key
        let (session, ending, text) = try Self.converse(key, [Self.number(g), "abc", "", "   ", "nan", "1e999", "?", "q"])
        #expect(ending == .quit)
        #expect(session.results.map(\.kind) == [.answered, .revealed])
        #expect(session.results[1].graded.expected == fixture.expected[1].key)
        let prompts = text.components(separatedBy: "m of W1[1,1] at t = 1? ").count - 1
        #expect(prompts == 6, "the m prompt: asked once, then again after each of the five unusable lines (? answers the last)")
        #expect(text.contains("\"abc\" is not a number"))
        #expect(text.contains("Nothing typed."))
        #expect(text.contains("\"nan\" is not a number"))
        #expect(text.contains("too large to be a number"))
        #expect(text.contains("The value: m(1) = β₁·m + (1 − β₁)·g = "))
        #expect(text.hasSuffix("\nStopped.\nSummary: 1 of 36 values right; 1 revealed; 34 not reached.\n"), "\(text.suffix(200))")
    }

    @Test("the end of input and Ctrl-C end with the summary", arguments: [false, true])
    func endOfInputAndInterrupt(_ interrupted: Bool) throws {
        let fixture = try Self.fixture("mc-bias-correction-omitted-adam-lecture")
        let (session, ending, text) = try Self.converse(try Self.key(fixture), ["0.5"], interrupted: interrupted)
        #expect(ending == (interrupted ? .interrupted : .endOfInput))
        #expect(session.results.count == 1 && session.results[0].isWrong)
        let how = interrupted ? "Interrupted." : "End of input."
        #expect(text.hasSuffix("\n\n\(how)\nSummary: 0 of 36 values right; 1 not right; 35 not reached.\nMistakes seen: none the catalogue knows.\n"), "\(text.suffix(300))")
    }

    @Test("the forward and backward pass are asked by their own names, and a mistake in δ is named")
    func passes() throws {
        let fixture = try Self.fixture("mc-derivative-omitted-sgd-passes")
        let (session, ending, text) = try Self.converse(try Self.key(fixture), fixture.answers.map { Self.number($0.value) })
        #expect(ending == .finished)
        let flat = Self.unwrapped(text)
        let opening = Self.unwrapped(QuizConversation(layout: TextLayout(width: 80)).opening(session))
        #expect(opening.hasPrefix("Quiz: the forward and backward pass, W1[1,1] and W2[1,1] at updates 1 to 2: z, a, L, δ, g and w_new at each"), "\(opening)")
        #expect(flat.contains("\nδ2[1] = ∂L/∂ŷ1·f′(z2[1])\nδ2[1] of sample 1 at t = 1? "))
        #expect(flat.contains("\nL = ½·Σₖ (yₖ − ŷₖ)²\nL of sample 1 at t = 1? "))
        // A value of the passes is never called g (a gradient's working, g = δ2[1]·a1[1], is).
        for name in ["g of z", "g of a", "g of delta", "g of loss", "g = z", "g = a", "g = L", "g = δ2[1] ="] {
            #expect(!flat.contains(name), "\(name)")
        }
        #expect(session.summary.mistakesSeen.map(\.name) == ["f′ left out of δ"])
    }

    @Test("a value carried forward from a slip is right, and counted apart")
    func carriedForward() throws {
        let fixture = try Self.fixture("mc-none-adam-lecture-slip")
        let (session, _, text) = try Self.converse(try Self.key(fixture), fixture.answers.map { Self.number($0.value) })
        let carried = session.results.filter(\.isCarriedForward).count
        #expect(carried > 0)
        #expect(session.summary.wrongCount == 1, "one slip, one mark")
        #expect(Self.unwrapped(text).contains("(\(carried) from your own earlier values, carried forward)"))
    }

    @Test("every line of the transcript fits the width", arguments: [40, 60, 80])
    func fitsTheWidth(_ width: Int) throws {
        let fixture = try Self.fixture("mc-bias-correction-omitted-adam-lecture")
        let lines = fixture.answers.prefix(12).map { Self.number($0.value) } + ["?", "zz", "q"]
        let (_, _, text) = try Self.converse(try Self.key(fixture), lines, width: width)
        for line in text.split(separator: "\n") {
            #expect(TextLayout.displayWidth(line) <= width, "\(line)")
        }
    }

    @Test("what a typed line means", arguments: [
        ("0.5", QuizInput.number(0.5)), ("  -4.8e-08 ", .number(-4.8e-08)), ("−0,25", .number(-0.25)), ("+1E3", .number(1000)),
        ("?", .reveal), (" ? ", .reveal), ("q", .quit), ("Q", .quit), ("quit", .quit), ("exit", .quit),
    ])
    func input(_ line: String, _ meaning: QuizInput) {
        #expect(QuizInput(line: line) == meaning)
    }

    @Test("lines that are no answer", arguments: ["", "  ", "abc", "0x10", "1_000", "nan", "-inf", "1e999", "1/3", "0.5.1", "m = 0.5"])
    func unusable(_ line: String) {
        guard case .unusable = QuizInput(line: line) else {
            Issue.record("\(line) was taken as \(QuizInput(line: line))")
            return
        }
    }
}
