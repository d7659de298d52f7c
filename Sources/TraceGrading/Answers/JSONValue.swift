/// A JSON value as `AnswerJSONParser` read it, with the place where it starts in the file.
struct JSONValue: Sendable {
    /// A place in a file: line and column, both from 1; columns count Unicode scalars.
    struct Position: Sendable, Equatable, CustomStringConvertible {
        var line: Int
        var column: Int
        /// `line:column`, as it follows the file's name in a message.
        var description: String { "\(line):\(column)" }
    }

    /// One `"key": value` pair of an object.
    struct Member: Sendable {
        var key: String
        var keyPosition: Position
        var value: JSONValue
    }

    /// A key written a second time in the same object; the first one is kept.
    struct DuplicateKey: Sendable {
        var key: String
        var position: Position
        var firstPosition: Position
    }

    /// An object's members in file order, each key once (the first time it was written).
    struct Object: Sendable {
        var members: [Member]
        var duplicateKeys: [DuplicateKey]

        /// The member with this key.
        func member(_ key: String) -> Member? {
            members.first { $0.key == key }
        }
    }

    enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number and its text as written; the value is infinite if the text overflows a double.
        case number(Double, text: String)
        /// One of the literals `NaN`, `Infinity`, `-Infinity` that Python's `json.dump` writes.
        case nonFinite(String)
        case string(String)
        case array([JSONValue])
        case object(Object)
    }

    var kind: Kind
    var position: Position

    /// What the value is, to complete a sentence such as "a step that is … was skipped":
    /// `null`, `true`, `the number 1.5`, `NaN`, `the text "abc"`, `a list`, `an object`.
    var summary: String {
        switch kind {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(_, let text): "the number \(AnswerSheetReader.shortened(text))"
        case .nonFinite(let literal): literal
        case .string(let text): "the text \(AnswerSheetReader.quoted(text))"
        case .array: "a list"
        case .object: "an object"
        }
    }
}
