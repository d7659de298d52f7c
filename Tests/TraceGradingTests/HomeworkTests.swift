import Foundation
import Testing
import TraceEngine
import TraceLessons

@testable import TraceGrading

/// Homework variants: drawn on hand-friendly grids, never diverging, saturating or asking
/// for a trivial zero, and the same for the same seed and student.
@Suite struct HomeworkTests {
    @Test("300 variants of each optimizer's lesson are usable", arguments: everyOptimizerLesson.indices)
    func usableVariants(_ n: Int) throws {
        let (lesson, optimizer, convention) = everyOptimizerLesson[n]
        let plan = try plan(lesson: lesson, optimizer: optimizer, convention: convention)
        for k in 1...300 {
            let variant = try plan.variant(for: String(k))
            let experiment = variant.experiment
            #expect(experiment.problems().isEmpty)
            var sink = RecordingSink()
            let outcome = try Engine.run(experiment, into: &sink)
            #expect(outcome.divergence == nil)
            for step in sink.steps {
                for sample in step.samples {
                    for (l, layer) in sample.layers.enumerated() where experiment.network.layers[l].activation == .sigmoid {
                        #expect(layer.a.allSatisfy { (0.01...0.99).contains($0) }, "\(lesson) #\(k): saturated")
                    }
                }
            }
            for asked in variant.asked where asked.quantity != .w {
                let index = try #require(experiment.layout.index(named: asked.parameter))
                let value = try #require(sink.computed(asked.quantity, at: asked.t, parameter: index))
                #expect(abs(value) > 1e-12)
                if asked.quantity == .wNew {
                    // Leaving the weight as it was must not pass.
                    let before = try #require(sink.computed(.w, at: asked.t, parameter: index))
                    #expect(!plan.grading.tolerance(for: .wNew).accepts(before, expected: value), "\(lesson) #\(k)")
                }
            }
            if experiment.objective == nil {
                for value in experiment.network.layers.flatMap({ $0.weights.flatMap { $0 } + $0.biases }) {
                    #expect(abs(value) <= 0.5 + 1e-15 && "\(value)".count <= 4, "\(lesson) #\(k): \(value) is not a tenth")
                }
            } else {
                for value in experiment.start { #expect((value * 2).rounded() == value * 2 && abs(value) <= 2) }
            }
        }
    }

    @Test("a variant depends only on the seed and the student's id")
    func determinism() throws {
        let plan = try plan(lesson: "adam")
        #expect(try plan.variant(for: "alice").keyJSON() == plan.variant(for: "alice").keyJSON())
        #expect(try plan.variant(for: "alice").keyJSON() != plan.variant(for: "bob").keyJSON())
        var other = plan
        other.seed += 1
        #expect(try plan.variant(for: "alice").keyJSON() != other.variant(for: "alice").keyJSON())
        // FNV-1a's published test vectors: the hash is the same on every machine.
        #expect(HomeworkPlan.fnv1a("") == 0xcbf2_9ce4_8422_2325)
        #expect(HomeworkPlan.fnv1a("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(HomeworkPlan.fnv1a("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test("grid values are the doubles nearest the decimals a person writes")
    func decimalGrid() {
        let grid = DecimalGrid(min: -0.5, max: 0.5, step: 0.1)
        #expect(grid.count == 11)
        #expect((0..<grid.count).map(grid.value) == [-0.5, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5])
        let halves = DecimalGrid(min: -2, max: 2, step: 0.5)
        #expect(halves.count == 9 && halves.value(8) == 2)
        #expect(DecimalGrid(min: 0.05, max: 0.25, step: 0.05).value(2) == 0.15)
        #expect((0.001 * 3).tidied == 0.003)
    }
}
