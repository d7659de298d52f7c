/// Reads an answers file written as JSON: a strict parser, written by hand so that it knows where
/// every value is and how deeply it is nested, and the reading of the answers' shape
/// `{"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01,"m_hat":0.1}}}]}`.
///
/// - The syntax is exactly RFC 8259, plus the values `NaN`, `Infinity` and `-Infinity` that Python's
///   `json.dump` writes (as values only), so that they can be reported as not numbers.
/// - Positions: lines are counted from 1 and end at LF, CRLF or a lone CR; columns are counted
///   from 1 in **Unicode scalars** (`é`, `−` or a tab is one column; UTF-8 continuation bytes are not counted).
/// - Nesting is limited to `maximumDepth` levels (the outermost object or list is level 1). The parser
///   recurses once per level, so never more than `maximumDepth` frames; its work is linear in the input.
/// - Numbers are checked against the JSON grammar, then converted with `Double(String)` (correctly rounded);
///   one too large for a double becomes infinite and is reported as unusable.
///
/// The input must be valid UTF-8 without a byte order mark: `AnswerSheetReader` checks and strips it.
struct AnswerJSONParser {
    /// The deepest nesting read; a deeper file is refused.
    static let maximumDepth = 64
    /// The shape of an answers file, shown when a file does not have it.
    static let exampleShape = #"{"steps":[{"t":1,"parameters":{"W2[1,1]":{"m":0.01,"m_hat":0.1}}}]}"#

    /// Why the text is not JSON the parser accepts: where, and one sentence saying what is wrong and what to do.
    struct Failure: Error {
        var position: JSONValue.Position
        var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Reads an answers file's text (UTF-8, without a byte order mark). `file` starts every message.
    static func read(_ bytes: [UInt8], file: String) -> AnswerSheet {
        switch parse(bytes) {
        case .success(let root): answers(in: root, file: file)
        case .failure(let failure): .unusable("\(file):\(failure.position): \(failure.message)")
        }
    }

