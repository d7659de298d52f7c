import TraceEngine

/// The lesson's `variants:` section: how homework variants may differ from the lesson.
///
/// Each entry says where one kind of number is drawn from; a kind the section leaves out
/// takes ``Default``'s choice. Values are drawn on a grid or from a list, so that they stay
/// hand-friendly (few decimals).
public struct VariantSettings: Sendable, Equatable {
    /// Where one kind of number comes from.
    public enum Source: Sendable, Equatable {
        /// The lesson's own value, unchanged (`keep`).
        case keep
        /// One of these values (`[0.01, 0.05, 0.1]`).
        case choices([Double])
        /// `min`, `min + step`, …, up to `max` (`{min: -0.5, max: 0.5, step: 0.1}`).
        case grid(min: Double, max: Double, step: Double)
        /// The lesson's own value times one of these factors (the default for η: ½, 1, 2).
        case scaled([Double])
    }

    /// The kinds of number a variant can change; the lesson's keys.
    public enum Kind: String, CaseIterable, Sendable {
        case weights, biases, inputs, targets, start
    }

    public var sources: [Kind: Source] = [:]
    /// Per hyperparameter (`eta`, `beta1`, … and `l2`).
    public var hyperparameters: [Symbol: Source] = [:]
    /// Where the section starts, for messages about it; `nil` when the lesson has none.
    public var location: SourceLocation?

    public init() {}

    /// Where `kind` comes from: the lesson's entry, else the default.
    public func source(of kind: Kind) -> Source {
        sources[kind] ?? Self.defaultSource(of: kind)
    }

    /// Where hyperparameter `symbol` comes from: the lesson's entry, else the default.
    public func source(of symbol: Symbol) -> Source {
        hyperparameters[symbol] ?? (symbol == .eta ? .scaled([0.5, 1, 2]) : .keep)
    }

    /// Weights and biases on a grid of tenths in [−0.5, 0.5]; inputs in tenths in [0, 1];
    /// a two-weight objective's start in halves in [−2, 2]; targets as the lesson has them.
    public static func defaultSource(of kind: Kind) -> Source {
        switch kind {
        case .weights, .biases: return .grid(min: -0.5, max: 0.5, step: 0.1)
        case .inputs: return .grid(min: 0, max: 1, step: 0.1)
        case .start: return .grid(min: -2, max: 2, step: 0.5)
        case .targets: return .keep
        }
    }
}

/// The lesson's `grading:` section: how close an answer must be.
public struct GradingSettings: Sendable, Equatable {
    /// An answer `a` is right when `|a − e| ≤ atol + rtol·|e|` for the expected value `e`.
    public struct Tolerance: Sendable, Equatable {
        public var rtol: Double
        public var atol: Double

        public init(rtol: Double, atol: Double) {
            self.rtol = rtol
            self.atol = atol
        }

        /// Hand arithmetic to four significant digits: a value rounded to four digits is off
        /// by at most 5·10⁻⁴ of itself, so one part in a thousand leaves room for the last digit;
        /// the absolute part only matters for values within 10⁻¹² of zero.
        public static let handArithmetic = Tolerance(rtol: 1e-3, atol: 1e-12)

        /// Whether `answer` is close enough to `expected`.
        public func accepts(_ answer: Double, expected: Double) -> Bool {
            answer.isFinite && expected.isFinite && abs(answer - expected) <= atol + rtol * abs(expected)
        }
    }

    /// For every quantity not in ``quantities``.
    public var tolerance = Tolerance.handArithmetic
    /// Per quantity (`g`, `m_hat`, …).
    public var quantities: [Symbol: Tolerance] = [:]

    public init() {}

    /// The gradient goes through the whole forward and backward pass, and a batch mean of
    /// terms of opposite sign loses digits to cancellation, so `g` is allowed 5 parts in a
    /// thousand unless the lesson says otherwise.
    public static let defaultQuantityTolerances: [Symbol: Tolerance] = [.g: Tolerance(rtol: 5e-3, atol: 1e-12)]

    /// The tolerance for `quantity`: the lesson's for it, else the built-in one for it, else the lesson's overall one.
    public func tolerance(for quantity: Symbol) -> Tolerance {
        quantities[quantity] ?? Self.defaultQuantityTolerances[quantity].map { builtIn in
            tolerance == .handArithmetic ? builtIn : tolerance
        } ?? tolerance
    }
}
