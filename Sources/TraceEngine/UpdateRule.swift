/// An optimizer's update, written once as equations that both compute and render.
///
/// The equations run in order for all parameters of a step at once; the per-parameter
/// symbols they assign (other than `w_new`) are the optimizer's state, recorded in the trace
/// under the lecture's names.
public struct UpdateRule: Sendable {
    public let optimizer: Optimizer
    public let convention: Convention
    public let equations: [Equation]
    /// Remarks a handout prints under the formulas (how a convention differs, and why).
    public let notes: [String]

    /// Each state symbol that does not start at 0, with the hyperparameter it starts at
    /// (AdaGrad's `s` at `s₀`).
    public let initialState: [Symbol: Symbol]

    public init(
        optimizer: Optimizer, convention: Convention, equations: [Equation], notes: [String] = [],
        initialState: [Symbol: Symbol] = [:]
    ) {
        self.optimizer = optimizer
        self.convention = convention
        self.equations = equations
        self.notes = notes
        self.initialState = initialState
    }

    /// The optimizer's state, in the order its equations assign it (`m, v, m_hat, v_hat` for Adam).
    /// `g` (reassigned by L2) and `w_new` are not state.
    public var stateSymbols: [Symbol] {
        equations.map(\.target).filter { $0 != .wNew && $0 != .g }
    }

    /// Everything a step records per parameter: `w`, `g`, the state after the update, `w_new`.
    public var recordedSymbols: [Symbol] {
        [.w, .g] + stateSymbols + [.wNew]
    }

    /// When a symbol on the right of equation `index` was last assigned.
    public enum ValueTime: Sendable {
        /// Assigned by an earlier equation of this step: the value after the update.
        case thisStep
        /// Not yet assigned this step: the value carried in (state from the previous step,
        /// or `w`, `g` and the hyperparameters as they are).
        case carriedIn
    }

    /// Which value `symbol` stands for when equation `index` reads it.
    public func valueTime(of symbol: Symbol, inEquation index: Int) -> ValueTime {
        equations[..<index].contains { $0.target == symbol } ? .thisStep : .carriedIn
    }
}

