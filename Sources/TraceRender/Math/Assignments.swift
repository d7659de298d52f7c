import TraceEngine

extension MathNode {
    /// `η = 0.001, β₁ = 0.9, …`: symbols with their values, for headers and formula sections.
    static func assignments(_ pairs: [(symbol: Symbol, value: Double)], number: (Double) -> String) -> MathNode {
        var nodes: [MathNode] = []
        for (symbol, value) in pairs {
            if !nodes.isEmpty { nodes.append(.op(",")) }
            nodes += [.symbol(symbol), .op("="), .number(number(value))]
        }
        return .row(nodes)
    }
}
