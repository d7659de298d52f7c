import TraceEngine
import TraceLessons

/// Draws one homework variant of an experiment: new initial weights, data and
/// hyperparameters from the lesson's ``VariantSettings``, all from one seeded generator.
///
/// Draws happen in a fixed order (weights layer by layer, row by row; biases; inputs;
/// targets; the start; hyperparameters in the optimizer's order, then λ₂), so the same
/// generator state gives the same variant on every machine.
struct VariantDrawer {
    let base: Experiment
    let settings: VariantSettings

    func draw(using generator: inout Xoshiro256StarStar) -> Experiment {
        var experiment = base
        if base.objective == nil {
            let weights = settings.source(of: .weights), biases = settings.source(of: .biases)
            for l in experiment.network.layers.indices {
                var layer = experiment.network.layers[l]
                layer.weights = layer.weights.map { row in row.map { pick(weights, lessonValue: $0, &generator) } }
                experiment.network.layers[l] = layer
            }
            for l in experiment.network.layers.indices {
                experiment.network.layers[l].biases = experiment.network.layers[l].biases.map { pick(biases, lessonValue: $0, &generator) }
            }
            let inputs = settings.source(of: .inputs), targets = settings.source(of: .targets)
            experiment.data.inputs = experiment.data.inputs.map { row in row.map { pick(inputs, lessonValue: $0, &generator) } }
            experiment.data.targets = experiment.data.targets.map { row in row.map { pick(targets, lessonValue: $0, &generator) } }
        } else {
            let start = settings.source(of: .start)
            experiment.start = experiment.start.map { pick(start, lessonValue: $0, &generator) }
        }
        for (symbol, value) in base.hyperparameters.entries {
            experiment.hyperparameters[symbol] = pick(settings.source(of: symbol), lessonValue: value, &generator)
        }
        if let l2 = base.l2 { experiment.l2 = pick(settings.source(of: .l2), lessonValue: l2, &generator) }
        return experiment
    }

    private func pick(_ source: VariantSettings.Source, lessonValue: Double, _ generator: inout Xoshiro256StarStar) -> Double {
        switch source {
        case .keep:
            return lessonValue
        case let .choices(values):
            return values[Int(generator.uniform(below: UInt64(values.count)))]
        case let .scaled(factors):
            return (lessonValue * factors[Int(generator.uniform(below: UInt64(factors.count)))]).tidied
        case let .grid(low, high, step):
            let grid = DecimalGrid(min: low, max: high, step: step)
            return grid.value(Int(generator.uniform(below: UInt64(grid.count))))
        }
    }
}
