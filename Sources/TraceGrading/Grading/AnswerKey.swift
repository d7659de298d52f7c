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
    /// The values the worksheet printed (`trace homework --given`), with the key's numbers:
    /// not the student's to get wrong, so grading reads them as the key has them.
    public var given: [(value: AskedValue, number: Double)] = []

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

    /// The given values as replacements: what a replay on the student's answers starts from.
    public var givenReplacements: Replacements {
        var replacements = Replacements()
        for (value, number) in given {
            guard let index = experiment.layout.index(named: value.parameter) else { continue }
            replacements.replace(value.quantity, at: value.t, parameter: index, with: number)
        }
        return replacements
    }

    /// The tolerance for `quantity`: the key's, else hand arithmetic's.
    public func tolerance(for quantity: Symbol) -> GradingSettings.Tolerance {
        tolerances[quantity] ?? GradingSettings().tolerance(for: quantity)
    }
}
