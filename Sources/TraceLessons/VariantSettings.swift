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
    /// Where each hyperparameter's entry is, for messages about it.
    public var hyperparameterLocations: [Symbol: SourceLocation] = [:]
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
