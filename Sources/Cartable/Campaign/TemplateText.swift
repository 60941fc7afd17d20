import Foundation

/// A message template in the Mustache subset Cartable uses: `{{field}}` inserts a value, `{{#field}}...{{/field}}`
/// keeps its content only when the field has a value, `{{^field}}...{{/field}}` only when it has none, and
/// `{{! ...}}` is a comment. A section or comment tag alone on its line takes the whole line with it, as Mustache's
/// standalone rule says, so templates written this way render the same under a full Mustache engine.
public struct TemplateText: Sendable, Hashable {
    /// A piece of a parsed template.
    public indirect enum Node: Sendable, Hashable {
        /// Literal text.
        case text(String)
        /// `{{name}}`, with its offset (in Unicode scalars) in the template.
        case variable(String, offset: Int)
        /// `{{#name}}...{{/name}}` (or `{{^name}}` when `inverted`).
        case section(String, inverted: Bool, children: [Node], offset: Int)
    }

    /// A problem in a template, with the offset (in Unicode scalars) of the tag at fault.
    public struct Problem: Sendable, Hashable {
        /// What is wrong.
        public var message: String
        /// The tag as written, e.g. `{{nmae}}`, to find it in the file.
        public var tag: String
        /// Offset of the tag in the template, in Unicode scalars.
        public var offset: Int
    }

    /// The template as written.
    public var source: String
    /// The template's pieces in order: literal text, `{{fields}}` and sections with their own pieces.
    public var nodes: [Node]
    /// Syntax problems (unclosed tags or sections); the template still renders what could be parsed.
    public var problems: [Problem]

    /// Parses `source`; what cannot be parsed (an unclosed section, an empty tag) is in ``problems``, not thrown.
    public init(_ source: String) {
        self.source = source
        var parser = Parser(scalars: Array(source.unicodeScalars))
        let (nodes, problems) = parser.parse()
        self.nodes = nodes
        self.problems = problems
    }

    /// Every field name the template uses, with the tag's offset, in order.
    public var fields: [(name: String, offset: Int)] {
        func collect(_ nodes: [Node]) -> [(String, Int)] {
            nodes.flatMap { node -> [(String, Int)] in
                switch node {
                case .text: []
                case .variable(let name, let offset): [(name, offset)]
                case .section(let name, _, let children, let offset): [(name, offset)] + collect(children)
                }
            }
        }
        return collect(nodes)
    }

    /// The tag starting at `offset` as written (`{{#name}}`), or the rest of its line when it is never closed.
    public func tag(at offset: Int) -> String {
        let scalars = Array(source.unicodeScalars)
        guard offset >= 0, offset < scalars.count else { return "{{" }
        var end = offset
        while end + 1 < scalars.count, !(scalars[end] == "}" && scalars[end + 1] == "}"), scalars[end] != "\n" { end += 1 }
        let close = end + 1 < scalars.count && scalars[end] == "}" && scalars[end + 1] == "}" ? end + 2 : end
        return String(String.UnicodeScalarView(scalars[offset..<min(close, scalars.count)]))
    }

    /// Whether `{{name}}` appears outside any section, so it is in every rendering.
    public func alwaysRenders(_ name: String) -> Bool {
        nodes.contains { if case .variable(name, _) = $0 { true } else { false } }
    }

    /// Offsets of the tags that use `name` other than as a section `{{#name}}`: as a value or an inverted section.
    public func usesOtherThanSection(_ name: String) -> [Int] {
        func collect(_ nodes: [Node]) -> [Int] {
            nodes.flatMap { node -> [Int] in
                switch node {
                case .text: []
                case .variable(let used, let offset): used == name ? [offset] : []
                case .section(let used, let inverted, let children, let offset):
                    (used == name && inverted ? [offset] : []) + collect(children)
                }
            }
        }
        return collect(nodes)
    }

