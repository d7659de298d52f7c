import Testing
import TraceEngine
import TraceLessons

@testable import TraceGrading

/// The restart of an optimizer's kept state and the weight decay left out, on the bundled
/// lessons that have them: each is named, alone, on the sheet of a student who makes it (every
/// asked value as that student computes it) and on no other mistake's sheet; and the three
/// restarts never give one value from the same formula.
@Suite struct StateAndDecayMistakeTests {
    /// Bundled lessons and a mistake each can show, in the convention named.
    static let lessons: [(lesson: String, convention: Convention, mistake: String)] = [
        ("momentum", .lecture, "state-restarted"), ("momentum", .pytorch, "state-restarted"),
        ("nesterov", .lecture, "state-restarted"), ("rmsprop", .lecture, "state-restarted"),
        ("adam", .lecture, "state-restarted"), ("adam", .pytorch, "state-restarted"),
        ("amsgrad", .lecture, "state-restarted"), ("amsgrad", .pytorch, "state-restarted"),
        ("adamw", .lecture, "weight-decay-omitted"), ("adamw", .pytorch, "weight-decay-omitted"),
        ("adamw", .lecture, "state-restarted"), ("weight-decay-adam-l2", .lecture, "weight-decay-omitted"),
    ]

    /// The lesson's homework plan (`trace homework LESSON --seed 2026`) in `convention`, every
    /// quantity of its rule asked.
    static func plan(_ lesson: String, _ convention: Convention) throws -> HomeworkPlan {
        var plan = try homeworkPlan(lesson: lesson)
        plan.base.convention = convention
        plan.quantities = HomeworkPlan.defaultQuantities(of: plan.base)
        return plan
    }

    @Test("named alone on its own sheet and on no other mistake's", arguments: 0..<lessons.count)
    func namedWhereMade(_ k: Int) throws {
        let (lesson, convention, mistake) = Self.lessons[k]
        let plan = try Self.plan(lesson, convention)
        let sheets = try MistakeSeparationTests.sheets(plan.base, plan: plan, scope: .everyMistake)
        let own = try #require(sheets[mistake], "\(mistake) does not apply to \(lesson)")
        #expect(own.contains { $0 == [mistake] }, "\(lesson) \(convention): \(mistake) is not named alone on its own sheet")
        for (other, named) in sheets where other != mistake {
            #expect(!named.contains { $0?.contains(mistake) == true }, "\(lesson) \(convention): \(mistake) is named on \(other)'s sheet")
        }
    }

    /// A student who takes every value of the plain run is named nothing, so the new mistakes
    /// never fit a right sheet, however their formulas agree with the right ones at t = 1.
    @Test("a right sheet names no mistake", arguments: 0..<lessons.count)
    func rightSheet(_ k: Int) throws {
        let (lesson, convention, _) = Self.lessons[k]
        let plan = try Self.plan(lesson, convention)
        var run = RecordingSink()
        try Engine.run(plan.base, into: &run)
        let layout = plan.base.layout
        let values = try plan.asked.map { asked in
            let index = try #require(layout.index(named: asked.parameter))
            return try #require(run.steps[asked.t - 1].values[asked.quantity]?[index])
        }
        let key = AnswerKey(experiment: plan.base, asked: plan.asked, values: values)
        let report = Grader(key: key).grade(sheet(plan.asked, values))
        #expect(report.values.allSatisfy { $0.verdict.isRight && $0.mistakes.isEmpty })
    }

    /// Each optimizer's kept values are restarted by exactly one entry, so two entries never
    /// edit one equation: the moving averages by `state-restarted`, AdaGrad's sum by
    /// `adagrad-sum-restarted`, AMSGrad's maximum by `amsgrad-max-omitted`.
    @Test(arguments: Convention.allCases)
    func restartsAreDisjoint(_ convention: Convention) {
        for optimizer in Optimizer.allCases {
            let rule = UpdateRule.rule(for: optimizer, convention: convention)
            let kinds: [UpdateRule.KeptStateKind] = [.movingAverage, .runningSum, .runningMaximum]
            let edited = kinds.map { kind in
                Set((rule.withKeptStateRestarted(kind)?.equations ?? rule.equations).indices.filter { k in
                    rule.withKeptStateRestarted(kind).map { $0.equations[k] != rule.equations[k] } ?? false
                })
            }
            for i in edited.indices {
                for j in edited.indices where j > i {
                    #expect(edited[i].isDisjoint(with: edited[j]), "\(optimizer) \(convention)")
                }
            }
            #expect(edited.reduce(0) { $0 + $1.count } == rule.keptState.count, "\(optimizer) \(convention): each kept value restarted once")
        }
    }
}
