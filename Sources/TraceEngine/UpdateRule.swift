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
    /// The rule for `optimizer` in `convention`, as its definition (`Optimizers/`) writes it.
    public static func rule(for optimizer: Optimizer, convention: Convention) -> UpdateRule {
        let rule = optimizer.definition.rule(convention)
        return UpdateRule(
            optimizer: optimizer, convention: convention, equations: rule.equations, notes: rule.notes,
            initialState: rule.initialState)
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
}
