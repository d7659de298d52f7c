import TraceEngine

/// The settings each run of a comparison used, one row per run: every hyperparameter with
/// its value as given, in full (`η = 0.02, ρ = 0.9, ε = 1e-08`), the batch size and, where set, the schedule
/// and L2, so that no page compares runs without saying how each was run.
enum RunSettingsTable {
    static func table(_ experiments: [Experiment]) -> Table {
        let number = NumberFormat.exact
        let rows = experiments.map { experiment -> [String] in
            var settings = experiment.hyperparameters.entries.map { "\($0.symbol.unicode) = \(number($0.value))" }
            if let l2 = experiment.l2 { settings.append("λ₂ = \(number(l2))") }
            let batch: String
            if experiment.objective != nil {
                batch = "none (an objective)"
            } else {
                switch experiment.batchSize {
                case .full: batch = "full (\(experiment.data.count))"
                case let .samples(count): batch = "\(count) of \(experiment.data.count)"
                }
            }
            return [experiment.optimizer.rawValue, settings.joined(separator: ", "), batch, schedule(experiment.schedule)]
        }
        return Table(header: ["optimizer", "hyperparameters", "batch size", "schedule"], rows: rows)
    }

    /// `constant`, or `step (γ = 0.5, K = 2)`.
    static func schedule(_ schedule: LearningRateSchedule) -> String {
        let parameters = schedule.parameters.map { "\($0.symbol.unicode) = \(NumberFormat.exact($0.value))" }
        return parameters.isEmpty ? schedule.name : "\(schedule.name) (\(parameters.joined(separator: ", ")))"
    }
}
