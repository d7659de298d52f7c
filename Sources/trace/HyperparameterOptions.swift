import ArgumentParser
import TraceEngine
import TraceLessons

/// The hyperparameter flags, by the lecture's symbols: the optimizer commands and `trace diff`
/// take them for their run, `trace compare` for every run that has the hyperparameter.
struct HyperparameterOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Learning rate η.", transform: DecimalNumber.argument) var eta: Double?
    @Option(parsing: .unconditional, help: "Momentum coefficient β.", transform: DecimalNumber.argument) var beta: Double?
    @Option(parsing: .unconditional, help: "RMSProp decay rate ρ.", transform: DecimalNumber.argument) var rho: Double?
    @Option(parsing: .unconditional, help: "Adam's first-moment decay β₁.", transform: DecimalNumber.argument) var beta1: Double?
    @Option(parsing: .unconditional, help: "Adam's second-moment decay β₂.", transform: DecimalNumber.argument) var beta2: Double?
    @Option(parsing: .unconditional, help: "ε, the small constant that keeps the division finite.", transform: DecimalNumber.argument) var epsilon: Double?
    @Option(parsing: .unconditional, help: "AdamW's weight decay λ.", transform: DecimalNumber.argument) var lambda: Double?

    /// The flags given, by symbol.
    var given: [Symbol: Double] {
        var values: [Symbol: Double] = [:]
        let flags: [(Symbol, Double?)] = [
            (.eta, eta), (.beta, beta), (.rho, rho), (.beta1, beta1), (.beta2, beta2), (.epsilon, epsilon), (.lambda, lambda),
        ]
        for case let (symbol, value?) in flags { values[symbol] = value }
        return values
    }
}
