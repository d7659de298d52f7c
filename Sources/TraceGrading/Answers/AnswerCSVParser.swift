/// Reads an answers file written as CSV, as a spreadsheet exports it (RFC 4180): one answer per row,
/// `t,parameter,quantity,value`.
///
/// - Cells may be quoted, with `""` for a quote inside (`"W1[1,2]"`, whose comma would otherwise
///   split it); a quoted cell may span lines. Spaces before an opening quote are skipped, and text
///   after a closing quote is kept, as spreadsheets do.
/// - Rows end at CRLF, LF or a lone CR (Excel's "CSV (Macintosh)"); the last may end without one.
///   Blank rows and trailing empty cells are ignored.
/// - The delimiter is found on the first non-blank line: `;` or a tab if one appears there outside
///   quotes (then `0,01` is read as a decimal comma), otherwise `,`.
/// - A first row that names any of the columns `t`, `parameter`, `quantity`, `value` (any case,
///   any order) is a header, and the columns follow it; it must name all four. Without one, the
///   columns are `t,parameter,quantity,value`.
/// - Messages start with `FILE:LINE: `, the line where the row (or the quoted cell) starts.
///
/// The input must be valid UTF-8 without a byte order mark: `AnswerSheetReader` checks and strips it.
struct AnswerCSVParser {
    /// One cell as written, without its quotes.
    struct Cell {
        var text: String
        var isQuoted: Bool
    }

    /// One row and the line where it starts.
    struct Row {
        var line: Int
        var cells: [Cell]
    }

    /// Why the file cannot be read as CSV: the line and one sentence.
    struct Failure: Error {
        var line: Int
        var message: String
    }

    /// Which cell holds what, and how many columns a row may have.
    struct Columns {
        var t = 0
        var parameter = 1
        var quantity = 2
        var value = 3
        var count = 4
        var hasHeader = false
    }

    static let columnNames = ["t", "parameter", "quantity", "value"]

    private let bytes: [UInt8]
    /// `,`, `;` or a tab.
    let delimiter: UInt8
    private var index = 0
    private var line = 1

    private init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// Reads an answers file's text (UTF-8, without a byte order mark). `file` starts every message.
    static func read(_ bytes: [UInt8], file: String) -> AnswerSheet {
        var parser = AnswerCSVParser(bytes: bytes, delimiter: detectDelimiter(in: bytes))
        var builder = AnswerSheet.Builder(file: file)
        var columns: Columns?
        var firstRowLine: Int?
        do throws(Failure) {
            while let row = try parser.nextRow() {
                var cells = row.cells
                while let last = cells.last, AnswerSheetReader.trimmed(last.text).isEmpty { cells.removeLast() }
                if cells.isEmpty { continue }
                if columns == nil {
                    firstRowLine = row.line
                    switch header(cells, line: row.line, file: file, into: &builder) {
                    case .header(let named):
                        columns = named
                        continue
                    case .missing(let problem):
                        return .unusable(problem)
                    case .none:
                        columns = Columns()
                    }
                }
                let layout = columns ?? Columns()
                let hint = !layout.hasHeader && row.line == firstRowLine
                if let tooMany = parser.readRow(Row(line: row.line, cells: cells), columns: layout, isFirstRow: hint, into: &builder) {
                    return tooMany
                }
            }
        } catch {
            return .unusable("\(file):\(error.line): \(error.message)")
        }
        return builder.sheet
    }

    /// Every row of a CSV text (blank ones too), cells untrimmed, with the delimiter found as for answers;
    /// a UTF-8 byte order mark at the start is skipped. For other CSV files, such as a roster.
    static func rows(_ bytes: [UInt8]) throws(Failure) -> [Row] {
        let text = bytes.starts(with: AnswerSheetReader.byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
        var parser = AnswerCSVParser(bytes: text, delimiter: detectDelimiter(in: text))
        var rows: [Row] = []
        while let row = try parser.nextRow() { rows.append(row) }
        return rows
    }

    // MARK: - Rows and cells

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte, counting lines (LF, CRLF or a lone CR ends one).
    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == Self.lineFeed || (byte == Self.carriageReturn && current != Self.lineFeed) { line += 1 }
    }

    /// The next row, or `nil` at the end of the file.
    mutating func nextRow() throws(Failure) -> Row? {
        guard index < bytes.count else { return nil }
        let rowLine = line
        var cells: [Cell] = []
        while true {
            cells.append(try nextCell())
            if current == delimiter {
                advance()
                continue
            }
            if current == Self.carriageReturn { advance() }
            if current == Self.lineFeed { advance() }
            return Row(line: rowLine, cells: cells)
        }
    }

