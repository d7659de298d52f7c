/// Turns the bytes of a student's answers file into entries, notes, or one problem with the whole file.
///
/// Answers files are untrusted: the reader never traps and never throws, its work is linear in the
/// file's size, and every problem becomes a one-line sentence that starts with its location and says
/// what to do. The format is found from the content: after an optional UTF-8 byte order mark and
/// whitespace, `{` or `[` starts JSON (`AnswerJSONParser`); anything else is read as CSV (`AnswerCSVParser`).
public enum AnswerSheetReader {
    /// The largest file read, in bytes (1 MiB). The caller reads at most one byte more, and a file
    /// with more bytes than this is refused without being looked at.
    public static let maximumSize = 1 << 20
    /// The most answers a file may hold; a file with more is refused (an answers file has a few hundred).
    public static let maximumEntries = 100_000
    /// The most notes listed; further ones are counted in one last note.
    static let maximumNotes = 100
    /// Messages show at most this many characters (Unicode scalars) of a student's text.
    static let quotedTextLimit = 20

    /// Reads an answers file. `file` is the name that starts every message, e.g. `answers.json`.
    public static func read(_ bytes: [UInt8], file: String) -> AnswerSheet {
        guard bytes.count <= maximumSize else {
            return .unusable(
                "\(file): the file is larger than 1 MiB, but an answers file is a few kilobytes; "
                    + "check that you submitted your answers file")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .unusable(
                "\(file): the file is UTF-16 text, not UTF-8; save it as UTF-8 (CSV UTF-8 in Excel)")
        }
        if let offset = firstInvalidUTF8Offset(in: bytes) {
            let byte = bytes[offset]
            return .unusable(
                "\(file):\(position(ofByte: offset, in: bytes)): the file is not UTF-8 text "
                    + "(the byte \(hex(byte)) here cannot be read as UTF-8); save it as UTF-8 (CSV UTF-8 in Excel)")
        }
        if let offset = bytes.firstIndex(of: 0) {
            return .unusable(
                "\(file):\(position(ofByte: offset, in: bytes)): the file holds a zero byte, so it is not text; "
                    + "save your answers as UTF-8 text (CSV UTF-8 in Excel)")
        }
        let text = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(byteOrderMark.count)) : bytes
        guard let first = text.first(where: { !isWhitespace($0) }) else {
            return .unusable("\(file): the file is empty; write your answers in it, \(exampleForEmptyFile(file))")
        }
        // A file named .json is JSON whatever it starts with, so its mistakes read as JSON's.
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || file.lowercased().hasSuffix(".json") {
            return AnswerJSONParser.read(text, file: file)
        }
        return AnswerCSVParser.read(text, file: file)
    }

    /// The UTF-8 byte order mark that some editors and Excel put at the start of a file.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Space, tab, line feed or carriage return: the whitespace that may surround a JSON value or fill a blank line.
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func exampleForEmptyFile(_ file: String) -> String {
        let name = file.lowercased()
        if name.hasSuffix(".json") { return "as \(AnswerJSONParser.exampleShape)" }
        if name.hasSuffix(".csv") { return "one per row: t,parameter,quantity,value" }
        return "as JSON \(AnswerJSONParser.exampleShape) or as CSV rows t,parameter,quantity,value"
    }

    /// The offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
    /// surrogates and values above U+10FFFF are not), or `nil` if every byte is.
    static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return min(offset, bytes.count - 1)
            }
        }
    }

    /// `line:column` of a byte, counted as the JSON parser counts them: lines end at LF, CRLF or a lone CR,
    /// and columns count Unicode scalars (UTF-8 continuation bytes do not start a column).
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> String {
        var line = 1
        var column = 1
        var index = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        while index < offset, index < bytes.count {
            let byte = bytes[index]
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            if byte == 0x0A || (byte == 0x0D && next != 0x0A) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return "\(line):\(column)"
    }

    /// `0xE9`.
    private static func hex(_ byte: UInt8) -> String {
        (byte < 0x10 ? "0x0" : "0x") + String(byte, radix: 16, uppercase: true)
    }

    /// A student's text for a message: in double quotes, at most `quotedTextLimit` Unicode scalars
    /// (then `…`), with quotes, backslashes, line breaks and other invisible characters escaped,
    /// so that the message stays on one line and shows what was written.
    static func quoted(_ text: String) -> String {
        "\"" + shortened(text) + "\""
    }

    /// Like `quoted(_:)`, without the quotes: for a number as it was written, e.g. `1e999`.
    static func shortened(_ text: String) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == quotedTextLimit {
                result += "…"
                break
            }
            count += 1
            result += escaped(scalar)
        }
        return result
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
            return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        default:
            return String(scalar)
        }
    }

    /// The text without leading and trailing whitespace (any Unicode white space, e.g. a no-break space).
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// The text with every white space character removed, as parameter names are compared: `W1[1, 2]` → `W1[1,2]`.
    static func withoutWhitespace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !scalar.properties.isWhitespace {
            result.append(scalar)
        }
        return String(result)
    }

    /// A step number: a finite whole number from 1 to 2⁵³ (beyond, doubles are no longer whole numbers one by one).
    static func stepNumber(_ value: Double) -> Int? {
        guard value.isFinite, value >= 1, value <= 9_007_199_254_740_992, value == value.rounded(.towardZero) else {
            return nil
        }
        return Int(value)
    }

    /// Whether a student's text is a word for a value that is not finite: `nan`, `inf`, `-Infinity`, ….
    static func namesNonFiniteValue(_ text: String) -> Bool {
        var word = trimmed(text).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") || word.hasPrefix("\u{2212}") { word.removeFirst() }
        return ["nan", "inf", "infinity", "∞"].contains(word)
    }

    /// A number as a person or a spreadsheet writes it: an optional sign (`+`, `-` or the minus sign `−`),
    /// digits with at most one decimal point (or decimal comma, if allowed), at least one digit, and an optional
    /// exponent (`e-8`, `E+03`). `nil` for anything else; infinite if it is too large for a double.
    static func decimalNumber(_ text: String, allowsDecimalComma: Bool) -> Double? {
        var ascii: [UInt8] = []
        var scalars = text.unicodeScalars.makeIterator()
        var next = scalars.next()
        func appendSign() {
            switch next {
            case "+": next = scalars.next()
            case "-", "\u{2212}":
                ascii.append(UInt8(ascii: "-"))
                next = scalars.next()
            default: break
            }
        }
        func appendDigits() -> Int {
            var count = 0
            while let scalar = next, ("0"..."9").contains(scalar) {
                ascii.append(UInt8(truncatingIfNeeded: scalar.value))
                count += 1
                next = scalars.next()
            }
            return count
        }
        appendSign()
        var digits = appendDigits()
        if next == "." || (allowsDecimalComma && next == ",") {
            ascii.append(UInt8(ascii: "."))
            next = scalars.next()
            digits += appendDigits()
        }
        guard digits > 0 else { return nil }
        if next == "e" || next == "E" {
            ascii.append(UInt8(ascii: "e"))
            next = scalars.next()
            appendSign()
            guard appendDigits() > 0 else { return nil }
        }
        guard next == nil else { return nil }
        return DecimalNumber.rounded(String(decoding: ascii, as: UTF8.self))
    }
}
