import TraceEngine

/// Writes a run as CSV, one row per step and parameter, streamed:
/// `t,epoch,parameter,eta,loss,w,g,<state…>,w_new`, numbers in full (`nan`, `inf` as words).
public struct CSVTraceWriter: TraceSink {
    let output: TraceOutput
    private var symbols: [Symbol] = []
    /// Each parameter's name in quotes (`"W1[1,2]"`), as bytes.
    private var quotedNames: [[UInt8]] = []
    /// With L2, a `g_data` column after `g`: the chain rule's batch mean, before λ₂·w.
    private var writesDataGradient = false

    public init(output: TraceOutput) {
        self.output = output
    }

    /// CSV has a row per parameter, none per sample.
    public var readsSamples: Bool { false }

    public mutating func begin(_ run: RunDescription) throws {
        symbols = run.rule.recordedSymbols
        quotedNames = run.parameterNames.map { Array("\"\($0)\"".utf8) }
        writesDataGradient = run.experiment.l2 != nil
        var columns = ["t", "epoch", "parameter", "eta", "loss"] + symbols.map(\.rawValue)
        if writesDataGradient { columns.insert("g_data", at: 7) }
        try output.write(columns.joined(separator: ",") + "\n")
    }

    public mutating func record(_ step: StepRecord) throws {
        // Each column's values once per step, not one lookup per cell.
        var columns = symbols.map { step.values[$0] ?? [] }
        if writesDataGradient, let g = symbols.firstIndex(of: .g) { columns.insert(step.carriedIn[.g] ?? [], at: g + 1) }
        let stepColumns = Array("\(step.t),\(step.epoch),".utf8)
        var rest: [UInt8] = [UInt8(ascii: ",")]
        NumberFormat.appendFull(step.eta, to: &rest)
        rest.append(UInt8(ascii: ","))
        NumberFormat.appendFull(step.loss, to: &rest)

        // The step's rows are written straight into one buffer sized for the longest text
        // each cell can take, numbers by ShortestDigits, then handed over in one piece.
        let cell = max(ShortestDigits.maximumLength, 4) + 1
        let rowLimit = stepColumns.count + rest.count + 1 + cell * columns.count
        let limit = quotedNames.reduce(0) { $0 + $1.count + rowLimit }
        let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            var end = base
            func copy(_ bytes: [UInt8]) {
                bytes.withUnsafeBufferPointer { source in
                    guard let from = source.baseAddress else { return }
                    end.update(from: from, count: source.count)
                    end += source.count
                }
            }
            for (index, name) in quotedNames.enumerated() {
                copy(stepColumns)
                copy(name)
                copy(rest)
                for column in columns {
                    end.pointee = UInt8(ascii: ",")
                    end += 1
                    let x = index < column.count ? column[index] : .nan
                    if x.isFinite {
                        end += ShortestDigits.write(x, to: end)
                    } else {
                        copy(Array(NumberFormat.full(x).utf8))
                    }
                }
                end.pointee = UInt8(ascii: "\n")
                end += 1
            }
            count = end - base
        }
        try output.write(bytes: bytes)
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try output.flush()
    }
}