extension UpdateRule {
    /// The rule for `optimizer` in `convention`, as `lecture.md` and `conventions.md` write it.
    public static func rule(for optimizer: Optimizer, convention: Convention) -> UpdateRule {
        typealias E = Expression
        let w = E.symbol(.w), g = E.symbol(.g), v = E.symbol(.v), s = E.symbol(.s), ss = E.symbol(.ss)
        let m = E.symbol(.m), mHat = E.symbol(.mHat), vHat = E.symbol(.vHat)
        let η = E.symbol(.eta), β = E.symbol(.beta), ρ = E.symbol(.rho)
        let β1 = E.symbol(.beta1), β2 = E.symbol(.beta2), ε = E.symbol(.epsilon), λ = E.symbol(.lambda)
        let t = E.symbol(.t)

        let adamMoments = [
            Equation(.m, β1 * m + (1 - β1) * g),
            Equation(.v, β2 * v + (1 - β2) * E.pow(g, 2)),
            Equation(.mHat, m / (1 - E.pow(β1, t))),
            Equation(.vHat, v / (1 - E.pow(β2, t))),
        ]
        // Keras moves each moment toward its target, and folds both bias corrections into η.
        let kerasMoments = [
            Equation(.m, m + (g - m) * (1 - β1)),
            Equation(.v, v + (E.pow(g, 2) - v) * (1 - β2)),
        ]
        let kerasRate = η * E.sqrt(1 - E.pow(β2, t)) / (1 - E.pow(β1, t))
        let kerasAdamNotes = [
            "Keras keeps no m̂ or v̂: it scales η by √(1 − β₂ᵗ)/(1 − β₁ᵗ) and adds ε to √v, so its ε acts as ε/√(1 − β₂ᵗ) would in m̂/(√v̂ + ε).",
        ]
        let optaxMoments = [
            Equation(.m, (1 - β1) * g + β1 * m),
            Equation(.v, (1 - β2) * E.pow(g, 2) + β2 * v),
            Equation(.mHat, m / (1 - E.pow(β1, t))),
            Equation(.vHat, v / (1 - E.pow(β2, t))),
        ]

        switch (optimizer, convention) {
        case (.gd, _), (.sgd, _), (.minibatch, _):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.wNew, w - η * g)])

        case (.momentum, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.v, β * v + (1 - β) * g), Equation(.wNew, w - η * v)])
        case (.momentum, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.v, β * v + g), Equation(.wNew, w - η * v)],
                notes: [
                    "PyTorch sets v ← g at t = 1; since v starts at 0, β·v + g gives the same.",
                    "No (1 − β) factor: torch.optim.SGD(lr=η·(1−β), momentum=β) reproduces the lecture's run.",
                ])
        case (.momentum, .keras):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.v, β * v - η * g), Equation(.wNew, w + v)],
                notes: [
                    "Keras keeps a velocity that already holds −η: v ← β·v − η·g, then w ← w + v.",
                    "While η is constant this is PyTorch's run: Keras's v is −η times PyTorch's.",
                ])
        case (.momentum, .optax):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.v, g + β * v), Equation(.wNew, w - η * v)],
                notes: ["Optax's trace: v ← g + β·v, no (1 − β) factor (the same as PyTorch)."])

        case (.adagrad, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.s, s + E.pow(g, 2)), Equation(.wNew, w - η / E.sqrt(s + ε) * g)],
                initialState: [.s: .initialAccumulator])
        case (.adagrad, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.s, s + E.pow(g, 2)), Equation(.wNew, w - η * g / (E.sqrt(s) + ε))],
                notes: ["ε is added outside the square root."],
                initialState: [.s: .initialAccumulator])
        case (.adagrad, .keras):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.s, s + E.pow(g, 2)), Equation(.wNew, w - η * g / E.sqrt(s + ε))],
                notes: ["ε inside the square root, as in the lecture; the accumulator s starts at s₀ (Keras: 0.1)."],
                initialState: [.s: .initialAccumulator])
        case (.adagrad, .optax):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.s, E.pow(g, 2) + s), Equation(.wNew, w - η * (1 / E.sqrt(s + ε) * g))],
                notes: [
                    "ε inside the square root, as in the lecture; the accumulator s starts at s₀ (Optax: 0.1).",
                    "Optax gives a parameter whose s is 0 no update at all, where the formula would divide 0 by 0 (ε = 0).",
                ],
                initialState: [.s: .initialAccumulator])

        case (.rmsprop, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [
                    Equation(.ss, ρ * ss + (1 - ρ) * E.pow(g, 2)),
                    Equation(.wNew, w - η / E.sqrt(ss + ε) * g),
                ])
        case (.rmsprop, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [
                    Equation(.ss, ρ * ss + (1 - ρ) * E.pow(g, 2)),
                    Equation(.wNew, w - η * g / (E.sqrt(ss) + ε)),
                ],
                notes: ["ε is added outside the square root; PyTorch calls ρ alpha (its default 0.99)."])
        case (.rmsprop, .keras):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [
                    Equation(.ss, ρ * ss + (1 - ρ) * E.pow(g, 2)),
                    Equation(.wNew, w - η * g / E.sqrt(ss + ε)),
                ],
                notes: ["The lecture's formula; Keras's defaults differ (η 0.001, ε 1e-07)."])
        case (.rmsprop, .optax):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [
                    Equation(.ss, (1 - ρ) * E.pow(g, 2) + ρ * ss),
                    Equation(.wNew, w - η * (g * (1 / E.sqrt(ss + ε)))),
                ],
                notes: ["The lecture's formula; Optax calls ρ decay."])

        case (.adam, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w - η / E.sqrt(vHat + ε) * mHat)])
        case (.adam, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w - η * mHat / (E.sqrt(vHat) + ε))],
                notes: ["ε is added outside the square root (Algorithm 1 of the Adam paper)."])
        case (.adam, .keras):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: kerasMoments + [Equation(.wNew, w - m * kerasRate / (E.sqrt(v) + ε))],
                notes: kerasAdamNotes)
        case (.adam, .optax):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: optaxMoments + [Equation(.wNew, w - η * (mHat / (E.sqrt(vHat) + ε)))],
                notes: ["ε is added outside the square root, as in PyTorch; optax.adam(η, eps=0, eps_root=ε) is the lecture's."])

        case (.adamw, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w - η / E.sqrt(vHat + ε) * mHat - η * λ * w)])
        case (.adamw, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w * (1 - η * λ) - η * mHat / (E.sqrt(vHat) + ε))],
                notes: ["PyTorch multiplies w by (1 − η·λ) before the Adam step; ε is outside the square root."])
        case (.adamw, .keras):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: kerasMoments + [Equation(.wNew, w - w * λ * η - m * kerasRate / (E.sqrt(v) + ε))],
                notes: kerasAdamNotes + ["Keras first decays w by w·λ·η, then takes the Adam step."])
        case (.adamw, .optax):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: optaxMoments + [Equation(.wNew, w - η * (mHat / (E.sqrt(vHat) + ε) + λ * w))],
                notes: ["Optax adds λ·w to the Adam direction, then scales by η; ε is outside the square root."])
        }
    }
}

extension UpdateRule {
    /// The values the optimizer keeps per parameter from one update to the next: state that an
    /// equation reads from the previous step (`m`, `v` for Adam; `m̂`, `v̂` are recomputed).
    public var keptState: [Symbol] {
        stateSymbols.filter { symbol in
            equations.indices.contains { k in
                equations[k].expression.symbols.contains(symbol) && valueTime(of: symbol, inEquation: k) == .carriedIn
            }
        }
    }

    /// Where the update of `w` adds ε to a square root; `nil` where it adds none (gd, momentum).
    public var epsilonPlacement: EpsilonPlacement? {
        equations.first { $0.target == .wNew }?.expression.epsilonPlacement
    }

    /// The step size a parameter's gradient is multiplied by, for the optimizers whose update
    /// divides g itself by a root of its accumulated squares: `η/√(S + ε)` or `η/(√S + ε)`, as
    /// the update places ε (AdaGrad's `s`, RMSProp's `ss`); `nil` where the update moves `w`
    /// along anything but g (Adam's m̂) or has no root.
    /// Evaluated on a step's values after the update, it is the rate that update used.
    public var effectiveRate: Expression? {
        guard let update = equations.first(where: { $0.target == .wNew })?.expression,
            update.symbols.contains(.g), let placement = update.epsilonPlacement
        else { return nil }
        return .symbol(.eta) / placement.root
    }
}
