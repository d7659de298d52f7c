import TraceEngine

/// Why a drawn variant is not given to a student, if it is not.
///
/// A variant is drawn again when its run diverges, when a sigmoid or tanh unit saturates
/// (σ outside [0.01, 0.99], |tanh| above 0.99: the gradient all but vanishes and hand
/// arithmetic turns into rounding), or when an asked value is trivially zero (a zero
/// gradient, state or step, which a student could write without computing anything).
enum VariantCheck {
    static func problem(with run: RecordingSink, experiment: Experiment, asked: [AskedValue]) -> String? {
        if let divergence = run.outcome?.divergence {
            return "it diverges at t = \(divergence.t)"
        }
        for step in run.steps {
            for sample in step.samples {
                for (l, layer) in sample.layers.enumerated() {
                    let activation = experiment.network.layers[l].activation
                    if activation == .sigmoid, layer.a.contains(where: { $0 < 0.01 || $0 > 0.99 }) {
                        return "a sigmoid of layer \(l + 1) saturates"
                    }
                    if activation == .tanh, layer.a.contains(where: { abs($0) > 0.99 }) {
                        return "a tanh of layer \(l + 1) saturates"
                    }
                }
            }
        }
        let layout = experiment.layout
        for value in asked where value.quantity != .w {
            guard let index = layout.index(named: value.parameter),
                let computed = run.computed(value.quantity, at: value.t, parameter: index)
            else { return "\(value.description) is missing" }
            if value.quantity == .wNew, let before = run.computed(.w, at: value.t, parameter: index),
                abs(computed - before) <= 1e-12 * max(1, abs(before))
            {
                return "\(value.parameter) does not move at t = \(value.t)"
            }
            if abs(computed) <= 1e-12 { return "\(value.description) is zero" }
        }
        return nil
    }
}
