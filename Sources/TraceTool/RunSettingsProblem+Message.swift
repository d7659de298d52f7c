import TraceEngine
import TraceLessons

extension RunSettingsProblem {
    /// The problem in the command line's words: one line that names the flag to change.
    package var message: String {
        switch self {
        case let .notUsed(symbol, optimizer):
            let flags = optimizer.hyperparameters.map(\.flag)
            return "\(optimizer.rawValue) does not use \(symbol.flag)\(Suggestion.clause(for: symbol.flag, in: flags)) (it takes \(flags.joined(separator: ", ")))"
        case let .outOfRange(symbol, value):
            return MessageText.rangeProblem(symbol, value, named: symbol.flag) ?? "\(symbol.flag) is out of range"
        case let .stepsOutOfRange(steps):
            return "--steps must be between 1 and \(StepLimit.maximum), not \(steps)"
        case let .tooManySteps(steps, samples):
            return "--steps: " + StepLimit.tooMany(steps, samples: samples)
        case .batchSizeWithoutSamples:
            return "--batch-size does not apply: this lesson's objective has no samples"
        case .shuffleWithoutSamples:
            return "--shuffle and --seed do not apply: this lesson's objective has no samples"
        case let .batchSizeContradicts(asked, optimizer):
            let what = optimizer == .gd ? "the full batch" : "one sample per update"
            return "\(optimizer.rawValue) always uses \(what), so --batch-size \(asked) contradicts it; drop --batch-size or use minibatch"
        case let .batchSizeTooLarge(asked, samples):
            return "--batch-size \(asked) is more than the lesson's \(samples) samples; use full or at most \(samples)"
        case let .unknownSchedule(name):
            let names = LearningRateSchedule.names
            return "--schedule \(name) is not a schedule\(Suggestion.clause(for: name, in: names)) (choose one of \(names.joined(separator: ", ")))"
        case let .notThisSchedule(symbol, schedule):
            return "\(symbol.flag) belongs to \(symbol == .gamma || symbol == .every ? "--schedule step" : "--schedule cosine"), not to the \(schedule) schedule"
        case let .cannotRun(problem):
            return "cannot run this lesson: \(problem)"
        }
    }
}
