import TraceEngine

extension Symbol {
    /// The command-line flag that sets it: `--beta1`, `--initial-accumulator`, `--eta-min`.
    package var flag: String { "--" + String(rawValue.map { $0 == "_" ? "-" : $0 }) }
}
