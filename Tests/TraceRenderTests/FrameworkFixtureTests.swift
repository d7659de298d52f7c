import Foundation
import ReferenceFixtures
import Testing
import TraceEngine
import TraceLessons
@testable import TraceRender

/// Every convention against the real frameworks (`Tests/Fixtures/frameworks`, written by
/// `make_framework_fixtures.py` with PyTorch, Keras and Optax), and every "Reproduce this in
/// code" call against the call that made those numbers.
@Suite struct FrameworkFixtureTests {
    static func cases() throws -> [FrameworkCase] { try FrameworkCase.all() }

    static func run(_ fixture: FrameworkCase) throws -> RecordingSink {
        var sink = RecordingSink()
        try Engine.run(try fixture.run.experiment(lessonsRelativeTo: fixturesFolder), into: &sink)
        return sink
    }

    /// The largest relative difference between trace's run and the framework's numbers.
    static func largestDifference(_ fixture: FrameworkCase, _ sink: RecordingSink) throws -> Double {
        var largest = 0.0
        let names = try #require(sink.run?.parameterNames)
        for (step, expected) in zip(sink.steps, fixture.expected) {
            for (index, name) in names.enumerated() {
                for (key, value) in expected.parameters[name] ?? [:] {
                    let computed = key == "g_data" ? step.carriedIn[.g]?[index] : Symbol(rawValue: key).flatMap { step.values[$0]?[index] }
                    largest = max(largest, RunDifference.relativeDifference(computed ?? .nan, value))
                }
            }
        }
        return largest
    }

    @Test("each convention computes what its framework computes, to 1e-12", arguments: try cases().filter(\.reproduces))
    func matchesTheFramework(_ fixture: FrameworkCase) throws {
        let sink = try Self.run(fixture)
        let names = try #require(sink.run?.parameterNames)
        #expect(names == fixture.parameters)
        #expect(sink.steps.count == fixture.expected.count)
        for (step, expected) in zip(sink.steps, fixture.expected) {
            #expect(step.t == expected.t)
            if let eta = expected.eta { #expect(agrees(step.eta, eta), "η at t=\(step.t): \(step.eta) against \(eta)") }
            for (index, name) in names.enumerated() {
                let values = try #require(expected.parameters[name], "\(name) at t=\(step.t)")
                #expect(values.keys.contains("w") && values.keys.contains("g") && values.keys.contains("w_new"))
                for (key, value) in values {
                    let computed = key == "g_data" ? step.carriedIn[.g]?[index] : Symbol(rawValue: key).flatMap { step.values[$0]?[index] }
                    #expect(agrees(computed ?? .nan, value), "\(key) of \(name) at t=\(step.t): \(computed ?? .nan) against \(value)")
                }
            }
        }
    }

    @Test("a framework the handout says cannot reproduce a run does not", arguments: try cases().filter { !$0.reproduces })
    func differsWhereItCannot(_ fixture: FrameworkCase) throws {
        let sink = try Self.run(fixture)
        #expect(try Self.largestDifference(fixture, sink) > 1e-9)
    }

    @Test("the handout's call for each framework is the call that made the fixture, and never one that differs", arguments: try cases())
    func handoutCallMatches(_ fixture: FrameworkCase) throws {
        let framework = try #require(FrameworkRecipe.Framework(rawValue: fixture.framework))
        let experiment = try fixture.run.experiment(lessonsRelativeTo: fixturesFolder)
        let recipe = FrameworkRecipe(framework, for: experiment)
        if fixture.reproduces {
            #expect(recipe.outcome == .reproduces(optimizer: fixture.recipe, scheduler: fixture.scheduler))
        } else {
            // A call the framework showed to differ is never offered (a traps case such as
            // Optax's whole-number transition_steps, which computes in float32, or a "cannot").
            #expect(recipe.outcome != .reproduces(optimizer: fixture.recipe, scheduler: fixture.scheduler), "\(fixture.name)")
        }
    }

    /// Each convention of each optimizer is checked against its own framework (and the
    /// lecture's against at least one framework).
    @Test func everyConventionIsCovered() throws {
        let cases = try Self.cases().filter(\.reproduces)
        for optimizer in Optimizer.allCases where optimizer != .minibatch {
            for convention in Convention.allCases {
                let own = convention == .lecture ? nil : convention.rawValue
                #expect(cases.contains { $0.run.optimizer == optimizer.rawValue && $0.convention == convention.rawValue && (own == nil || $0.framework == own) },
                        "no \(convention) fixture of \(optimizer)")
            }
        }
    }
}
