/// A named quantity in an update rule: a per-parameter value, a hyperparameter, or the step `t`.
///
/// The raw value is the name used in lesson files, flags and the JSON trace (`m_hat`, `beta1`);
/// ``unicode`` is the lecture's symbol (`m̂`, `β₁`).
public enum Symbol: String, CaseIterable, Sendable, Hashable, Comparable {
    // Per-parameter values.
    case w, g, v, s, ss, m
    case mHat = "m_hat"
    case vHat = "v_hat"
    /// AMSGrad's running maximum of `v` (PyTorch's and Keras's) or of `v̂` (the lecture's and
    /// Optax's form): `v_max ← max(v_max, v̂)`.
    case vMax = "v_max"
    case wNew = "w_new"
    // Hyperparameters, under the lecture's names.
    case eta, beta, rho, beta1, beta2, epsilon, lambda
    /// The L2 coefficient of coupled weight decay (`g ← g + λ₂·w`).
    case l2
    /// AdaGrad's accumulator before the first update, `s₀` (0 in the lecture and PyTorch,
    /// 0.1 in Keras and Optax).
    case initialAccumulator = "initial_accumulator"
    // Learning-rate schedule parameters.
    case gamma, every
    case etaMin = "eta_min"
    case period
    /// The learning rate an update uses, `η_t`, from the schedule.
    case etaT = "eta_t"
    // A two-weight objective's coordinates and constants.
    case w1, w2
    case coefficientA = "a"
    case coefficientB = "b"
    // The update counter, from 1.
    case t

    public enum Kind: Sendable {
        /// One value per parameter (w, g, the optimizer's state, w_new).
        case perParameter
        /// One value per run (or per step, for η under a schedule).
        case hyperparameter
        /// The update counter.
        case step
    }

    public var kind: Kind {
        switch self {
        case .w, .g, .v, .s, .ss, .m, .mHat, .vHat, .vMax, .wNew: return .perParameter
        case .eta, .beta, .rho, .beta1, .beta2, .epsilon, .lambda, .l2, .initialAccumulator, .gamma, .every, .etaMin, .period,
            .w1, .w2, .coefficientA, .coefficientB:
            return .hyperparameter
        case .t, .etaT: return .step
        }
    }

    /// A hyperparameter's valid values, or `nil` when any finite value is valid.
    public var validRange: HyperparameterRange? {
        switch self {
        case .eta, .epsilon, .lambda, .l2, .initialAccumulator, .gamma, .etaMin: return .nonNegative
        case .beta, .rho, .beta1, .beta2: return .unitInterval
        case .every, .period: return .positiveWhole
        case .w1, .w2, .coefficientA, .coefficientB:
            // An objective's starting point and constants: any finite value.
            return nil
        case .w, .g, .v, .s, .ss, .m, .mHat, .vHat, .vMax, .wNew, .etaT, .t:
            // Computed, never set: no range to check.
            return nil
        }
    }

    /// The symbol's position in declaration order (`allCases[ordinal] == self`): its slot in
    /// a ``SymbolMap``. A Swift enum without payloads is stored as its case number, in
    /// declaration order; a test checks this for every case.
    @inlinable
    public var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    public static func < (lhs: Symbol, rhs: Symbol) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Hashes the case number, not the name (`RawRepresentable`'s default hashes the string).
    public func hash(into hasher: inout Hasher) { hasher.combine(ordinal) }
}

/// The values a hyperparameter may take.
public enum HyperparameterRange: Sendable {
    /// `x ≥ 0` (η, ε, λ).
    case nonNegative
    /// `0 ≤ x < 1` (β, ρ, β₁, β₂).
    case unitInterval
    /// A whole number `≥ 1` (K, T).
    case positiveWhole

    /// Why `value` is not allowed, or `nil` if it is.
    public func problem(with value: Double) -> String? {
        guard value.isFinite else { return "must be a finite number" }
        switch self {
        case .nonNegative:
            return value < 0 ? "must be 0 or more" : nil
        case .unitInterval:
            return (value < 0 || value >= 1) ? "must be at least 0 and less than 1" : nil
        case .positiveWhole:
            return (value < 1 || value != value.rounded() || value > 1e9) ? "must be a whole number from 1 to 10⁹" : nil
        }
    }
}
