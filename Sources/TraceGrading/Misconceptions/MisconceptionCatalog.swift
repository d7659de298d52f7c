import TraceEngine

/// The mistakes `trace grade` recognises, each as the formulas a student who makes it uses
/// (the lecture's notation; `docs/misconceptions.md` has a worked example of each).
///
/// ```
/// bias-correction-omitted    m̂ = m, v̂ = v                              Adam, AdamW
/// betas-swapped              β₁ ↔ β₂ in m, v, m̂, v̂                      Adam, AdamW
/// step-from-zero             m̂ = m/(1 − β₁^(t−1)), v̂ likewise (t ≥ 2)   Adam, AdamW
/// step-advanced-twice        m̂ = m/(1 − β₁^(t+1)), v̂ likewise           Adam, AdamW
/// one-minus-beta-omitted     v = β·v + g; ss = ρ·ss + g²; m = β₁·m + g, v = β₂·v + g²
/// epsilon-placement          ε outside the root (lecture) or inside it (PyTorch, Optax)
/// g-for-g-squared            s = s + g; ss = ρ·ss + (1 − ρ)·g; v = β₂·v + (1 − β₂)·g
/// adagrad-sum-restarted      s = g²
/// amsgrad-max-omitted        v_max = v̂ (v in PyTorch's and Keras's form), not max(v_max, v̂)   AMSGrad
/// state-restarted            each moving average from 0 at every update: m = (1 − β₁)·g,
///                            v = (1 − β₂)·g², ss = (1 − ρ)·g², momentum's v = (1 − β)·g (g)   t ≥ 2
/// batch-sum                  g = Σ_n g_n instead of the mean (batches of 2 or more); the
///                            gradient of a batch loss summed, L = Σ_n L_n, not averaged
/// adamw-decay-on-new-weight  w_new = u − η·λ·u, u the Adam step        AdamW
/// adamw-coupled              g = g + λ·w, then Adam without decay      AdamW
/// weight-decay-omitted       w_new = u, the Adam step (AdamW); g without λ₂·w (L2)
/// eta-twice                  η·η for η in the update of w
/// eta-omitted                1 for η in the update of w
/// sign-flipped               w_new = w − (W − w), W the right w_new
/// sigmoid-derivative         σ′(z) taken as σ(z) in the chain rule     sigmoid layers
/// derivative-omitted         δ without f′: δ_L = ∂L/∂ŷ, δ_l = Σ_k W[k,j]·δ[k]
/// derivative-at-a            f′ taken at a: σ′(a) = σ(a)·(1 − σ(a))    sigmoid, tanh layers
/// delta-sign-flipped         δ_L from y − ŷ instead of ŷ − y
/// weights-untransposed       δ_l[j] = (Σ_k W_(l+1)[j,k]·δ_(l+1)[k])·f′  a square W_(l+1)
/// delta-wrong-layer-weights  δ_l[j] = (Σ_k W_l[k,j]·δ_(l+1)[k])·f′       W_l shaped as W_(l+1)
/// bias-gradient-times-a      g(b_l[j]) = δ_l[j]·a_l[j], not δ_l[j]     a bias that is updated
/// others-not-updated         g(t) at weights where only the asked parameters were updated;
///                            every other keeps its starting weight     t ≥ 2, nothing given
/// ```
///
/// Each entry is an edit of the run's own rule (``UpdateRule`` in `RuleTransform.swift`), so it
/// applies to every optimizer and convention whose equations have the pieces it edits.
public enum MisconceptionCatalog {
    typealias E = Expression

    public static let all: [Misconception] = [
        biasCorrectionOmitted, betasSwapped, stepFromZero, stepAdvancedTwice, oneMinusBetaOmitted,
        epsilonPlacement, gForGSquared, adagradSumRestarted, amsgradMaxOmitted, stateRestarted, batchSum, adamwDecayOnNewWeight,
        adamwCoupled, weightDecayOmitted,
        etaTwice, etaOmitted, signFlipped, sigmoidDerivative, derivativeOmitted, derivativeAtActivation,
        deltaSignFlipped, weightsUntransposed, deltaWrongLayerWeights, biasGradientTimesActivation, othersNotUpdated,
    ]

