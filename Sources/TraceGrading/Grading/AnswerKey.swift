import TraceEngine
import TraceLessons

/// What grading needs from `key.json`: the variant's experiment (to run it again on a
/// student's own values), the key's value of every asked value, and the tolerances.
public struct AnswerKey: Sendable {
    public var student: String?
    public var experiment: Experiment
    public var asked: [AskedValue]
    /// The key's value of each asked value, in `asked` order.
    public var values: [Double]
    /// The tolerance of each asked quantity.
    public var tolerances: [Symbol: GradingSettings.Tolerance]

    public init(
        student: String? = nil, experiment: Experiment, asked: [AskedValue], values: [Double],
        tolerances: [Symbol: GradingSettings.Tolerance] = [:]
    ) {
        self.student = student
        self.experiment = experiment
        self.asked = asked
        self.values = values
        self.tolerances = tolerances
    }

    /// The tolerance for `quantity`: the key's, else hand arithmetic's.
    public func tolerance(for quantity: Symbol) -> GradingSettings.Tolerance {
        tolerances[quantity] ?? GradingSettings().tolerance(for: quantity)
    }
}
