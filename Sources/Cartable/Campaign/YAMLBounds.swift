import CYaml

/// The limits a YAML file from someone else must keep before it is composed into nodes: how deep lists and mappings
/// nest, and how much text its aliases repeat.
///
/// Composing is recursive (one stack frame per level of nesting), so 5,000 nested `[` would overflow the stack; and
/// an alias is the whole value it names, so `[&big "<1 MB>", *big, *big, …]` is a gigabyte to check and to print.
/// Both are measured on libyaml's event stream, which keeps its own stack on the heap, before anything recurses.
struct YAMLBounds: Sendable {
    /// The deepest nesting of lists and mappings allowed; a campaign file needs 5 levels, an overrides file 3.
    var maximumDepth = 64
    /// How many bytes of text every alias together may repeat (each alias counts the whole value it names).
    var maximumAliasExpansion = 1 << 20

    /// The first limit `text` passes, as an error at the spot; `nil` when it keeps both, or when it is not YAML
    /// (the composer then reports the syntax error where it is).
    func violation(in text: String, path: String) -> Diagnostic? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            return walk(&parser, path: path)
        }
    }

    /// One open list or mapping: the anchor it defines, and the text it holds so far (aliases expanded).
    private struct OpenNode {
        var anchor: String?
        var weight = 1
    }

    private func walk(_ parser: inout yaml_parser_t, path: String) -> Diagnostic? {
        var open: [OpenNode] = []
        var anchors: [String: Int] = [:]
        var expanded = 0
        func close(weight: Int, anchor: String?) {
            if let anchor { anchors[anchor] = weight }
            if !open.isEmpty { open[open.count - 1].weight = Self.add(open[open.count - 1].weight, weight) }
        }
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? Self.text(event.data.sequence_start.anchor) : Self.text(event.data.mapping_start.anchor)
                open.append(OpenNode(anchor: anchor))
                if open.count > maximumDepth {
                    return Diagnostic(
                        .error, file: path, line: line, column: column,
                        message: "lists and mappings are nested more than \(maximumDepth) deep here; the file is refused",
                        hint: "a campaign needs a few levels at most: look for brackets that are never closed")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let node = open.popLast() { close(weight: node.weight, anchor: node.anchor) }
            case YAML_SCALAR_EVENT:
                close(weight: Self.add(Int(event.data.scalar.length), 1), anchor: Self.text(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                let name = Self.text(event.data.alias.anchor) ?? ""
                let weight = anchors[name] ?? 1
                expanded = Self.add(expanded, weight)
                if expanded > maximumAliasExpansion {
                    return Diagnostic(
                        .error, file: path, line: line, column: column,
                        message: "the aliases (*name) repeat more than \(maximumAliasExpansion / 1024) KiB of text by here; the file is refused",
                        hint: "write each value where it is needed, or name a shorter one with &anchor")
                }
                close(weight: weight, anchor: nil)
            default:
                break
            }
        }
        return nil
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    /// Addition that stops at `Int.max` instead of trapping: nested aliases double at every level.
    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }
}
