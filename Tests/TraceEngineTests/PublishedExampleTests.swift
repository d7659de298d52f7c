import Foundation
import Testing
import TraceEngine
import ReferenceFixtures
import TraceLessons

/// Matt Mazur, "A Step by Step Backpropagation Example" (2015): a 2-2-2 network
/// with sigmoid units, ½·squared error and η = 0.5, every intermediate value printed.
/// Each value below is the post's, checked to every digit it prints.
///
/// Mazur updates only the weights, not the biases: `mazur-2-2-1` updates them too (its
/// first step is the post's), `mazur-fixed-biases` keeps them fixed as the post does, and then
/// the later steps are the post's as well (`fixedBiasesStepAfterStep`).
@Suite struct PublishedExampleTests {
    /// `true` when `value` rounds to `printed` at the number of decimals `printed` shows.
    func matchesPrintedDigits(_ value: Double, _ printed: String) -> Bool {
        let decimals = printed.split(separator: ".").last.map(\.count) ?? 0
        let reference = Double(printed)!
        return abs(value - reference) <= 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9)
    }

    func run() throws -> CollectingSink {
        let url = fixturesFolder.appendingPathComponent("reference/lessons/mazur-2-2-1.yaml")
        let lesson = try LessonParser.parse(String(contentsOf: url, encoding: .utf8), file: "mazur-2-2-1.yaml")
        var hyperparameters = Hyperparameters(defaultsFor: .gd)
        hyperparameters[.eta] = 0.5
        let experiment = Experiment(
            title: lesson.title, network: lesson.network, data: lesson.data, optimizer: .gd,
            hyperparameters: hyperparameters, steps: 1)
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        return sink
    }

    @Test func forwardPass() throws {
        let sample = try #require(try run().steps.first?.samples.first)
        let printed: [(Double, String, String)] = [
            (sample.layers[0].z[0], "0.3775", "net_h1"),
            (sample.layers[0].a[0], "0.593269992", "out_h1"),
            (sample.layers[0].a[1], "0.596884378", "out_h2"),
            (sample.layers[1].z[0], "1.105905967", "net_o1"),
            (sample.layers[1].a[0], "0.75136507", "out_o1"),
            (sample.layers[1].a[1], "0.772928465", "out_o2"),
            (sample.loss, "0.298371109", "E_total"),
            (sample.layers[1].delta[0], "0.138498562", "∂E/∂net_o1"),
        ]
        for (value, text, name) in printed {
            #expect(matchesPrintedDigits(value, text), "\(name): engine \(value), Mazur \(text)")
        }
    }

    /// With `fixed: [biases]`, the run is the post's beyond the first update: "After repeating
    /// this process 10,000 times, for example, the error plummets to 0.0000351085", the loss of
    /// the forward pass at t = 10,000 here (the 10,000th pass), to every printed digit. The
    /// post's error after the first update, 0.291027924, is this run's loss at t = 2 to 1.5e-7
    /// (0.2910277737 by numpy too: the post carried rounded intermediate values).
    @Test func fixedBiasesStepAfterStep() throws {
        let url = fixturesFolder.appendingPathComponent("reference/lessons/mazur-fixed-biases.yaml")
        let lesson = try LessonParser.parse(String(contentsOf: url, encoding: .utf8), file: "mazur-fixed-biases.yaml")
        var hyperparameters = Hyperparameters(defaultsFor: .gd)
        hyperparameters[.eta] = 0.5
        let experiment = Experiment(
            title: lesson.title, network: lesson.network, data: lesson.data, optimizer: .gd,
            hyperparameters: hyperparameters, steps: 10_000)
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        let names = try #require(sink.run?.parameterNames)
        let biases = names.indices.filter { names[$0].hasPrefix("b") }
        for step in sink.steps {
            for index in biases { #expect(step.values[.wNew]?[index] == step.values[.w]?[index]) }
        }
        #expect(matchesPrintedDigits(sink.steps[0].values[.wNew]![names.firstIndex(of: "W2[1,1]")!], "0.35891648"))
        #expect(abs(sink.steps[1].loss - 0.291027924) < 2e-7, "\(sink.steps[1].loss)")
        #expect(matchesPrintedDigits(sink.steps[9_999].loss, "0.0000351085"), "\(sink.steps[9_999].loss)")
    }

    @Test func gradientsAndUpdatedWeights() throws {
        let sink = try run()
        let step = try #require(sink.steps.first)
        let names = try #require(sink.run?.parameterNames)
        func value(_ symbol: Symbol, _ name: String) -> Double {
            step.values[symbol]![names.firstIndex(of: name)!]
        }
        // Mazur's w1…w4 are W1[1,1], W1[1,2], W1[2,1], W1[2,2]; w5…w8 are W2[1,1], W2[1,2], W2[2,1], W2[2,2].
        let printed: [(Double, String, String)] = [
            (value(.g, "W2[1,1]"), "0.082167041", "∂E/∂w5"),
            (value(.wNew, "W2[1,1]"), "0.35891648", "w5+"),
            (value(.wNew, "W2[1,2]"), "0.408666186", "w6+"),
            (value(.wNew, "W2[2,1]"), "0.511301270", "w7+"),
            (value(.wNew, "W2[2,2]"), "0.561370121", "w8+"),
            (value(.g, "W1[1,1]"), "0.000438568", "∂E/∂w1"),
            (value(.wNew, "W1[1,1]"), "0.149780716", "w1+"),
            (value(.wNew, "W1[1,2]"), "0.19956143", "w2+"),
            (value(.wNew, "W1[2,1]"), "0.24975114", "w3+"),
            (value(.wNew, "W1[2,2]"), "0.29950229", "w4+"),
        ]
        for (value, text, name) in printed {
            #expect(matchesPrintedDigits(value, text), "\(name): engine \(value), Mazur \(text)")
        }
    }
}