    /// Parses text (UTF-8, without a byte order mark) that holds one JSON value.
    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, Failure> {
        var parser = AnswerJSONParser(bytes: bytes)
        do throws(Failure) {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

// MARK: - Syntax

extension AnswerJSONParser {
    private var position: JSONValue.Position { JSONValue.Position(line: line, column: column) }
    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past one byte, counting lines and columns.
    private mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == 0x0A || (byte == 0x0D && current != 0x0A) {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = current, AnswerSheetReader.isWhitespace(byte) { advance() }
    }

    private mutating func parseDocument() throws(Failure) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if let byte = current {
            let advice =
                switch byte {
                case UInt8(ascii: "}"), UInt8(ascii: "]"): "there is one closing bracket too many; remove it"
                case UInt8(ascii: ","), UInt8(ascii: "{"), UInt8(ascii: "["):
                    "a file holds one JSON value; put all steps in one list, \"steps\": [ … ]"
                default: "remove what follows it"
                }
            throw notJSON(expected: "the end of the file after the value that starts at \(value.position)", advice: advice)
        }
        return value
    }

    /// Parses the value that starts here; `depth` is the number of objects and lists around it.
    private mutating func parseValue(depth: Int) throws(Failure) -> JSONValue {
        let start = position
        guard let byte = current else { throw notJSON(expected: "a value", advice: Self.endAdvice) }
        switch byte {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return JSONValue(kind: .string(try parseString()), position: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return JSONValue(kind: .bool(true), position: start)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return JSONValue(kind: .bool(false), position: start)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return JSONValue(kind: .null, position: start)
        case UInt8(ascii: "N"):
            try expectLiteral("NaN")
            return JSONValue(kind: .nonFinite("NaN"), position: start)
        case UInt8(ascii: "I"):
            try expectLiteral("Infinity")
            return JSONValue(kind: .nonFinite("Infinity"), position: start)
        default:
            throw notJSON(expected: "a value", advice: valueAdvice)
        }
    }

    /// Moves past `word` if it is written here as a whole word; otherwise fails, showing what is written.
    private mutating func expectLiteral(_ word: String) throws(Failure) {
        let expected = Array(word.utf8)
        let end = index + expected.count
        let isWholeWord = end <= bytes.count && bytes[index..<end].elementsEqual(expected)
            && !(end < bytes.count && Self.isWordByte(bytes[end]))
        guard isWholeWord else { throw notJSON(expected: "a value", advice: valueAdvice) }
        for _ in expected { advance() }
    }

    private mutating func checkDepth(_ depth: Int) throws(Failure) {
        guard depth <= Self.maximumDepth else {
            throw Failure(
                position: position,
                message: "the JSON is nested deeper than \(Self.maximumDepth) levels; "
                    + "an answers file needs four, as in \(Self.exampleShape)")
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> JSONValue {
        try checkDepth(depth)
        let start = position
        advance()
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advance()
            return JSONValue(kind: .array(elements), position: start)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                advance()
                skipWhitespace()
                if current == UInt8(ascii: "]") {
                    throw notJSON(expected: "a value after \",\"", advice: "remove the comma before \"]\"")
                }
            case UInt8(ascii: "]"):
                advance()
                return JSONValue(kind: .array(elements), position: start)
            default:
                throw notJSON(
                    expected: "\",\" or \"]\" in the list that starts at \(start)", advice: separatorAdvice(closing: "]"))
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> JSONValue {
        try checkDepth(depth)
        let start = position
        advance()
        var members: [JSONValue.Member] = []
        var duplicateKeys: [JSONValue.DuplicateKey] = []
        var firstPositions: [String: JSONValue.Position] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advance()
            return JSONValue(kind: .object(JSONValue.Object(members: [], duplicateKeys: [])), position: start)
        }
        while true {
            guard current == UInt8(ascii: "\"") else {
                throw notJSON(expected: "a key in double quotes", advice: keyAdvice)
            }
            let keyPosition = position
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw notJSON(
                    expected: "\":\" after the key \(AnswerSheetReader.quoted(key))",
                    advice: current == nil ? Self.endAdvice : "write a colon between a key and its value, as in \"t\": 1")
            }
            advance()
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if let firstPosition = firstPositions[key] {
                duplicateKeys.append(JSONValue.DuplicateKey(key: key, position: keyPosition, firstPosition: firstPosition))
            } else {
                firstPositions[key] = keyPosition
                members.append(JSONValue.Member(key: key, keyPosition: keyPosition, value: value))
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                advance()
                skipWhitespace()
                if current == UInt8(ascii: "}") {
                    throw notJSON(expected: "a key in double quotes after \",\"", advice: "remove the comma before \"}\"")
                }
            case UInt8(ascii: "}"):
                advance()
                let object = JSONValue.Object(members: members, duplicateKeys: duplicateKeys)
                return JSONValue(kind: .object(object), position: start)
            default:
                throw notJSON(
                    expected: "\",\" or \"}\" in the object that starts at \(start)", advice: separatorAdvice(closing: "}"))
            }
        }
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = position
        advance()
        var text: [UInt8] = []
        while true {
            guard let byte = current else {
                throw Failure(
                    position: start,
                    message: "this is not valid JSON (expected a closing quote for the text that starts here, "
                        + "found the end of the file); add the closing quote \"")
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &text)
            case 0x0A, 0x0D:
                throw notJSON(
                    expected: "the closing quote of the text that starts at \(start)",
                    advice: "text cannot go over a line break: close the quote, or write the line break as \\n")
            case 0x00..<0x20:
                throw notJSON(
                    expected: "the closing quote of the text that starts at \(start)",
                    advice: "write a tab in text as \\t and other control characters as \\u escapes, e.g. \\u0001")
            default:
                text.append(byte)
                advance()
            }
        }
    }

    /// Reads the escape that starts at the backslash here, appending the character it stands for as UTF-8.
    private mutating func parseEscape(into text: inout [UInt8]) throws(Failure) {
        let escapeStart = position
        advance()
        guard let byte = current else { throw notJSON(expected: "an escape after the backslash", advice: Self.endAdvice) }
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): byte
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "t"): 0x09
            default: nil
            }
        if let simple {
            text.append(simple)
            advance()
            return
        }
        guard byte == UInt8(ascii: "u") else {
            throw notJSON(
                expected: "an escape such as \\n, \\\" or \\u00e9 after the backslash",
                advice: "write a backslash itself as \\\\")
        }
        advance()
        let unit = try parseFourHexDigits()
        var scalarValue = unit
        switch unit {
        case 0xD800...0xDBFF:
            let isFollowedByEscape = current == UInt8(ascii: "\\") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "u")
            guard isFollowedByEscape else { throw Self.loneSurrogate(unit, at: escapeStart) }
            advance()
            advance()
            let low = try parseFourHexDigits()
            guard (0xDC00...0xDFFF).contains(low) else { throw Self.loneSurrogate(unit, at: escapeStart) }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw Self.loneSurrogate(unit, at: escapeStart)
        default:
            break
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw Self.loneSurrogate(unit, at: escapeStart) }
        Unicode.UTF8.encode(scalar) { text.append($0) }
    }

