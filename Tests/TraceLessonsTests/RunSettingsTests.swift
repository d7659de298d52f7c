import Testing
import TraceEngine
@testable import TraceLessons

/// How flags, the lesson and the defaults combine (contract: flag > lesson > default), and
/// what is refused, as a ``RunSettingsProblem`` (the command line's wording of each is checked
/// end to end in CLITests' BadInputTests).
@Suite struct RunSettingsTests {
    func lesson(_ optimizerSection: String = "", training: String = "") throws -> Lesson {
        try LessonParser.parse(
            """
            title: t
            model:
              loss: half_sse
              layers:
                - activation: identity
                  weights: [[1.0]]
            data:
              inputs: [[1.0], [2.0], [3.0]]
              targets: [[0.0], [0.0], [0.0]]
            \(optimizerSection)
            \(training)
            """, file: "t.yaml")
    }

    @Test func flagWinsOverLessonWhichWinsOverDefault() throws {
        let lesson = try lesson("optimizer:\n  name: adam\n  eta: 0.05\n  beta1: 0.8")
        var settings = RunSettings(optimizer: .adam)
        settings.hyperparameters[.beta1] = 0.7
        let experiment = try settings.experiment(for: lesson)
        #expect(experiment.hyperparameters[.eta] == 0.05)
        #expect(experiment.hyperparameters[.beta1] == 0.7)
        #expect(experiment.hyperparameters[.beta2] == 0.999)
    }

    @Test func lessonSectionForAnotherOptimizerIsIgnored() throws {
        let lesson = try lesson("optimizer:\n  name: adam\n  eta: 0.05\n  convention: pytorch")
        let experiment = try RunSettings(optimizer: .momentum).experiment(for: lesson)
        // Momentum's documented default η (docs/command-line.md), not the adam section's 0.05.
        #expect(experiment.hyperparameters[.eta] == 1)
        #expect(experiment.convention == .lecture)
    }

    @Test func batchSizes() throws {
        let plain = try lesson()
        #expect(try RunSettings(optimizer: .gd).experiment(for: plain).batchSize == .full)
        #expect(try RunSettings(optimizer: .sgd).experiment(for: plain).batchSize == .samples(1))
        #expect(try RunSettings(optimizer: .minibatch).experiment(for: plain).batchSize == .samples(2))
        let withBatch = try lesson(training: "training:\n  batch_size: 2")
        #expect(try RunSettings(optimizer: .gd).experiment(for: withBatch).batchSize == .full)

        var contradicting = RunSettings(optimizer: .gd)
        contradicting.batchSize = .samples(2)
        #expect(throws: RunSettingsProblem.batchSizeContradicts(.samples(2), optimizer: .gd)) { try contradicting.experiment(for: plain) }
        var tooLarge = RunSettings(optimizer: .minibatch)
        tooLarge.batchSize = .samples(4)
        #expect(throws: RunSettingsProblem.batchSizeTooLarge(.samples(4), samples: 3)) { try tooLarge.experiment(for: plain) }
    }

    @Test func flagsForAnotherOptimizerAndBadValuesAreRefused() throws {
        let plain = try lesson()
        var wrong = RunSettings(optimizer: .sgd)
        wrong.hyperparameters[.beta1] = 0.9
        #expect(throws: RunSettingsProblem.notUsed(.beta1, by: .sgd)) { try wrong.experiment(for: plain) }
        var negative = RunSettings(optimizer: .adam)
        negative.hyperparameters[.epsilon] = -1
        #expect(throws: RunSettingsProblem.outOfRange(.epsilon, -1)) { try negative.experiment(for: plain) }
    }

    @Test func schedulesAndL2FromLessonAndFlags() throws {
        let lesson = try lesson(
            "optimizer:\n  name: adam\n  l2: 0.01\nschedule:\n  name: step\n  gamma: 0.1\n  every: 3",
            training: "training:\n  steps: 5")
        let fromLesson = try RunSettings(optimizer: .adam).experiment(for: lesson)
        #expect(fromLesson.schedule == .step(gamma: 0.1, every: 3))
        #expect(fromLesson.l2 == 0.01)

        var flags = RunSettings(optimizer: .adam)
        flags.scheduleParameters[.every] = 2
        flags.l2 = 0.5
        let overridden = try flags.experiment(for: lesson)
        #expect(overridden.schedule == .step(gamma: 0.1, every: 2))
        #expect(overridden.l2 == 0.5)

        var cosine = RunSettings(optimizer: .adam)
        cosine.schedule = "cosine"
        #expect(try cosine.experiment(for: lesson).schedule == .cosine(etaMin: 0, period: 5))
        cosine.scheduleParameters[.gamma] = 0.5
        #expect(throws: RunSettingsProblem.notThisSchedule(.gamma, schedule: "cosine")) { try cosine.experiment(for: lesson) }
        var typo = RunSettings(optimizer: .adam)
        typo.schedule = "cosin"
        #expect(throws: RunSettingsProblem.unknownSchedule("cosin")) { try typo.experiment(for: lesson) }
        // The lesson's l2 belongs to its optimizer section: another optimizer does not get it.
        #expect(try RunSettings(optimizer: .sgd).experiment(for: lesson).l2 == nil)
    }

    @Test func seedImpliesShuffle() throws {
        var settings = RunSettings(optimizer: .sgd)
        #expect(try settings.experiment(for: lesson()).shuffleSeed == nil)
        settings.seed = 9
        #expect(try settings.experiment(for: lesson()).shuffleSeed == 9)
        #expect(try RunSettings(optimizer: .sgd).experiment(for: lesson(training: "training:\n  shuffle: true")).shuffleSeed == 0)
        #expect(try RunSettings(optimizer: .sgd).experiment(for: lesson(training: "training:\n  seed: 18446744073709551615")).shuffleSeed == .max)
        #expect(try RunSettings(optimizer: .sgd).experiment(for: lesson(training: "training:\n  seed: 5\n  shuffle: false")).shuffleSeed == nil)
    }

    @Test func bundledLessonsAreTheFilesInLessonsFolder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(BundledLessons.names == files.map { String($0.dropLast(5)) }, "run scripts/embed-lessons")
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let name = String(file.dropLast(5))
            #expect(BundledLessons.yaml(named: name) == text, "lessons/\(file) changed: run scripts/embed-lessons")
            #expect(throws: Never.self) { try BundledLessons.lesson(named: name) }
            // Every bundled lesson has a handout of its own, so it names its optimizer.
            #expect(try BundledLessons.lesson(named: name)?.optimizer != nil, "lessons/\(file) has no optimizer: section")
        }
        #expect(BundledLessons.names.contains(BundledLessons.defaultName))
    }
}

import Foundation
