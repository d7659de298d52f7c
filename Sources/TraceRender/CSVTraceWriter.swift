import TraceEngine

/// Writes a run as CSV, one row per step and parameter, streamed:
/// `t,epoch,parameter,eta,loss,w,g,<state…>,w_new`, numbers in full (`nan`, `inf` as words).
///
/// Rows go straight into the output's buffer, numbers by ``ShortestDigits``. A parameter's
/// `w` is the `w_new` of the step before, the same double: its text is copied, not made again.
public struct CSVTraceWriter: TraceSink {
    let output: TraceOutput
    private var symbols: [Symbol] = []
    /// What each column after `loss` holds: `symbols`, with `g` again for `g_data` under L2.
    private var kinds: [Symbol] = []
    /// Every parameter's name in quotes (`"W1[1,2]"`), one after another, and where each is.
    private var names: [UInt8] = []
    private var nameRanges: [Range<Int>] = []
    /// With L2, a `g_data` column after `g`: the chain rule's batch mean, before λ₂·w.
    private var writesDataGradient = false
    /// The last step's `w_new` per parameter: its bits and its text (at `24·index`).
    private var previousBits: [UInt64] = []
    private var previousText: [UInt8] = []
    private var previousLength: [Int] = []

    /// The room one number's text takes (``ShortestDigits`` may write that far).
    private static let numberRoom = ShortestDigits.maximumLength

    public init(output: TraceOutput) {
        self.output = output
    }

    /// CSV has a row per parameter, none per sample.
    public var readsSamples: Bool { false }

    public mutating func begin(_ run: RunDescription) throws {
        symbols = run.rule.recordedSymbols
        for name in run.parameterNames {
            let start = names.count
            names.append(contentsOf: "\"\(name)\"".utf8)
            nameRanges.append(start..<names.count)
        }
        writesDataGradient = run.experiment.l2 != nil
        kinds = symbols
        if writesDataGradient, let g = symbols.firstIndex(of: .g) { kinds.insert(.g, at: g + 1) }
        let count = nameRanges.count
        previousBits = Array(repeating: Double.nan.bitPattern, count: count)
        previousLength = Array(repeating: 0, count: count)
        previousText = Array(repeating: 0, count: count * Self.numberRoom)
        var columns = ["t", "epoch", "parameter", "eta", "loss"] + symbols.map(\.rawValue)
        if writesDataGradient { columns.insert("g_data", at: 7) }
        try output.write(columns.joined(separator: ",") + "\n")
    }

    public mutating func record(_ step: StepRecord) throws {
        // The step's values column by column in one flat array (column c of parameter i at
        // c·count + i), so the rows below read plain doubles, with no array to retain per cell.
        let count = nameRanges.count
        var cells = [Double](repeating: .nan, count: kinds.count * count)
        var column = 0
        for symbol in symbols {
            for (i, x) in (step.values[symbol] ?? []).prefix(count).enumerated() { cells[column * count + i] = x }
            column += 1
            if symbol == .g, writesDataGradient {
                for (i, x) in (step.carriedIn[.g] ?? []).prefix(count).enumerated() { cells[column * count + i] = x }
                column += 1
            }
        }
        let stepColumns = Array("\(step.t),\(step.epoch),".utf8)
        var rest: [UInt8] = [UInt8(ascii: ",")]
        NumberFormat.appendFull(step.eta, to: &rest)
        rest.append(UInt8(ascii: ","))
        NumberFormat.appendFull(step.loss, to: &rest)

        // Room for the longest text each cell can take.
        let room = Self.numberRoom
        let rowLimit = stepColumns.count + rest.count + 1 + (room + 1) * kinds.count
        let limit = names.count + rowLimit * count
        try output.write(reserving: limit) { base in
            var end = base
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let from = bytes.baseAddress else { return }
                end.update(from: from, count: bytes.count)
                end += bytes.count
            }
            // Every buffer the rows read, as pointers: nothing is retained per cell.
            stepColumns.withUnsafeBufferPointer { stepColumns in
            rest.withUnsafeBufferPointer { rest in
            names.withUnsafeBufferPointer { names in
            cells.withUnsafeBufferPointer { cells in
            self.kinds.withUnsafeBufferPointer { kinds in
            previousText.withUnsafeMutableBufferPointer { previousText in
            previousBits.withUnsafeMutableBufferPointer { previousBits in
            previousLength.withUnsafeMutableBufferPointer { previousLength in
                guard let cache = previousText.baseAddress else { return }
                for (index, range) in nameRanges.enumerated() {
                    copy(stepColumns)
                    copy(UnsafeBufferPointer(rebasing: names[range]))
                    copy(rest)
                    for c in 0..<kinds.count {
                        end.pointee = UInt8(ascii: ",")
                        end += 1
                        let x = cells[c * count + index]
                        let cached = cache + index * room
                        if kinds[c] == .w, previousLength[index] > 0, x.bitPattern == previousBits[index] {
                            end.update(from: cached, count: previousLength[index])
                            end += previousLength[index]
                        } else if x.isFinite {
                            let length = ShortestDigits.write(x, to: end)
                            if kinds[c] == .wNew {
                                cached.update(from: end, count: length)
                                previousBits[index] = x.bitPattern
                                previousLength[index] = length
                            }
                            end += length
                        } else {
                            Array(NumberFormat.full(x).utf8).withUnsafeBufferPointer { copy($0) }
                        }
                    }
                    end.pointee = UInt8(ascii: "\n")
                    end += 1
                }
            }
            }
            }
            }
            }
            }
            }
            }
            return end - base
        }
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try output.flush()
    }
}
