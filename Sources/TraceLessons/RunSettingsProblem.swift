import TraceEngine

/// Why ``RunSettings`` cannot make an experiment of a lesson: what is wrong, as data. The
/// command line words it with its own flag names; a lesson's `handout:` section with its keys.
public enum RunSettingsProblem: Error, Sendable, Equatable {
    /// A hyperparameter the optimizer does not take (`sgd` given `beta1`).
    case notUsed(Symbol, by: Optimizer)
    /// A value outside its symbol's range (a negative ε).
    case outOfRange(Symbol, Double)
    /// Steps outside 1 … ``StepLimit/maximum``.
    case stepsOutOfRange(Int)
    /// More samples × steps than ``LessonLimits/maximumSampleSteps``.
    case tooManySteps(Int, samples: Int)
    /// A batch size, or shuffling, for a lesson whose objective has no samples.
    case batchSizeWithoutSamples
    case shuffleWithoutSamples
    /// A batch size the optimizer contradicts (gd always takes the full batch, sgd one sample).
    case batchSizeContradicts(BatchSize, optimizer: Optimizer)
    /// A batch size larger than the lesson's samples.
    case batchSizeTooLarge(BatchSize, samples: Int)
    /// A schedule name that is not one of ``LearningRateSchedule/names``.
    case unknownSchedule(String)
    /// A schedule parameter of another schedule (`gamma` with cosine).
    case notThisSchedule(Symbol, schedule: String)
    /// What the engine finds wrong with the experiment (``Experiment/problems()``), in words.
    case cannotRun(String)
}
