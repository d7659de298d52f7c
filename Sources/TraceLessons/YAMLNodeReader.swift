import Yams

/// Reads typed values out of a composed YAML tree, throwing ``LessonError``s that point at
/// the offending node.
struct YAMLNodeReader {
    let file: String

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(at node: Node, _ message: String) -> LessonError {
        LessonError(location(of: node), message)
    }

    /// The node's resolved YAML tag (`int`, `float`, `str`, …).
    func tagName(_ node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.rawValue)
    }

    /// A short, quoted rendering of a node for messages.
    func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(scalar):
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return text.isEmpty ? "nothing" : "'\(text)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A mapping whose keys are all in `allowed`, as `(key, value)` pairs in file order.
    ///
    /// Unknown keys are refused with a did-you-mean; `context` names the section in messages.
    func mapping(_ node: Node, context: String, allowed: [String]) throws(LessonError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case let .mapping(mapping) = node else {
            throw error(at: node, "\(context) must be a mapping of keys (\(allowed.joined(separator: ", "))), not \(describe(node))")
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case let .scalar(scalar) = keyNode else {
                throw error(at: keyNode, "keys in \(context) must be plain words")
            }
            let key = scalar.string
            guard allowed.contains(key) else {
                throw error(
                    at: keyNode,
                    "unknown key '\(key)' in \(context)\(Suggestion.clause(for: key, in: allowed)) (allowed: \(allowed.joined(separator: ", ")))"
                )
            }
            entries.append((key, keyNode, value))
        }
        return entries
    }

    /// A finite number, in the grammar of ``DecimalNumber`` (whatever YAML would make of it:
    /// `0x10`, `0o17` and `1_0` are YAML integers but not decimal numbers).
    func number(_ node: Node, what: String) throws(LessonError) -> Double {
        guard case let .scalar(scalar) = node, scalar.style == .plain else {
            throw error(at: node, "\(what) must be a number, not \(describe(node))")
        }
        let text = scalar.string
        let looksNumeric = text.first.map { "+-.0123456789".contains($0) } ?? false
        guard tagName(node) == .int || tagName(node) == .float || looksNumeric else {
            throw error(at: node, "\(what) must be a number, not \(describe(node))")
        }
        switch DecimalNumber.parse(text) {
        case let .success(value): return value
        case let .failure(refusal): throw error(at: node, "\(what): \(refusal)")
        }
    }

    /// A whole number.
    func integer(_ node: Node, what: String) throws(LessonError) -> Int {
        guard case let .scalar(scalar) = node, scalar.style == .plain, tagName(node) == .int,
            DecimalNumber.isDecimal(scalar.string), !scalar.string.contains(where: { ".eE".contains($0) }),
            let value = Int(scalar.string)
        else {
            throw error(at: node, "\(what) must be a whole number, not \(describe(node))")
        }
        return value
    }

    /// `true` or `false`.
    func boolean(_ node: Node, what: String) throws(LessonError) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain, tagName(node) == .bool,
            let value = Bool.construct(from: scalar)
        else {
            throw error(at: node, "\(what) must be true or false, not \(describe(node))")
        }
        return value
    }

    /// A piece of text (any scalar); `nil` for an empty value.
    func text(_ node: Node, what: String) throws(LessonError) -> String? {
        guard case let .scalar(scalar) = node else {
            throw error(at: node, "\(what) must be text, not \(describe(node))")
        }
        if scalar.style == .plain && tagName(node) == .null { return nil }
        return scalar.string
    }

    /// A list of nodes.
    func list(_ node: Node, what: String) throws(LessonError) -> [Node] {
        guard case let .sequence(sequence) = node else {
            throw error(at: node, "\(what) must be a list like [0.1, 0.2], not \(describe(node))")
        }
        return Array(sequence)
    }

    /// A list of finite numbers.
    func numbers(_ node: Node, what: String) throws(LessonError) -> [Double] {
        var values: [Double] = []
        for (index, element) in try list(node, what: what).enumerated() {
            values.append(try number(element, what: "\(what)[\(index + 1)]"))
        }
        return values
    }

    /// A list of lists of finite numbers.
    func matrix(_ node: Node, what: String) throws(LessonError) -> [[Double]] {
        var rows: [[Double]] = []
        for (r, rowNode) in try list(node, what: what).enumerated() {
            var row: [Double] = []
            for (c, element) in try list(rowNode, what: "row \(r + 1) of \(what)").enumerated() {
                row.append(try number(element, what: "\(what)[\(r + 1),\(c + 1)]"))
            }
            rows.append(row)
        }
        return rows
    }
}
