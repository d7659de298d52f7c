import CYaml

/// Finds the first anchor (`&name`) or alias (`*name`) in YAML text by reading libyaml's
/// event stream, before anything is composed.
///
/// Composing a document expands every alias, and Yams hashes mapping keys while it does, so
/// nested aliases ("billion laughs") would cost time exponential in a few hundred bytes.
/// The events come in document order without expansion, so this scan is linear.
enum YAMLAnchorScan {
    /// The 1-based line and column of the first anchor or alias, or `nil` if there is none
    /// (or if the text is not valid YAML, which the composer then reports).
    static func firstAnchorOrAlias(in yaml: String) -> (line: Int, column: Int)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(yaml.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, column: Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let type = event.type
                let anchored: Bool
                switch type {
                case YAML_ALIAS_EVENT: anchored = true
                case YAML_SCALAR_EVENT: anchored = event.data.scalar.anchor != nil
                case YAML_SEQUENCE_START_EVENT: anchored = event.data.sequence_start.anchor != nil
                case YAML_MAPPING_START_EVENT: anchored = event.data.mapping_start.anchor != nil
                default: anchored = false
                }
                if anchored {
                    return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                }
                if type == YAML_STREAM_END_EVENT { return nil }
            }
            return nil
        }
    }
}
