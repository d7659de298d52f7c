/// How large a lesson may be: sized to a network a class traces by hand or on one screen,
/// with room to spare, and small enough that `trace homework` and `trace grade` stay fast and
/// their keys small at every size a lesson may have (docs/performance.md measures them at
/// these limits).
///
/// Each limit is checked where the lesson states it, and refused at that line and column.
public enum LessonLimits {
    /// Layers in a network.
    public static let maximumLayers = 2_000
    /// Units in one layer (and inputs to the first).
    public static let maximumWidth = 1_000
    /// Weights and biases of the whole network.
    public static let maximumParameters = 10_000
    /// Samples in `data:`.
    public static let maximumSamples = 10_000
    /// Samples × steps: the forward and backward passes of a run, at most.
    public static let maximumSampleSteps = 100_000_000
    /// Updates per run of a `handout:` comparison: the handout prints its loss per step.
    public static let maximumHandoutSteps = 1_000
}