    private mutating func parseFourHexDigits() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexDigitValue(byte) else {
                throw notJSON(
                    expected: "four hexadecimal digits after \\u",
                    advice: "write a \\u escape with four digits 0–9 or a–f, e.g. \\u00e9")
            }
            value = value << 4 | digit
            advance()
        }
        return value
    }

    private static func loneSurrogate(_ unit: UInt32, at position: JSONValue.Position) -> Failure {
        let escape = "\\u" + String(String(unit, radix: 16).suffix(4))
        let explanation =
            (0xD800...0xDBFF).contains(unit)
            ? "\(escape) is the first half of a UTF-16 surrogate pair, so an escape from \\udc00 to \\udfff must follow it"
            : "\(escape) is the second half of a UTF-16 surrogate pair, so an escape from \\ud800 to \\udbff must come before it"
        return Failure(
            position: position,
            message: "this is not valid JSON (\(explanation)); write the character itself, or both halves of the pair")
    }

    private mutating func parseNumber() throws(Failure) -> JSONValue {
        let start = position
        let startIndex = index
        if current == UInt8(ascii: "-") {
            advance()
            if current == UInt8(ascii: "I") {
                try expectLiteral("Infinity")
                return JSONValue(kind: .nonFinite("-Infinity"), position: start)
            }
        }
        guard let first = current, Self.isDigit(first) else {
            throw notJSON(expected: "a digit after \"-\"", advice: "write a negative number as -0.5 or -5e-3")
        }
        advance()
        if first == UInt8(ascii: "0"), let next = current, Self.isDigit(next) {
            throw notJSON(
                expected: "\".\", \"e\" or the end of the number after a leading 0",
                advice: "write numbers without leading zeros, e.g. 7 or 0.7")
        }
        skipDigits()
        if current == UInt8(ascii: ".") {
            advance()
            guard let digit = current, Self.isDigit(digit) else {
                throw notJSON(expected: "a digit after the decimal point", advice: "write at least one digit after it, e.g. 1.0")
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advance()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advance() }
            guard let digit = current, Self.isDigit(digit) else {
                throw notJSON(expected: "a digit in the exponent", advice: "write the exponent as digits, e.g. 4.8e-08")
            }
            skipDigits()
        }
        let text = String(decoding: bytes[startIndex..<index], as: UTF8.self)
        guard let value = DecimalNumber.rounded(text) else {
            throw Failure(
                position: start,
                message: "this is not valid JSON (expected a number, found \(AnswerSheetReader.quoted(text))); "
                    + "write it as e.g. 0.01 or 4.8e-08")
        }
        return JSONValue(kind: .number(value, text: text), position: start)
    }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { advance() }
    }

    // MARK: Syntax messages

    /// A failure here: `this is not valid JSON (expected …, found …); advice`.
    private func notJSON(expected: String, advice: String) -> Failure {
        Failure(position: position, message: "this is not valid JSON (expected \(expected), found \(found)); \(advice)")
    }

    private static let endAdvice =
        "the file ends too early: check that it was saved completely and that every { and [ is closed"
    private static let genericAdvice =
        "correct the file here, or let your program write it with a JSON library (in Python, json.dump)"

    /// What is written here, for a message: `the end of the file`, `a line break`, a word such as `"True"`, or one character.
    private var found: String {
        guard let byte = current else { return "the end of the file" }
        switch byte {
        case 0x0A, 0x0D: return "a line break"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        default: break
        }
        if Self.isWordByte(byte) { return AnswerSheetReader.quoted(word) }
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        let end = min(index + length, bytes.count)
        return AnswerSheetReader.quoted(String(decoding: bytes[index..<end], as: UTF8.self))
    }

    /// The letters, digits and underscores written here (one more than a message shows, so that it can mark the cut).
    private var word: String {
        var end = index
        while end < bytes.count, end - index <= AnswerSheetReader.quotedTextLimit, Self.isWordByte(bytes[end]) { end += 1 }
        return String(decoding: bytes[index..<end], as: UTF8.self)
    }

    /// What to do where a value was expected.
    private var valueAdvice: String {
        guard let byte = current else { return Self.endAdvice }
        switch byte {
        case UInt8(ascii: "'"): return "write text in double quotes (\"), not single quotes"
        case UInt8(ascii: "/"), UInt8(ascii: "#"): return "JSON has no comments; remove them"
        case UInt8(ascii: "."): return "write a 0 before the decimal point, e.g. 0.5"
        case UInt8(ascii: "+"): return "write a positive number without \"+\""
        case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
            return "write a value here, e.g. null to leave an answer out"
        default: break
        }
        guard Self.isWordByte(byte) else { return Self.genericAdvice }
        switch word.lowercased() {
        case "true", "false", "null", "none":
            return "write true, false and null in lower case (null for Python's None)"
        case "nan", "inf", "infinity":
            return "a value that is not finite cannot be graded; write the finite number you computed"
        default:
            return "write numbers as digits (e.g. 0.01 or 4.8e-08), text in double quotes, and true, false or null in lower case"
        }
    }

    /// What to do where a key was expected.
    private var keyAdvice: String {
        guard let byte = current else { return Self.endAdvice }
        switch byte {
        case UInt8(ascii: "'"): return "write keys in double quotes (\"), not single quotes"
        case UInt8(ascii: "/"), UInt8(ascii: "#"): return "JSON has no comments; remove them"
        default: return Self.isWordByte(byte) ? "put each key in double quotes, e.g. \"t\"" : Self.genericAdvice
        }
    }

    /// What to do where a comma or the closing bracket was expected.
    private func separatorAdvice(closing: String) -> String {
        guard let byte = current else { return Self.endAdvice }
        switch byte {
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            return "close the brackets in the reverse order of opening them: here \"\(closing)\" comes first"
        case UInt8(ascii: ":"):
            return "a list holds values only; write \"key\": value pairs in an object { … }"
        case UInt8(ascii: "/"), UInt8(ascii: "#"):
            return "JSON has no comments; remove them"
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "-"):
            return "put a comma between two \(closing == "}" ? "members" : "values")"
        default:
            return Self.isWordByte(byte) ? "put a comma between two \(closing == "}" ? "members" : "values")" : Self.genericAdvice
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: "_")
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

