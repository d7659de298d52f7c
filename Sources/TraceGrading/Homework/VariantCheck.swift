import TraceEngine
import TraceLessons

/// Why a drawn variant is not given to a student, if it is not.
///
/// A variant is drawn again when its run diverges; when a sigmoid or tanh unit saturates
/// (σ outside [0.01, 0.99], |tanh| above 0.99: the gradient all but vanishes and hand
/// arithmetic turns into rounding); when an asked value is trivially zero (a zero
/// gradient or state, which a student could write without computing anything); when an
/// asked `w_new` moves less than its tolerance (so leaving the weight as it was would
/// pass); or when an asked value's terms cancel so much that four-digit hand arithmetic
/// cannot reach its tolerance (``Cancellation``, below ``minimumRatio``).
enum VariantCheck {
    /// The least share of its terms' size an asked value keeps. At a quarter, four-digit
    /// rounding of the terms costs at most about 2·10⁻³ of the value, and far less in
    /// practice: measured with a script that plays a student who rounds every intermediate
    /// value to four digits, 17 of 300 Adam variants cost such a student a mark without this
    /// check, none of 900 with it (and none of 300 with a threshold of 0.1), and one slip
    /// cost exactly one mark in all 900.
    static let minimumRatio = 0.25

    static func problem(
        with run: RecordingSink, experiment: Experiment, asked: [AskedValue],
        tolerance: (Symbol) -> GradingSettings.Tolerance
    ) -> DrawProblem? {
        if let divergence = run.outcome?.divergence {
            return DrawProblem(reason: .diverges, text: "it diverges at t = \(divergence.t)")
        }
        for step in run.steps {
            for sample in step.samples {
                for (l, layer) in sample.layers.enumerated() {
                    let activation = experiment.network.layers[l].activation
                    if activation == .sigmoid, layer.a.contains(where: { $0 < 0.01 || $0 > 0.99 }) {
                        return DrawProblem(reason: .saturates, text: "a sigmoid of layer \(l + 1) saturates")
                    }
                    if activation == .tanh, layer.a.contains(where: { abs($0) > 0.99 }) {
                        return DrawProblem(reason: .saturates, text: "a tanh of layer \(l + 1) saturates")
                    }
                }
            }
        }
        let layout = experiment.layout
        for value in asked where value.quantity != .w {
            if let place = value.place {
                // A value of the passes: there, and not zero (a δ of zero would be free).
                guard let computed = place.value(in: run, at: value.t, computed: false) else {
                    return DrawProblem(reason: .zero, text: "\(value.description) is missing")
                }
                if abs(computed) <= 1e-12 { return DrawProblem(reason: .zero, text: "\(value.description) is zero") }
                let step = run.steps[value.t - 1]
                if let sample = step.samples.first(where: { $0.index == place.sample }),
                    Cancellation.passRatio(of: place, sample: sample, weights: step.values[.w].map(Array.init) ?? [], layout: experiment.layout)
                        < minimumRatio
                {
                    return DrawProblem(reason: .cancels, text: "the terms of \(value.description) cancel")
                }
                continue
            }
            guard let index = layout.index(named: value.parameter),
                let computed = run.computed(value.quantity, at: value.t, parameter: index)
            else { return DrawProblem(reason: .zero, text: "\(value.description) is missing") }
            if value.quantity == .wNew, let before = run.computed(.w, at: value.t, parameter: index),
                tolerance(.wNew).accepts(before, expected: computed)
            {
                return DrawProblem(reason: .unmoved, text: "\(value.parameter) moves less than its tolerance at t = \(value.t)")
            }
            if abs(computed) <= 1e-12 { return DrawProblem(reason: .zero, text: "\(value.description) is zero") }
            if cancellation(of: value, index: index, in: run, layout: layout) < minimumRatio {
                return DrawProblem(reason: .cancels, text: "the terms of \(value.description) cancel")
            }
        }
        return nil
    }

    /// ``Cancellation``'s ratio for an asked value: its equation's terms, or the chain rule's.
    /// (`layout` is the experiment's; the step is read in place, not copied, for every value.)
    static func cancellation(of value: AskedValue, index: Int, in run: RecordingSink, layout: ParameterLayout) -> Double {
        let steps = run.steps, t = value.t - 1
        guard let rule = run.run?.rule else { return 1 }
        var ratio = 1.0
        if value.quantity == .g {
            ratio = Cancellation.gradientRatio(of: steps[t], role: layout.roles[index])
        }
        if let k = rule.equations.firstIndex(where: { $0.target == value.quantity }) {
            ratio = min(ratio, Cancellation.ratio(of: rule.equations[k].expression) { symbol in
                steps[t].value(of: symbol, parameter: index, readBy: k, in: rule)
            })
        }
        return ratio
    }
}
