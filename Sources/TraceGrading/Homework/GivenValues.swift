import TraceEngine

/// What a homework's worksheet prints instead of asking for it (`--given`): the values a
/// hand computation of the asked parameters would otherwise need from every other parameter.
///
/// g(t) at t ≥ 2 is the gradient at the weights after update t − 1, so it needs every
/// parameter of the network updated at each earlier step (for Adam on a 2-2-1 network, nine
/// parameters at about 20 operations each an update, and a forward and backward pass at the
/// new weights). With g printed, a three-step Adam sheet is about 60 operations.
public enum GivenValues: String, Sendable, CaseIterable {
    /// g of every asked parameter at every update; g is not asked.
    case g
    /// Every parameter's weight at the start of each update t ≥ 2, as the key's run has them.
    case weights

    /// The values given, in the key's `asked` shape: for ``g``, `g` of each of `parameters` at
    /// `t = 1 … steps`; for ``weights``, `w` of every parameter of `layout` at `t = 2 … steps`.
    public func values(steps: Int, parameters: [String], layout: ParameterLayout) -> [AskedValue] {
        switch self {
        case .g:
            return (1...max(1, steps)).flatMap { t in parameters.map { AskedValue(t: t, parameter: $0, quantity: .g) } }
        case .weights:
            guard steps >= 2 else { return [] }
            return (2...steps).flatMap { t in layout.names.map { AskedValue(t: t, parameter: $0, quantity: .w) } }
        }
    }
}
