import Testing
import TraceEngine
@testable import TraceLessons

/// A lesson's `handout:` section: what it reads, and every way it can be wrong, refused with
/// its line and column before anything runs.
@Suite struct HandoutSettingsTests {
    static let lesson = """
        title: A lesson
        objective:
          function: quadratic
          start: [3.0, 1.0]
        optimizer:
          name: adamw
          eta: 0.05
        training:
          steps: 4

        """

    func parse(_ handout: String) throws -> HandoutSettings? {
        try LessonParser.parse(Self.lesson + handout, file: "lesson.yaml").handout
    }

    func error(_ handout: String) -> String {
        do {
            _ = try LessonParser.parse(Self.lesson + handout, file: "lesson.yaml")
            Issue.record("expected an error for:\n\(handout)")
            return ""
        } catch {
            return "\(error.location.line):\(error.location.column): \(error.message)"
        }
    }

    @Test func readsEveryPart() throws {
        let settings = try #require(try parse("""
            handout:
              compare:
                optimizers: [gd, momentum, adam]
                eta: 0.15
                steps: 300
              conventions: [lecture, pytorch]
              sweep:
                eta: [0.001, 0.01]
                lambda: [0.001, 0.01, 0.1]
            """))
        #expect(settings.compare?.optimizers == [.gd, .momentum, .adam])
        #expect(settings.compare?.hyperparameters == [.eta: 0.15])
        #expect(settings.compare?.steps == 300)
        #expect(settings.conventions == [.lecture, .pytorch])
        #expect(settings.sweep.map(\.symbol) == [.eta, .lambda])
        #expect(settings.sweep.map(\.values) == [[0.001, 0.01], [0.001, 0.01, 0.1]])
    }

    @Test func readsTheShortFormOfCompare() throws {
        let settings = try #require(try parse("handout:\n  compare: [gd, adam]\n"))
        #expect(settings.compare?.optimizers == [.gd, .adam])
        #expect(settings.compare?.hyperparameters.isEmpty == true)
        #expect(settings.compare?.steps == nil)
    }

    @Test func aLessonWithoutTheSectionHasNone() throws {
        #expect(try parse("") == nil)
    }

    @Test(arguments: [
        ("handout:\n  compair: [gd, adam]\n", "11:3: unknown key 'compair' in handout"),
        ("handout:\n  compare: [gd, adma]\n", "11:17: unknown optimizer 'adma'"),
        ("handout:\n  compare: [gd]\n", "11:12: compare needs at least two optimizers"),
        ("handout:\n  compare: [gd, gd]\n", "11:17: gd is listed twice"),
        ("handout:\n  compare:\n    optimizers: [gd, adam]\n    rho: 0.9\n", "13:5: none of gd, adam uses 'rho'"),
        ("handout:\n  compare:\n    optimizers: [gd, adam]\n    eta: -1\n", "13:10: eta must be 0 or more"),
        ("handout:\n  compare:\n    optimizers: [gd, adam]\n    steps: 5000\n", "13:12: steps must be between 1 and 1000"),
        ("handout:\n  compare:\n    eta: 0.1\n", "12:5: compare has no 'optimizers:'"),
        ("handout:\n  conventions: [lecture]\n", "11:16: conventions needs at least two"),
        ("handout:\n  conventions: [lecture, pytroch]\n", "11:26: unknown convention 'pytroch'"),
        ("handout:\n  sweep:\n    beta: [0.9]\n", "12:5: adamw has no hyperparameter 'beta'"),
        ("handout:\n  sweep:\n    eta: [0.1, 0.1]\n", "12:16: 0.1 is listed twice in eta"),
        ("handout:\n  sweep:\n    eta: []\n", "12:10: eta is empty"),
        ("handout:\n  sweep:\n    eta: [1, 2, 3]\n    lambda: [1, 2, 3]\n", "12:5: the sweep makes 9 runs; a handout's sweep may make at most 8"),
        ("handout:\n  sweep:\n    eta: [0.1]\n    lambda: [0.1]\n    beta1: [0.9]\n", "12:5: sweep takes one or two hyperparameters"),
    ])
    func refusesWithItsLocation(_ handout: String, _ expected: String) {
        let message = error(handout)
        #expect(message.hasPrefix(expected), "\(message)")
    }
}