// MARK: - The answers' shape

extension AnswerJSONParser {
    /// The entries of a parsed answers file: `{"steps":[{"t":…,"parameters":{name:{quantity:value}}}]}`;
    /// other keys anywhere are ignored, and steps, parameters and quantities that do not fit are skipped with a note.
    static func answers(in root: JSONValue, file: String) -> AnswerSheet {
        guard case .object(let top) = root.kind else {
            return .unusable(
                "\(file):\(root.position): the file holds \(root.summary), but an answers file is an object "
                    + "with a list of steps; write it as \(exampleShape)")
        }
        var builder = AnswerSheet.Builder(file: file)
        noteDuplicateKeys(in: top, into: &builder)
        guard let steps = top.member("steps") else {
            return .unusable(
                "\(file):\(root.position): the file's object has no \"steps\" list; write it as \(exampleShape)")
        }
        guard case .array(let stepList) = steps.value.kind else {
            return .unusable(
                "\(file):\(steps.value.position): \"steps\" is \(steps.value.summary), not a list of steps; "
                    + "write it as \(exampleShape)")
        }
        for step in stepList {
            if let tooMany = readStep(step, into: &builder) { return tooMany }
        }
        return builder.sheet
    }

    /// Adds a step's entries; returns a sheet only when the file holds too many entries.
    private static func readStep(_ step: JSONValue, into builder: inout AnswerSheet.Builder) -> AnswerSheet? {
        let file = builder.file
        guard case .object(let stepObject) = step.kind else {
            builder.note(
                "\(file):\(step.position): a step that is \(step.summary), not an object, was skipped; "
                    + "write each step as {\"t\": 1, \"parameters\": {…}}")
            return nil
        }
        noteDuplicateKeys(in: stepObject, into: &builder)
        guard let tMember = stepObject.member("t") else {
            builder.note("\(file):\(step.position): a step without \"t\" was skipped; give each step its number, \"t\": 1")
            return nil
        }
        guard let t = stepNumber(tMember.value) else {
            let advice =
                if case .string = tMember.value.kind { "write the number without quotes, \"t\": 1" } else {
                    "\"t\" must be a whole number from 1, e.g. \"t\": 1"
                }
            builder.note("\(file):\(tMember.value.position): a step whose \"t\" is \(tMember.value.summary) was skipped; \(advice)")
            return nil
        }
        guard let parameters = stepObject.member("parameters") else {
            builder.note(
                "\(file):\(step.position): the step with t = \(t) has no \"parameters\" and was skipped; "
                    + "write them as \"parameters\": {\"W2[1,1]\": {\"m\": 0.01}}")
            return nil
        }
        guard case .object(let parameterObject) = parameters.value.kind else {
            builder.note(
                "\(file):\(parameters.value.position): the \"parameters\" of the step with t = \(t) are "
                    + "\(parameters.value.summary), not an object, and were skipped; "
                    + "write them as \"parameters\": {\"W2[1,1]\": {\"m\": 0.01}}")
            return nil
        }
        noteDuplicateKeys(in: parameterObject, into: &builder)
        for parameter in parameterObject.members {
            if let tooMany = readParameter(parameter, t: t, into: &builder) { return tooMany }
        }
        return nil
    }