    /// The entry called `id`.
    public static func entry(_ id: String) -> Misconception? { all.first { $0.id == id } }

    private static let w = E.symbol(.w), g = E.symbol(.g), m = E.symbol(.m), v = E.symbol(.v)
    private static let s = E.symbol(.s), ss = E.symbol(.ss), mHat = E.symbol(.mHat), vHat = E.symbol(.vHat)
    private static let η = E.symbol(.eta), β = E.symbol(.beta), ρ = E.symbol(.rho)
    private static let β1 = E.symbol(.beta1), β2 = E.symbol(.beta2), λ = E.symbol(.lambda), t = E.symbol(.t)

    private static func moments(_ rule: UpdateRule, _ replacements: [Symbol: Expression]) -> Misconception.MistakenRun {
        .init(rule: rule.replacing(replacements))
    }

    /// A mistaken run that follows `rule`, where there is one.
    private static func following(_ rule: UpdateRule?) -> Misconception.MistakenRun? {
        rule.map { .init(rule: $0) }
    }

    static let biasCorrectionOmitted = Misconception(
        id: "bias-correction-omitted", name: "bias correction left out",
        explanation: "The bias correction divides by 1 − βᵗ: m̂ = m/(1 − β₁ᵗ) and v̂ = v/(1 − β₂ᵗ)"
    ) { _, rule in
        following(rule.withoutBiasCorrection())
    }

    static let betasSwapped = Misconception(
        id: "betas-swapped", name: "β₁ and β₂ swapped",
        explanation: "m, the first moment, decays with β₁, and v, the second, with β₂, in m̂ and v̂ too"
    ) { _, rule in
        following(rule.betasSwapped())
    }

    static let stepFromZero = Misconception(
        id: "step-from-zero", name: "t counted from 0",
        explanation: "t counts updates from 1, so the first update's bias correction is 1 − β¹"
    ) { _, rule in
        // At t = 1 that would divide by 1 − β⁰ = 0, which no student writes down: the
        // exponent is max(t − 1, 1) = −min(1 − t, −1), the right value at the first update.
        // Feedback shows the student's own t − 1.
        let exponent = 0 - E.minimum(1 - t, -1)
        guard var run = following(rule.biasCorrection(atStepShiftedBy: exponent - t)) else { return nil }
        run.shown = rule.biasCorrection(atStep: t - 1)
        return run
    }

    static let stepAdvancedTwice = Misconception(
        id: "step-advanced-twice", name: "t advanced twice",
        explanation: "The bias correction takes β to the power of this update's t, not t + 1"
    ) { _, rule in
        following(rule.biasCorrection(atStepShiftedBy: 1))
    }

    static let oneMinusBetaOmitted = Misconception(
        id: "one-minus-beta-omitted", name: "(1 − β) left out of a moving average",
        explanation: "A moving average weights the new term by one minus its decay: (1 − β)·g, (1 − ρ)·g², (1 − β₁)·g, (1 − β₂)·g²"
    ) { _, rule in
        following(rule.withoutOneMinusDecay())
    }

    static let epsilonPlacement = Misconception(
        id: "epsilon-placement", name: "ε on the wrong side of the square root",
        explanation: "ε goes where the run's formulas put it: inside the square root, √(… + ε), in the lecture's, Keras's and Optax's AdaGrad and RMSProp and the lecture's Adam; outside, √… + ε, in PyTorch's and in Optax's and Keras's Adam"
    ) { _, rule in
        following(rule.edited(where: { $0.target == .wNew }) { $0.epsilonMoved })
    }

    static let gForGSquared = Misconception(
        id: "g-for-g-squared", name: "g instead of g² in a second moment",
        explanation: "The second moment adds the squared gradient, g²"
    ) { _, rule in
        following(rule.gradientForItsSquare())
    }

