import TraceEngine

/// How the writers show a lesson's fixed parameters (`model.fixed`): they get a gradient
/// but keep their value, `w_new = w`.
extension RunDescription {
    /// Whether the parameter at flat `index` is kept out of the update.
    func isFixed(_ index: Int) -> Bool {
        experiment.objective == nil && experiment.network.fixed.contains(index)
    }

    /// The parameter's name for a table's first column: `b1[1] (fixed)` for a fixed one.
    func tableName(_ index: Int) -> String {
        isFixed(index) ? "\(parameterNames[index]) (fixed)" : parameterNames[index]
    }

    /// `Fixed (kept out of the update: g is taken, w_new = w): b1[1], b1[2]`, or `nil`.
    var fixedSentence: String? { Self.fixedSentence(experiment) }

    static func fixedSentence(_ experiment: Experiment) -> String? {
        guard experiment.objective == nil, !experiment.network.fixed.isEmpty else { return nil }
        let names = experiment.network.fixed.map { experiment.layout.roles[$0].name }.joined(separator: ", ")
        return "Fixed (kept out of the update: each gets its gradient g, but w_new = w): \(names)."
    }
}
