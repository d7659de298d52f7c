/// Everything read from one answers file: the values, or why the whole file cannot be used,
/// and the parts that were skipped.
public struct AnswerSheet: Sendable, Equatable {
    /// The values in file order; at most one per step, parameter and quantity (the first one written).
    public var entries: [AnswerEntry]
    /// Set when the whole file is unusable: one sentence with the location and what to do;
    /// `entries` and `notes` are then empty.
    public var fileProblem: String?
    /// Parts that were skipped, each one sentence with its location, e.g.
    /// `answers.json:4:3: a step without "t" was skipped; give each step its number, "t": 1`.
    public var notes: [String]

    public init(entries: [AnswerEntry] = [], fileProblem: String? = nil, notes: [String] = []) {
        self.entries = entries
        self.fileProblem = fileProblem
        self.notes = notes
    }

    /// A sheet for a file that cannot be used at all.
    static func unusable(_ problem: String) -> AnswerSheet {
        AnswerSheet(fileProblem: problem)
    }
}

extension AnswerSheet {
    /// Collects entries and notes while a parser reads a file, within the reader's limits:
    /// at most `AnswerSheetReader.maximumEntries` entries, one per step, parameter and quantity,
    /// and at most `AnswerSheetReader.maximumNotes` notes (then one note counting the rest).
    struct Builder {
        /// The file's name as it starts every message.
        let file: String
        private var entries: [AnswerEntry] = []
        private var notes: [String] = []
        private var notesLeftOut = 0
        /// Where each step, parameter and quantity was first answered.
        private var firstLocations: [AnsweredQuantity: String] = [:]

        init(file: String) {
            self.file = file
        }

        /// Adds an entry, or a note if the same step, parameter and quantity was answered before.
        /// Returns `false`, adding nothing, when the file already holds the most entries the reader accepts.
        mutating func add(_ entry: AnswerEntry) -> Bool {
            let key = AnsweredQuantity(t: entry.t, parameter: entry.parameter, quantity: entry.quantity)
            if let first = firstLocations[key] {
                note(
                    "\(entry.location): a second answer for \(AnswerSheetReader.quoted(entry.quantity)) of "
                        + "\(AnswerSheetReader.quoted(entry.parameter)) at t = \(entry.t) was skipped "
                        + "(the first is at \(first)); keep one answer for each")
                return true
            }
            guard entries.count < AnswerSheetReader.maximumEntries else { return false }
            firstLocations[key] = entry.location
            entries.append(entry)
            return true
        }

        /// Adds a note: one sentence that starts with a location (only written if it is going to be listed).
        mutating func note(_ sentence: @autoclosure () -> String) {
            if notes.count < AnswerSheetReader.maximumNotes {
                notes.append(sentence())
            } else {
                notesLeftOut += 1
            }
        }

        /// The sheet for a file that holds more entries than the reader accepts; `location` is where the first one too many is.
        func tooManyEntries(at location: String) -> AnswerSheet {
            .unusable(
                "\(location): the file holds more than \(AnswerSheetReader.maximumEntries) answers; "
                    + "an answers file has one value for each step, parameter and quantity asked: "
                    + "check that you submitted your answers file")
        }

        /// The sheet read so far.
        var sheet: AnswerSheet {
            var allNotes = notes
            if notesLeftOut > 0 {
                allNotes.append(
                    "\(file): \(notesLeftOut) more skipped part\(notesLeftOut == 1 ? " was" : "s were") not listed; "
                        + "fix the ones above and check the file again")
            }
            return AnswerSheet(entries: entries, notes: allNotes)
        }
    }

    /// What one entry answers: a step, a parameter and a quantity.
    private struct AnsweredQuantity: Hashable {
        var t: Int
        var parameter: String
        var quantity: String
    }
}