    static let adagradSumRestarted = Misconception(
        id: "adagrad-sum-restarted", name: "AdaGrad's sum restarted",
        explanation: "AdaGrad's s keeps adding up: s = s + g², from the s of the update before"
    ) { _, rule in
        following(rule.withRunningSumRestarted())
    }

    static let amsgradMaxOmitted = Misconception(
        id: "amsgrad-max-omitted", name: "AMSGrad's maximum left out",
        explanation: "AMSGrad keeps the largest second moment so far: v_max = max(v_max, v̂) (of v in PyTorch's and Keras's form), from the v_max of the update before, even when this update's is smaller"
    ) { _, rule in
        following(rule.withRunningMaximumLeftOut())
    }

    /// Restarts the moving averages only: a running sum restarted is `adagrad-sum-restarted`
    /// (s = g²) and a running maximum restarted is `amsgrad-max-omitted` (v_max = v̂), each
    /// named by its own entry, so no two entries give one value from the same formula. The
    /// state starts at 0, so the mistake changes nothing at t = 1: it is tried from t = 2.
    static let stateRestarted = Misconception(
        id: "state-restarted", name: "moving averages restarted at every update",
        explanation: "A moving average carries over from one update to the next: each update's m, v, ss or momentum's v starts from the value the update before left (m = β₁·m + (1 − β₁)·g with the last m), not from 0"
    ) { experiment, rule in
        guard experiment.steps >= 2 else { return nil }
        return following(rule.withKeptStateRestarted(.movingAverage))
    }

    static let batchSum = Misconception(
        id: "batch-sum", name: "batch gradients summed, not averaged",
        explanation: "g is the mean of the batch's gradients: their sum divided by the batch size"
    ) { experiment, rule in
        guard experiment.objective == nil, experiment.batchSize.resolved(sampleCount: experiment.data.count) > 1 else { return nil }
        return .init(rule: rule, chainRule: .batchSum)
    }

    /// The update of `w` without its decoupled weight decay (AdamW's Adam step), where it has one.
    private static func undecayedStep(_ rule: UpdateRule) -> Expression? {
        rule.updateWithoutTerms(withFactor: .lambda)?.expression(of: .wNew)
    }

    static let adamwDecayOnNewWeight = Misconception(
        id: "adamw-decay-on-new-weight", name: "AdamW's decay on the new weight",
        explanation: "AdamW's decay uses the weight before the update: − η·λ·w(t)"
    ) { _, rule in
        guard let u = undecayedStep(rule) else { return nil }
        return moments(rule, [.wNew: u - η * λ * u])
    }

    static let adamwCoupled = Misconception(
        id: "adamw-coupled", name: "AdamW's decay coupled into g, as in Adam with L2",
        explanation: "AdamW does not add λ·w to g (that is Adam with L2); it subtracts η·λ·w after the Adam step"
    ) { _, rule in
        guard let u = undecayedStep(rule) else { return nil }
        let coupled = rule.replacing([.wNew: u])
        // λ·w joins g before the moments (after L2's λ₂·w, if the run has that too).
        var equations = coupled.equations
        let at = equations.firstIndex { $0.target != .g } ?? 0
        equations.insert(Equation(.g, g + λ * w), at: at)
        return .init(rule: UpdateRule(
            optimizer: rule.optimizer, convention: rule.convention, equations: equations, notes: rule.notes,
            initialState: rule.initialState))
    }

    static let weightDecayOmitted = Misconception(
        id: "weight-decay-omitted", name: "weight decay left out",
        explanation: "The weight decay is part of every update: AdamW subtracts η·λ·w after the Adam step, and L2 adds λ₂·w to g before it"
    ) { _, rule in
        following(rule.withoutWeightDecay())
    }

    /// The rule with `η` in the update of `w` replaced, where that update has an η.
    private static func etaReplaced(_ rule: UpdateRule, with replacement: Expression) -> Misconception.MistakenRun? {
        guard let wNew = rule.expression(of: .wNew), wNew.symbols.contains(.eta) else { return nil }
        return moments(rule, [.wNew: wNew.substituting(.eta, with: replacement)])
    }

