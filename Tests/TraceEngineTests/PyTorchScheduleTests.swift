import Foundation
import Testing
import TraceEngine
import ReferenceFixtures

/// The schedules against PyTorch's own StepLR and CosineAnnealingLR (torch 2.15, values in
/// `Tests/Fixtures/frameworks/schedules.json`, written by `make_schedule_fixtures.py`).
/// PyTorch multiplies or recurses where the formulas compute directly, so they agree to about
/// one ulp, not bit for bit; cosine is compared while t − 1 ≤ T, where the two agree (past T
/// PyTorch's rate rises again while trace holds η_min).
@Suite struct PyTorchScheduleTests {
    struct Fixture: Decodable {
        struct Case: Decodable, Sendable, CustomTestStringConvertible {
            let name: String
            let schedule: String
            let eta: Double
            let gamma: Double?
            let every: Int?
            let eta_min: Double?
            let period: Int?
            let eta_t: [Double]
            var testDescription: String { name }
        }
        let torch_version: String
        let cases: [Case]
    }

    static func cases() throws -> [Fixture.Case] {
        let url = fixturesFolder.appendingPathComponent("frameworks/schedules.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).cases
    }

    @Test("eta_t matches PyTorch's scheduler", arguments: try cases())
    func matchesPyTorch(_ fixture: Fixture.Case) throws {
        var hyperparameters = Hyperparameters(defaultsFor: .gd)
        hyperparameters[.eta] = fixture.eta
        var experiment = Experiment(
            title: fixture.name, network: Network(layers: [], loss: .halfSSE), data: Dataset(inputs: [], targets: []),
            optimizer: .gd, hyperparameters: hyperparameters, steps: fixture.eta_t.count)
        experiment.objective = .quadratic(a: 0.01, b: 0.01)
        experiment.start = [1, 1]
        switch fixture.schedule {
        case "step": experiment.schedule = .step(gamma: try #require(fixture.gamma), every: try #require(fixture.every))
        default: experiment.schedule = .cosine(etaMin: try #require(fixture.eta_min), period: try #require(fixture.period))
        }
        var sink = CollectingSink()
        try Engine.run(experiment, into: &sink)
        #expect(sink.steps.count == fixture.eta_t.count)
        for (step, expected) in zip(sink.steps, fixture.eta_t) {
            #expect(abs(step.eta - expected) <= 1e-12 * max(abs(expected), 1e-300), "t=\(step.t): trace \(step.eta), torch \(expected)")
        }
    }
}
