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
        // Each column's values once per step, not one dictionary lookup per cell.
        var columns = symbols.map { step.values[$0] ?? [] }
        if writesDataGradient, let g = symbols.firstIndex(of: .g) { columns.insert(step.carriedIn[.g] ?? [], at: g + 1) }
        var text = ""
        text.reserveCapacity(names.count * (prefix.utf8.count + suffix.utf8.count + 24 * (columns.count + 1)))
        for (index, name) in names.enumerated() {
            text += prefix
            text += "\"\(name)\""
            text += suffix
            for column in columns {
                text += ","
                text += NumberFormat.full(index < column.count ? column[index] : .nan)
            }
            text += "\n"
        }
        try output.write(text)
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try output.flush()
    }
}