    /// Adds one parameter's entries; returns a sheet only when the file holds too many entries.
    private static func readParameter(
        _ parameter: JSONValue.Member, t: Int, into builder: inout AnswerSheet.Builder
    ) -> AnswerSheet? {
        let file = builder.file
        let name = AnswerSheetReader.withoutWhitespace(parameter.key)
        guard !name.isEmpty else {
            builder.note(
                "\(file):\(parameter.keyPosition): a parameter without a name at t = \(t) was skipped; "
                    + "write its name, e.g. \"W2[1,1]\"")
            return nil
        }
        guard case .object(let quantities) = parameter.value.kind else {
            builder.note(
                "\(file):\(parameter.value.position): the parameter \(AnswerSheetReader.quoted(name)) at t = \(t) is "
                    + "\(parameter.value.summary), not an object of quantities, and was skipped; "
                    + "write it as \(AnswerSheetReader.quoted(name)): {\"m\": 0.01}")
            return nil
        }
        noteDuplicateKeys(in: quantities, into: &builder)
        for quantity in quantities.members {
            let quantityName = AnswerSheetReader.trimmed(quantity.key)
            guard !quantityName.isEmpty else {
                builder.note(
                    "\(file):\(quantity.keyPosition): a quantity without a name for \(AnswerSheetReader.quoted(name)) "
                        + "at t = \(t) was skipped; write its name, e.g. \"m_hat\"")
                continue
            }
            let location = "\(file):\(quantity.value.position)"
            let entry = AnswerEntry(
                t: t, parameter: name, quantity: quantityName, value: answerValue(quantity.value), location: location)
            guard builder.add(entry) else { return builder.tooManyEntries(at: location) }
        }
        return nil
    }

    /// `t` as a step number: a whole number from 1 (`1.0` is fine).
    private static func stepNumber(_ value: JSONValue) -> Int? {
        guard case .number(let number, _) = value.kind else { return nil }
        return AnswerSheetReader.stepNumber(number)
    }

    /// A leaf value: a finite number, `null` for not answered, or why it cannot be graded.
    static func answerValue(_ value: JSONValue) -> AnswerValue {
        switch value.kind {
        case .number(let number, let text):
            guard number.isFinite else {
                return .unusable(
                    "is too large to be a number (\(AnswerSheetReader.shortened(text))); "
                        + "a value must be smaller than 1.8e308 in size: check the exponent")
            }
            return .number(number)
        case .null:
            return .blank
        case .nonFinite(let literal):
            return .unusable("is \(literal), which is not a number; write the finite value you computed")
        case .bool(let flag):
            return .unusable("is \(flag); write a number")
        case .array:
            return .unusable("is a list; write one number")
        case .object:
            return .unusable("is an object; write one number")
        case .string(let text):
            let shown = AnswerSheetReader.quoted(text)
            if AnswerSheetReader.trimmed(text).isEmpty {
                return .unusable("is the empty text \(shown); write the number without quotes, or null to leave it out")
            }
            if AnswerSheetReader.namesNonFiniteValue(text) {
                return .unusable("is the text \(shown), which is not a number; write the finite value you computed")
            }
            let trimmed = AnswerSheetReader.trimmed(text)
            if AnswerSheetReader.decimalNumber(trimmed, allowsDecimalComma: false) != nil {
                return .unusable("is the text \(shown) (in quotes); write the number without quotes")
            }
            if AnswerSheetReader.decimalNumber(trimmed, allowsDecimalComma: true) != nil {
                let withPoint = String(trimmed.map { $0 == "," ? "." : $0 })
                return .unusable(
                    "is the text \(shown) (in quotes); write the number without quotes and with a decimal point, "
                        + "as in \(AnswerSheetReader.shortened(withPoint))")
            }
            return .unusable(
                "is the text \(shown) (in quotes); write the number without quotes, in a form such as 0.01 or 4.8e-08")
        }
    }

    private static func noteDuplicateKeys(in object: JSONValue.Object, into builder: inout AnswerSheet.Builder) {
        let file = builder.file
        for duplicate in object.duplicateKeys {
            builder.note(
                "\(file):\(duplicate.position): the key \(AnswerSheetReader.quoted(duplicate.key)) appears again "
                    + "in the same object (first at \(duplicate.firstPosition)); the first is used, remove the other")
        }
    }
}
