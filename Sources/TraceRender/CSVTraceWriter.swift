import TraceEngine

/// Writes a run as CSV, one row per step and parameter, streamed:
/// `t,epoch,parameter,eta,loss,w,g,<state…>,w_new`, numbers in full (`nan`, `inf` as words).
public struct CSVTraceWriter: TraceSink {
    let output: TraceOutput
    private var symbols: [Symbol] = []
    private var names: [String] = []
    /// With L2, a `g_data` column after `g`: the chain rule's batch mean, before λ₂·w.
    private var writesDataGradient = false

    public init(output: TraceOutput) {
        self.output = output
    }

    public mutating func begin(_ run: RunDescription) throws {
        symbols = run.rule.recordedSymbols
        names = run.parameterNames
        writesDataGradient = run.experiment.l2 != nil
        var columns = ["t", "epoch", "parameter", "eta", "loss"] + symbols.map(\.rawValue)
        if writesDataGradient { columns.insert("g_data", at: 7) }
        try output.write(columns.joined(separator: ",") + "\n")
    }

    public mutating func record(_ step: StepRecord) throws {
        let prefix = "\(step.t),\(step.epoch),"
        let suffix = "," + NumberFormat.full(step.eta) + "," + NumberFormat.full(step.loss)
        for (index, name) in names.enumerated() {
            var line = prefix + "\"\(name)\"" + suffix
            for symbol in symbols {
                line += "," + NumberFormat.full(step.values[symbol]?[index] ?? .nan)
                if symbol == .g && writesDataGradient { line += "," + NumberFormat.full(step.carriedIn[.g]?[index] ?? .nan) }
            }
            try output.write(line + "\n")
        }
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try output.flush()
    }
}