    private mutating func nextCell() throws(Failure) -> Cell {
        var text: [UInt8] = []
        var quoteIndex = index
        while quoteIndex < bytes.count, bytes[quoteIndex] == Self.space || (bytes[quoteIndex] == Self.tab && delimiter != Self.tab) {
            quoteIndex += 1
        }
        let isQuoted = quoteIndex < bytes.count && bytes[quoteIndex] == Self.quote
        if isQuoted {
            while index < quoteIndex { advance() }
            let quoteLine = line
            advance()
            while true {
                guard let byte = current else {
                    throw Failure(
                        line: quoteLine,
                        message: "the quoted cell that starts on this line has no closing quote (\"); "
                            + "add it, or remove the opening one")
                }
                advance()
                if byte == Self.quote {
                    guard current == Self.quote else { break }
                    text.append(Self.quote)
                    advance()
                } else {
                    text.append(byte)
                }
            }
        }
        while let byte = current, byte != delimiter, byte != Self.lineFeed, byte != Self.carriageReturn {
            text.append(byte)
            advance()
        }
        return Cell(text: String(decoding: text, as: UTF8.self), isQuoted: isQuoted)
    }

    /// `;` or a tab if the first non-blank line has one outside quotes (whichever it has more of), otherwise `,`.
    static func detectDelimiter(in bytes: [UInt8]) -> UInt8 {
        var index = 0
        // Skip blank lines: only spaces, tabs and line ends.
        var lineStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == lineFeed || byte == carriageReturn {
                index += 1
                lineStart = index
            } else if byte == space || byte == tab {
                index += 1
            } else {
                break
            }
        }
        var semicolons = 0
        var tabs = 0
        var isInQuotes = false
        index = lineStart
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == quote {
                isInQuotes.toggle()
            } else if !isInQuotes {
                if byte == lineFeed || byte == carriageReturn { break }
                if byte == semicolon { semicolons += 1 }
                if byte == tab { tabs += 1 }
            }
        }
        if semicolons == 0 && tabs == 0 { return comma }
        return semicolons >= tabs ? semicolon : tab
    }

    // MARK: - Header

    enum Header {
        case header(Columns)
        /// The problem with a header that lacks a column.
        case missing(String)
        /// The first row is not a header.
        case none
    }

    /// Whether the first row is a header, and which column is which.
    private static func header(
        _ cells: [Cell], line: Int, file: String, into builder: inout AnswerSheet.Builder
    ) -> Header {
        let names = cells.map { AnswerSheetReader.trimmed($0.text).lowercased() }
        guard names.contains(where: { columnNames.contains($0) }) else { return .none }
        var positions: [String: Int] = [:]
        for (column, name) in names.enumerated() where columnNames.contains(name) {
            if positions[name] == nil {
                positions[name] = column
            } else {
                builder.note(
                    "\(file):\(line): the header names the column \"\(name)\" twice; the first one is used, rename or remove the other")
            }
        }
        let missing = columnNames.filter { positions[$0] == nil }
        guard let t = positions["t"], let parameter = positions["parameter"], let quantity = positions["quantity"],
            let value = positions["value"]
        else {
            let list = missing.map { "\"\($0)\"" }.joined(separator: " and ")
            return .missing(
                "\(file):\(line): the header row has no column\(missing.count == 1 ? "" : "s") \(list); "
                    + "write one answer per row under the columns t, parameter, quantity, value (in any order)")
        }
        return .header(Columns(t: t, parameter: parameter, quantity: quantity, value: value, count: cells.count, hasHeader: true))
    }

    // MARK: - Answers

    /// Adds a row's entry, or a note saying why it was skipped; returns a sheet only when the file holds too many entries.
    private func readRow(
        _ row: Row, columns: Columns, isFirstRow: Bool, into builder: inout AnswerSheet.Builder
    ) -> AnswerSheet? {
        let place = "\(builder.file):\(row.line)"
        var cells = row.cells
        if cells.count > columns.count, delimiter == Self.comma,
            let joined = Self.joiningUnquotedName(cells, at: columns.parameter, extra: cells.count - columns.count)
        {
            cells = joined
        }
        func cell(_ column: Int) -> String {
            column < cells.count ? AnswerSheetReader.trimmed(cells[column].text) : ""
        }
        guard cells.count <= columns.count else {
            let advice =
                delimiter == Self.comma
                ? "put a name that contains a comma in quotes, e.g. \"W1[1,2]\", and write numbers with a decimal point, e.g. 0.01"
                : "remove the extra cells"
            builder.note(
                "\(place): a row with \(cells.count) cells was skipped, but the file has \(columns.count) columns; \(advice)")
            return nil
        }
        guard cells.count > max(columns.t, columns.parameter, columns.quantity) else {
            builder.note(
                "\(place): a row with only \(cells.count) cell\(cells.count == 1 ? "" : "s") was skipped; each row needs "
                    + "t, parameter, quantity and value, separated by \(delimiterName)")
            return nil
        }
        let tText = cell(columns.t)
        guard !tText.isEmpty else {
            builder.note("\(place): a row without t was skipped; write the step number, e.g. 1")
            return nil
        }
        guard let number = AnswerSheetReader.decimalNumber(tText, allowsDecimalComma: delimiter != Self.comma),
            let t = AnswerSheetReader.stepNumber(number)
        else {
            let headerHint =
                isFirstRow ? "; if this row is a header, name its columns t, parameter, quantity and value" : ""
            builder.note(
                "\(place): a row whose t is \(AnswerSheetReader.quoted(tText)) was skipped; "
                    + "t must be a whole number from 1, e.g. 1\(headerHint)")
            return nil
        }
        let parameter = AnswerSheetReader.withoutWhitespace(cell(columns.parameter))
        guard !parameter.isEmpty else {
            let example = delimiter == Self.comma ? "\"W1[1,2]\" (in quotes, for the comma)" : "W1[1,2]"
            builder.note("\(place): a row without a parameter name was skipped; write it, e.g. \(example)")
            return nil
        }
        let quantity = cell(columns.quantity)
        guard !quantity.isEmpty else {
            builder.note("\(place): a row without a quantity was skipped; write its name, e.g. m_hat")
            return nil
        }
        let entry = AnswerEntry(
            t: t, parameter: parameter, quantity: quantity, value: answerValue(cell(columns.value)), location: place)
        guard builder.add(entry) else { return builder.tooManyEntries(at: place) }
        return nil
    }

    /// `cells` with an unquoted parameter name that the commas split (`W2[1`, `1]`) joined
    /// back into one cell, when that is the only reading: the `extra + 1` unquoted cells from
    /// `column` on, joined with commas, are one name whose one `[` comes before its one `]`,
    /// which ends it, and no other cell holds a bracket. `nil` otherwise.
    static func joiningUnquotedName(_ cells: [Cell], at column: Int, extra: Int) -> [Cell]? {
        let span = column...(column + extra)
        guard span.upperBound < cells.count, cells[span].allSatisfy({ !$0.isQuoted }) else { return nil }
        let name = AnswerSheetReader.trimmed(cells[span].map(\.text).joined(separator: ","))
        let isBracket: (Character) -> Bool = { $0 == "[" || $0 == "]" }
        guard name.filter(isBracket) == "[]", name.last == "]",
            cells.indices.allSatisfy({ span.contains($0) || !cells[$0].text.contains(where: isBracket) })
        else { return nil }
        return Array(cells[..<column]) + [Cell(text: name, isQuoted: false)] + Array(cells[(span.upperBound + 1)...])
    }

    /// A value cell (trimmed): empty for not answered, a finite number, or why it cannot be graded.
    func answerValue(_ text: String) -> AnswerValue {
        guard !text.isEmpty else { return .blank }
        let allowsDecimalComma = delimiter != Self.comma
        if let number = AnswerSheetReader.decimalNumber(text, allowsDecimalComma: allowsDecimalComma) {
            guard number.isFinite else {
                return .unusable(
                    "is too large to be a number (\(AnswerSheetReader.shortened(text))); "
                        + "a value must be smaller than 1.8e308 in size: check the exponent")
            }
            return .number(number)
        }
        let shown = AnswerSheetReader.quoted(text)
        if AnswerSheetReader.namesNonFiniteValue(text) {
            return .unusable("is \(shown), which is not a number; write the finite value you computed")
        }
        if !allowsDecimalComma, AnswerSheetReader.decimalNumber(text, allowsDecimalComma: true) != nil {
            let withPoint = String(text.map { $0 == "," ? "." : $0 })
            return .unusable(
                "is \(shown), with a decimal comma; in a file separated by commas write a decimal point, "
                    + "as in \(AnswerSheetReader.shortened(withPoint))")
        }
        return .unusable("is \(shown), which is not a number; write it as a decimal number such as 0.01 or 4.8e-08")
    }

    private var delimiterName: String {
        switch delimiter {
        case Self.semicolon: "\";\""
        case Self.tab: "tabs"
        default: "\",\""
        }
    }

    private static let comma = UInt8(ascii: ",")
    private static let semicolon = UInt8(ascii: ";")
    private static let tab = UInt8(ascii: "\t")
    private static let space = UInt8(ascii: " ")
    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
}
