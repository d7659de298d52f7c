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

/// A bundled lesson's homework plan with `trace homework LESSON --seed S`'s defaults: the
/// lesson's steps up to three, its `homework:` section's `ask` and `parameters`, else the
/// default parameter and every quantity the rule computes.
func homeworkPlan(lesson name: String, seed: UInt64 = 2026) throws -> HomeworkPlan {
    let lesson = try LessonSource.load(name)
    var settings = RunSettings(optimizer: try #require(lesson.optimizer?.name))
    settings.steps = min(lesson.training.steps ?? 3, 3)
    let base = try settings.experiment(for: lesson)
    let parameters = try (lesson.homework?.parameters ?? [HomeworkPlan.defaultParameter(of: base)]).map { name in
        try #require(base.layout.name(matching: name))
    }
    var quantities = HomeworkPlan.defaultQuantities(of: base)
    var passes: [SampleQuantity] = []
    if let ask = lesson.homework?.ask {
        passes = SampleQuantity.allCases.filter { ask.contains($0.rawValue) }
        quantities = quantities.filter { ask.contains($0.rawValue) }
    }
    var plan = HomeworkPlan(
        base: base, variants: lesson.variants ?? VariantSettings(), grading: lesson.grading ?? GradingSettings(), seed: seed,
        parameters: parameters, quantities: quantities)
    plan.sampleQuantities = passes
    return plan
}

/// The bundled lessons homework is made of: those with a `homework:` section, and those the
/// docs make homework of (`trace homework LESSON` in docs/*.md).
let bundledHomeworkLessons = [
    "backprop-homework", "classic-backprop", "default", "gradient-descent", "sgd", "mini-batch-sgd", "momentum",
    "adagrad", "rmsprop", "adam", "adamw", "epsilon-placement", "weight-decay-adam-l2", "quadratic-bowl",
]
