import Yams

/// Finds the first anchor (`&name`) or alias (`*name`) in YAML text without expanding any
/// alias, through Yams's public API.
///
/// Composing a document expands every alias, and Yams hashes mapping keys while it does, so
/// nested aliases ("billion laughs") would cost time exponential in a few hundred bytes. So
/// this composes a copy of the text with every `*` made a `&`: each alias becomes an anchor
/// on an empty node at the same line and column (libyaml scans the two alike, and the YAML
/// grammar takes properties with an empty node wherever it takes an alias), and a `*` inside
/// a scalar or comment stays a character of it. The copy has no aliases, so composing it
/// takes time linear in its length, and its anchored nodes are where the original's anchors
/// and aliases are.
enum YAMLAnchorScan {
    /// The 1-based line and column of the first anchor or alias, or `nil` if there is none.
    ///
    /// - Throws: `YamlError`, when the text is not valid YAML: the copy's error is the
    ///   original's (the same grammar, at the same places), found without composing the
    ///   original, which could expand aliases before it reached the error.
    static func firstAnchorOrAlias(in yaml: String) throws -> (line: Int, column: Int)? {
        let ampersand = UInt8(ascii: "&"), asterisk = UInt8(ascii: "*")
        guard yaml.utf8.contains(where: { $0 == ampersand || $0 == asterisk }) else { return nil }
        // One ASCII byte for another: every line and column stays where it was.
        let aliasFree = String(decoding: yaml.utf8.map { $0 == asterisk ? ampersand : $0 }, as: UTF8.self)
        // A node holds its anchor weakly; the parser keeps them, so it lives through the walk.
        let parser = try Parser(yaml: aliasFree)
        return try withExtendedLifetime(parser) {
            let root: Node?
            do {
                root = try parser.singleRoot()
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context)
                where duplicates.contains("") && startsWithAmpersand(aliasFree, at: context.mark) {
                // Two aliases as keys of one mapping (`*a : 1`, `*b : 2`) become two empty keys.
                return (context.mark.line, context.mark.column)
            }
            return root.flatMap(firstAnchored)
        }
    }

    /// The earliest mark of a node with an anchor, walking the tree without recursion.
    private static func firstAnchored(in root: Node) -> (line: Int, column: Int)? {
        var first: (line: Int, column: Int)?
        var pending = [root]
        while let node = pending.popLast() {
            if node.anchor != nil, let mark = node.mark, first.map({ (mark.line, mark.column) < $0 }) ?? true {
                first = (mark.line, mark.column)
            }
            switch node {
            case .scalar, .alias: break
            case let .sequence(sequence): pending.append(contentsOf: sequence)
            case let .mapping(mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            }
        }
        return first
    }

    /// Whether the character at `mark` is `&`. Lines and columns count as libyaml counts them:
    /// from 1, in Unicode scalars, with `\r\n`, `\r`, `\n`, NEL, LS and PS each ending a line.
    private static func startsWithAmpersand(_ text: String, at mark: Mark) -> Bool {
        var line = 1, column = 1
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", afterCarriageReturn {
                afterCarriageReturn = false
                continue
            }
            afterCarriageReturn = scalar == "\r"
            if line == mark.line, column == mark.column { return scalar == "&" }
            if line > mark.line { return false }
            switch scalar {
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                line += 1
                column = 1
            default:
                column += 1
            }
        }
        return false
    }
}