    /// The template with `values` substituted; a field without a value renders as nothing.
    public func render(_ values: [String: String]) -> String {
        func render(_ nodes: [Node]) -> String {
            nodes.map { node in
                switch node {
                case .text(let text): text
                case .variable(let name, _): values[name] ?? ""
                case .section(let name, let inverted, let children, _):
                    (values[name].map { !$0.isEmpty } ?? false) != inverted ? render(children) : ""
                }
            }.joined()
        }
        return render(nodes)
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        var problems: [Problem] = []

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func parse() -> ([Node], [Problem]) {
            let nodes = parseNodes(closing: nil)
            return (nodes, problems)
        }

        /// Parses until `{{/closing}}` (consumed) or the end.
        private mutating func parseNodes(closing: (name: String, offset: Int)?) -> [Node] {
            var nodes: [Node] = []
            var text = String.UnicodeScalarView()
            func flush() {
                if !text.isEmpty { nodes.append(.text(String(text))) }
                text = String.UnicodeScalarView()
            }
            while index < scalars.count {
                guard startsTag(at: index) else {
                    text.append(scalars[index])
                    index += 1
                    continue
                }
                let start = index
                guard let end = tagEnd(from: index + 2) else {
                    let rest = String(String.UnicodeScalarView(scalars[start...].prefix { $0 != "\n" }))
                    problems.append(Problem(message: "'\(rest)' is never closed with '}}'", tag: rest, offset: start))
                    text.append(contentsOf: scalars[index...])
                    index = scalars.count
                    break
                }
                let triple = index + 2 < scalars.count && scalars[index + 2] == "{"
                let innerStart = index + (triple ? 3 : 2)
                var inner = String(String.UnicodeScalarView(scalars[innerStart..<end]))
                index = end + 2
                if triple, index < scalars.count, scalars[index] == "}" { index += 1 }
                let tag = String(String.UnicodeScalarView(scalars[start..<index]))
                inner = inner.trimmingCharacters(in: .whitespaces)
                let sigil = inner.first
                if let sigil, "#^/!".contains(sigil), let lineEnd = standaloneLineEnd(tagStart: start, tagEnd: index) {
                    // Mustache's standalone rule: a section or comment tag alone on its line takes the line with it.
                    text.removeLast(min(whitespaceBefore(start), text.count))
                    index = lineEnd
                }
                let name = (sigil.map { "#^/!&".contains($0) } ?? false) ? String(inner.dropFirst()).trimmingCharacters(in: .whitespaces) : inner
                switch sigil {
                case "!":
                    continue
                case "#", "^":
                    flush()
                    if name.isEmpty { problems.append(Problem(message: "a section needs a field name", tag: tag, offset: start)) }
                    let children = parseNodes(closing: (name, start))
                    nodes.append(.section(name, inverted: sigil == "^", children: children, offset: start))
                case "/":
                    if let closing, closing.name == name {
                        flush()
                        return nodes
                    }
                    let expected = closing.map { "; the open section is '{{#\($0.name)}}'" } ?? ""
                    problems.append(Problem(message: "'\(tag)' closes a section that is not open\(expected)", tag: tag, offset: start))
                default:
                    flush()
                    if name.isEmpty {
                        problems.append(Problem(message: "empty placeholder '\(tag)'", tag: tag, offset: start))
                    } else {
                        nodes.append(.variable(name, offset: start))
                    }
                }
            }
            flush()
            if let closing {
                problems.append(Problem(
                    message: "section '{{#\(closing.name)}}' is never closed with '{{/\(closing.name)}}'",
                    tag: "{{#\(closing.name)}}", offset: closing.offset))
            }
            return nodes
        }

        /// Spaces and tabs between the start of the line and `position`.
        private func whitespaceBefore(_ position: Int) -> Int {
            var cursor = position
            while cursor > 0, scalars[cursor - 1] == " " || scalars[cursor - 1] == "\t" { cursor -= 1 }
            return position - cursor
        }

        /// When the tag from `tagStart` to `tagEnd` has only spaces and tabs around it on its line, where the next
        /// line starts (after its `\n` or `\r\n`, or the end of the template); otherwise `nil`.
        private func standaloneLineEnd(tagStart: Int, tagEnd: Int) -> Int? {
            let lineStart = tagStart - whitespaceBefore(tagStart)
            guard lineStart == 0 || scalars[lineStart - 1] == "\n" else { return nil }
            var cursor = tagEnd
            while cursor < scalars.count, scalars[cursor] == " " || scalars[cursor] == "\t" { cursor += 1 }
            if cursor == scalars.count { return cursor }
            if scalars[cursor] == "\n" { return cursor + 1 }
            if scalars[cursor] == "\r", cursor + 1 < scalars.count, scalars[cursor + 1] == "\n" { return cursor + 2 }
            return nil
        }

        private func startsTag(at position: Int) -> Bool {
            position + 1 < scalars.count && scalars[position] == "{" && scalars[position + 1] == "{"
        }

        private func tagEnd(from position: Int) -> Int? {
            var cursor = position
            while cursor + 1 < scalars.count {
                if scalars[cursor] == "}" && scalars[cursor + 1] == "}" { return cursor }
                cursor += 1
            }
            return nil
        }
    }
}