    static let etaTwice = Misconception(
        id: "eta-twice", name: "η applied twice",
        explanation: "The update multiplies the step by η once"
    ) { _, rule in
        etaReplaced(rule, with: η * η)
    }

    static let etaOmitted = Misconception(
        id: "eta-omitted", name: "η left out",
        explanation: "The update multiplies the step by η"
    ) { _, rule in
        etaReplaced(rule, with: 1)
    }

    static let signFlipped = Misconception(
        id: "sign-flipped", name: "the update's sign flipped",
        explanation: "The update moves w against the gradient: it subtracts the step"
    ) { _, rule in
        guard let wNew = rule.expression(of: .wNew) else { return nil }
        return moments(rule, [.wNew: flipped(wNew) ?? w - (wNew - w)])
    }

    /// `w + A + B` for `w − A − B` (and `w − v` for Keras's `w + v`): each term added to or
    /// taken from `w` with the other sign, which is `w − (W − w)` written as a student would;
    /// `nil` for other shapes.
    private static func flipped(_ update: Expression) -> Expression? {
        switch update {
        case .symbol(.w): return w
        case let .difference(a, b): return flipped(a).map { .sum($0, b) }
        case let .sum(a, b): return flipped(a).map { .difference($0, b) }
        default: return nil
        }
    }

    static let sigmoidDerivative = Misconception(
        id: "sigmoid-derivative", name: "σ(z) as the sigmoid's slope",
        explanation: "The sigmoid's slope is σ′(z) = σ(z)·(1 − σ(z)), not σ(z)"
    ) { experiment, rule in
        guard experiment.objective == nil else { return nil }
        let layers = experiment.network.layers
        // A bce loss on a sigmoid output layer takes δ = ŷ − y, with no slope.
        let slopes = layers.indices.contains { l in
            layers[l].activation == .sigmoid && !(l == layers.count - 1 && experiment.network.loss == .bce)
        }
        return slopes ? .init(rule: rule, chainRule: .sigmoidSlopeIsActivation) : nil
    }

    /// The layers (from 0) whose δ a slope `f′` multiplies: every layer but an output whose
    /// `δ = ŷ − y` takes none (a sigmoid with bce, softmax with cross-entropy).
    static func layersWithSlope(_ network: Network) -> [Int] {
        let layers = network.layers
        return layers.indices.filter { l in
            let activation = layers[l].activation
            let combined = (network.loss == .bce && activation == .sigmoid) || activation == .softmax
            return !(l == layers.count - 1 && combined)
        }
    }

    /// The hidden layers (from 0) whose δ a student who uses W untransposed computes from a row
    /// of `W_(l+1)`: where `W_(l+1)` is square, so that its rows are as long as its columns.
    static func layersWithSquareWeightsAbove(_ network: Network) -> [Int] {
        let layers = network.layers
        return layers.indices.dropLast().filter { layers[$0 + 1].unitCount == layers[$0].unitCount && layers[$0].unitCount > 1 }
    }

    /// The hidden layers (from 0) whose own weights `W_l` have the shape of `W_(l+1)` (both
    /// square, of one size: 1 × 1 too), so that a student can take one for the other in δ.
    static func layersWithOwnWeightsShapedAsAbove(_ network: Network) -> [Int] {
        let layers = network.layers
        return layers.indices.dropLast().filter { l in
            layers[l + 1].unitCount == layers[l].unitCount && layers[l].inputCount == layers[l].unitCount
        }
    }

    /// A chain-rule mistake, on a network.
    private static func chainRule(_ variant: ChainRuleVariant, _ experiment: Experiment, _ rule: UpdateRule, where applies: Bool) -> Misconception.MistakenRun? {
        experiment.objective == nil && applies ? .init(rule: rule, chainRule: variant) : nil
    }

