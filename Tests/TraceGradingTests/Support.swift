import Foundation
import Testing
import TraceEngine
import TraceLessons
import ReferenceFixtures

@testable import TraceGrading

extension ReferenceCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

extension CarryForwardCase: CustomTestStringConvertible {
    public var testDescription: String { name }
}

/// A homework plan for a bundled lesson, as `trace homework LESSON --seed S` makes it.
func plan(lesson name: String, optimizer: Optimizer? = nil, convention: Convention? = nil, seed: UInt64 = 2026, steps: Int? = nil) throws -> HomeworkPlan {
    let lesson = try LessonSource.load(name)
    let chosen = try #require(optimizer ?? lesson.optimizer?.name)
    var settings = RunSettings(optimizer: chosen)
    settings.convention = convention
    settings.steps = steps ?? lesson.training.steps ?? 2
    let base = try settings.experiment(for: lesson)
    return HomeworkPlan(
        base: base, variants: lesson.variants ?? VariantSettings(), grading: lesson.grading ?? GradingSettings(), seed: seed,
        parameters: [HomeworkPlan.defaultParameter(of: base)], quantities: HomeworkPlan.defaultQuantities(of: base))
}

/// An answers sheet that gives `values` for `asked`, in order.
func sheet(_ asked: [AskedValue], _ values: [Double]) -> AnswerSheet {
    AnswerSheet(entries: zip(asked, values).enumerated().map { n, pair in
        AnswerEntry(
            t: pair.0.t, parameter: pair.0.parameter, quantity: pair.0.quantity.rawValue, value: .number(pair.1),
            location: "answers.csv:\(n + 2)")
    })
}

/// Every optimizer's bundled lesson, in both conventions.
let everyOptimizerLesson: [(lesson: String, optimizer: Optimizer, convention: Convention)] = [
    ("gradient-descent", .gd, .lecture), ("sgd", .sgd, .lecture), ("mini-batch-sgd", .minibatch, .lecture),
    ("momentum", .momentum, .lecture), ("momentum", .momentum, .pytorch), ("adagrad", .adagrad, .lecture),
    ("adagrad", .adagrad, .pytorch), ("rmsprop", .rmsprop, .lecture), ("rmsprop", .rmsprop, .pytorch),
    ("adam", .adam, .lecture), ("adam", .adam, .pytorch), ("adamw", .adamw, .lecture), ("adamw", .adamw, .pytorch),
    ("weight-decay-adam-l2", .adam, .lecture), ("learning-rate-schedules", .momentum, .lecture),
    ("quadratic-bowl", .momentum, .lecture),
]
