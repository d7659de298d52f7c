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

    public init(optimizer: Optimizer, convention: Convention, equations: [Equation], notes: [String] = []) {
        self.optimizer = optimizer
        self.convention = convention
        self.equations = equations
        self.notes = notes
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

        case (.adagrad, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.s, s + E.pow(g, 2)), Equation(.wNew, w - η / E.sqrt(s + ε) * g)])
        case (.adagrad, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: [Equation(.s, s + E.pow(g, 2)), Equation(.wNew, w - η * g / (E.sqrt(s) + ε))],
                notes: ["ε is added outside the square root."])

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

        case (.adam, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w - η / E.sqrt(vHat + ε) * mHat)])
        case (.adam, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w - η * mHat / (E.sqrt(vHat) + ε))],
                notes: ["ε is added outside the square root (Algorithm 1 of the Adam paper)."])

        case (.adamw, .lecture):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w - η / E.sqrt(vHat + ε) * mHat - η * λ * w)])
        case (.adamw, .pytorch):
            return UpdateRule(
                optimizer: optimizer, convention: convention,
                equations: adamMoments + [Equation(.wNew, w * (1 - η * λ) - η * mHat / (E.sqrt(vHat) + ε))],
                notes: ["PyTorch multiplies w by (1 − η·λ) before the Adam step; ε is outside the square root."])
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

    /// The step size a parameter's gradient is multiplied by, for the optimizers that adapt it
    /// per parameter: AdaGrad `η/√(s + ε)`, RMSProp `η/√(ss + ε)` (PyTorch: `η/(√s + ε)`).
    /// Evaluated on a step's values after the update, it is the rate that update used.
    public var effectiveRate: Expression? {
        let accumulator: Symbol
        switch optimizer {
        case .adagrad: accumulator = .s
        case .rmsprop: accumulator = .ss
        default: return nil
        }
        let η = Expression.symbol(.eta), S = Expression.symbol(accumulator), ε = Expression.symbol(.epsilon)
        switch convention {
        case .lecture: return η / .sqrt(S + ε)
        case .pytorch: return η / (.sqrt(S) + ε)
        }
    }
}