    static let derivativeOmitted = Misconception(
        id: "derivative-omitted", name: "f′ left out of δ",
        explanation: "δ multiplies by the slope of the unit's activation: δ = ∂L/∂ŷ·f′(z) at the output, δ = (Σ_k W[k,j]·δ[k])·f′(z) below it"
    ) { experiment, rule in
        // Leaving out a slope of 1 (identity) changes nothing.
        let network = experiment.network
        let changes = layersWithSlope(network).contains { network.layers[$0].activation != .identity }
        return chainRule(.slopeOmitted, experiment, rule, where: changes)
    }

    static let derivativeAtActivation = Misconception(
        id: "derivative-at-a", name: "f′ taken at a instead of z",
        explanation: "The slope is taken at z: σ′(z) = σ(z)·(1 − σ(z)) = a·(1 − a), tanh′(z) = 1 − a², not σ′(a) or tanh′(a)"
    ) { experiment, rule in
        // A relu's slope is the same at a as at z; an identity's is 1 everywhere.
        let network = experiment.network
        let changes = layersWithSlope(network).contains { [.sigmoid, .tanh].contains(network.layers[$0].activation) }
        return chainRule(.slopeAtActivation, experiment, rule, where: changes)
    }

    static let deltaSignFlipped = Misconception(
        id: "delta-sign-flipped", name: "δ's sign flipped (y − ŷ for ŷ − y)",
        explanation: "The output δ starts from ∂L/∂ŷ, which is ŷ − y (times a constant), not y − ŷ; the δ below follow from it"
    ) { experiment, rule in
        chainRule(.outputDeltaSignFlipped, experiment, rule, where: true)
    }

    static let weightsUntransposed = Misconception(
        id: "weights-untransposed", name: "W used untransposed in δ",
        explanation: "A hidden δ sums over the weights out of its unit, a column of the layer above's W: δ_l[j] = (Σ_k W_(l+1)[k,j]·δ_(l+1)[k])·f′(z_l[j]), Wᵀ·δ, not W·δ"
    ) { experiment, rule in
        chainRule(.weightsUntransposed, experiment, rule, where: !layersWithSquareWeightsAbove(experiment.network).isEmpty)
    }

    static let deltaWrongLayerWeights = Misconception(
        id: "delta-wrong-layer-weights", name: "δ from the wrong layer's weights",
        explanation: "A hidden layer's δ takes the weights out of it, those of the layer above: δ_l = (W_(l+1)ᵀ·δ_(l+1))·f′(z_l), not W_l"
    ) { experiment, rule in
        chainRule(.deltaFromOwnLayerWeights, experiment, rule, where: !layersWithOwnWeightsShapedAsAbove(experiment.network).isEmpty)
    }

    static let biasGradientTimesActivation = Misconception(
        id: "bias-gradient-times-a", name: "the bias's gradient taken as δ·a",
        explanation: "A bias's input is 1: its gradient is δ (the mean of the batch's δ), not δ·a"
    ) { experiment, rule in
        let layout = experiment.network.layout
        let updatedBias = layout.roles.indices.contains { index in
            if case .bias = layout.roles[index] { return !experiment.network.fixed.contains(index) }
            return false
        }
        return chainRule(.biasGradientTimesActivation, experiment, rule, where: updatedBias)
    }

    /// The whole network updated only at the asked parameters: a student who carries one
    /// weight by hand, not the rest, takes g(t) for t ≥ 2 at the other parameters' starting
    /// weights. The diagnoser applies it where some parameter is not asked and no value is
    /// given (`trace homework --given` prints g or the weights, and then it cannot happen).
    static let othersNotUpdated = Misconception(
        id: "others-not-updated", name: "other parameters not updated",
        explanation: "From t = 2 on, g is the gradient at the weights after the previous update of every parameter of the network, not only of the ones asked about: each update changes them all"
    ) { experiment, rule in
        guard experiment.steps >= 2, experiment.layout.count > 1 else { return nil }
        var run = Misconception.MistakenRun(rule: rule)
        run.othersKeepStartingWeights = true
        return run
    }
}
