import Testing
import TraceEngine
import TraceLessons

@testable import TraceGrading

/// ``SeparationSetup`` is worked out once, from the lesson's experiment, and used for every
/// draw: that is right only while nothing in it depends on what a draw changes. Here a setup
/// worked out from each of many draws (accepted or not) is the lesson's, for every bundled
/// homework lesson and every optimizer's lesson in both conventions.
@Suite struct SeparationSetupTests {
    static let draws = 40

    /// Every part of a setup, in a form `==` compares: the mistakes by id, rule, shown rule,
    /// chain rule and whether the others keep their starting weights.
    static func parts(_ setup: SeparationSetup) -> [String] {
        let mistakes = setup.mistakes.map { mistake in
            let run = mistake.run
            return "\(mistake.misconception.id) \(run.rule.equations) \(run.rule.initialState) \(run.shown.map { "\($0.equations)" } ?? "-") \(run.chainRule) \(run.othersKeepStartingWeights)"
        }
        return mistakes + [
            "\(setup.layout.names)", "\(setup.indices)", "\(setup.tolerance)", "\(setup.ownFormulas)", "\(setup.readsSamples)",
        ]
    }

    static func check(_ plan: HomeworkPlan, name: String) {
        let tolerances = Dictionary(uniqueKeysWithValues: plan.tolerances)
        let lesson = parts(SeparationSetup(plan.base, asked: plan.asked, tolerances: tolerances))
        let drawer = VariantDrawer(base: plan.base, settings: plan.variants)
        var generator = Xoshiro256StarStar(seed: plan.seed)
        for n in 1...draws {
            let drawn = parts(SeparationSetup(drawer.draw(using: &generator), asked: plan.asked, tolerances: tolerances))
            #expect(drawn.count == lesson.count, "\(name), draw \(n): \(drawn.count) parts, the lesson's \(lesson.count)")
            for (part, (mine, theirs)) in zip(drawn, lesson).enumerated() where mine != theirs {
                Issue.record("\(name), draw \(n), part \(part): \(mine.prefix(300)), the lesson's \(theirs.prefix(300))")
            }
        }
    }

    @Test("a setup worked out from a draw of a bundled homework lesson is the lesson's", arguments: bundledHomeworkLessons)
    func homeworkLessons(_ lesson: String) throws {
        Self.check(try homeworkPlan(lesson: lesson), name: lesson)
    }

    /// A network without parameters has nothing to compile a rule for: its setup replays
    /// nothing, and its draws are refused as they were, one by one, as invalid.
    @Test func aNetworkWithoutParametersReplaysNothing() throws {
        var plan = try homeworkPlan(lesson: "adam")
        plan.base.network.layers = []
        #expect(SeparationSetup(plan.base, asked: plan.asked, tolerances: [:]).replays == nil)
        #expect(throws: HomeworkError.self) { try plan.drawing().variant(for: "001") }
    }

    @Test("a setup worked out from a draw of every optimizer's lesson is the lesson's")
    func everyOptimizer() throws {
        for (lesson, optimizer, convention) in everyOptimizerLesson {
            Self.check(try plan(lesson: lesson, optimizer: optimizer, convention: convention), name: "\(lesson), \(optimizer), \(convention)")
        }
    }
}
