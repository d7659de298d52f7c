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
    /// Whether each column of `kinds` is read from the step's `carriedIn` (g_data) rather than its `values`.
    private var readsCarriedIn: [Bool] = []
    /// Reused per step: `t,epoch,` and `,eta,loss`, which every row of the step shares.
    private var stepColumns: [UInt8] = []
    private var rest: [UInt8] = []
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
        readsCarriedIn = Array(repeating: false, count: symbols.count)
        if writesDataGradient, let g = symbols.firstIndex(of: .g) {
            kinds.insert(.g, at: g + 1)
            readsCarriedIn.insert(true, at: g + 1)
        }
        let count = nameRanges.count
        previousBits = Array(repeating: Double.nan.bitPattern, count: count)
        previousLength = Array(repeating: 0, count: count)
        previousText = Array(repeating: 0, count: count * Self.numberRoom)
        var columns = ["t", "epoch", "parameter", "eta", "loss"] + symbols.map(\.rawValue)
        if writesDataGradient { columns.insert("g_data", at: 7) }
        try output.write(columns.joined(separator: ",") + "\n")
    }

    public mutating func record(_ step: StepRecord) throws {
        // The columns every row of the step shares: `t,epoch,` before the name, `,eta,loss` after.
        stepColumns.removeAll(keepingCapacity: true)
        NumberFormat.appendInteger(step.t, to: &stepColumns)
        stepColumns.append(UInt8(ascii: ","))
        NumberFormat.appendInteger(step.epoch, to: &stepColumns)
        stepColumns.append(UInt8(ascii: ","))
        rest.removeAll(keepingCapacity: true)
        rest.append(UInt8(ascii: ","))
        NumberFormat.appendFull(step.eta, to: &rest)
        rest.append(UInt8(ascii: ","))
        NumberFormat.appendFull(step.loss, to: &rest)

        // Room for the longest text each cell can take.
        let count = nameRanges.count
        let room = Self.numberRoom
        let rowLimit = stepColumns.count + rest.count + 1 + (room + 1) * kinds.count
        let limit = names.count + rowLimit * count
        // Each column's values are read in place from the step's buffers (`values`, and
        // `carriedIn` for g_data); a column the step lacks is written as `nan`.
        let values = step.values, carriedIn = step.carriedIn
        // Worked on as locals, so that the closures below borrow them without the run-time
        // exclusivity checks that a closure's access to `self`'s properties costs per cell.
        var previousText = self.previousText, previousBits = self.previousBits, previousLength = self.previousLength
        self.previousText = []
        self.previousBits = []
        self.previousLength = []
        defer {
            self.previousText = previousText
            self.previousBits = previousBits
            self.previousLength = previousLength
        }
        let stepColumns = self.stepColumns, rest = self.rest, names = self.names
        let kinds = self.kinds, readsCarriedIn = self.readsCarriedIn, nameRanges = self.nameRanges
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
            values.withUnsafeColumns { valueColumns in
            carriedIn.withUnsafeColumns { carriedInColumns in
            kinds.withUnsafeBufferPointer { kinds in
            readsCarriedIn.withUnsafeBufferPointer { readsCarriedIn in
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
                        let kind = kinds[c]
                        let fromCarriedIn = readsCarriedIn[c]
                        let x: Double
                        if fromCarriedIn ? carriedIn.has(kind) : values.has(kind) {
                            x = (fromCarriedIn ? carriedInColumns : valueColumns)[kind.ordinal * count + index]
                        } else {
                            x = .nan
                        }
                        let cached = cache + index * room
                        if kind == .w, previousLength[index] > 0, x.bitPattern == previousBits[index] {
                            end.update(from: cached, count: previousLength[index])
                            end += previousLength[index]
                        } else if x.isFinite {
                            let length = ShortestDigits.write(x, to: end)
                            if kind == .wNew {
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
            }
            }
            return end - base
        }
    }

    public mutating func finish(_ outcome: RunOutcome) throws {
        try output.flush()
    }
}
