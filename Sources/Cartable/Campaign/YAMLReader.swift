import Foundation
import Yams

/// Reads a YAML file into nodes that keep their line and column, and checks their shapes, collecting every
/// problem as a ``Diagnostic`` instead of stopping at the first one.
struct YAMLReader {
    let path: String
    private(set) var diagnostics: [Diagnostic] = []
    private var reported: Set<Diagnostic> = []

    init(path: String) {
        self.path = path
    }

    /// The document's root node, or `nil` (with a diagnostic) when the text is not YAML or passes one of the
    /// ``YAMLBounds`` (nesting too deep, aliases repeating too much), which are checked before composing.
    mutating func compose(_ text: String, bounds: YAMLBounds = YAMLBounds()) -> Node? {
        if let violation = bounds.violation(in: text, path: path) {
            diagnostics.append(violation)
            return nil
        }
        do {
            guard let root = try Yams.compose(yaml: text) else {
                error(at: nil, "the file is empty")
                return nil
            }
            return root
        } catch let failure as YamlError {
            diagnostics.append(Self.diagnostic(for: failure, path: path))
            return nil
        } catch {
            self.error(at: nil, "cannot read YAML: \(error)")
            return nil
        }
    }

    /// A YAML syntax error as `path:line:column: error: YAML syntax: ...`, with a hint for the usual causes.
    static func diagnostic(for failure: YamlError, path: String) -> Diagnostic {
        switch failure {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text))" }
            var hint: String?
            if problem.contains("tab") {
                hint = "indent with spaces; YAML does not allow tabs for indentation"
            } else if problem.contains("mapping values are not allowed") {
                hint = "a value containing ': ' must be quoted, e.g. text: \"Bonjour : ...\""
            } else if problem.contains("did not find expected") || problem.contains("could not find expected") {
                hint = "check the indentation and that every quote and bracket is closed"
            }
            return Diagnostic(.error, file: path, line: mark.line, column: mark.column, message: message, hint: hint)
        default:
            return Diagnostic(.error, file: path, message: "cannot read YAML: \(failure)")
        }
    }

    // MARK: Locations

    func location(of node: Node?) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    mutating func error(at node: Node?, _ message: String, hint: String? = nil, remedy: Diagnostic.Remedy? = nil) {
        report(.error, at: node, message, hint: hint, remedy: remedy)
    }

    mutating func warning(at node: Node?, _ message: String, hint: String? = nil) {
        report(.warning, at: node, message, hint: hint)
    }

    mutating func report(_ severity: Diagnostic.Severity, at node: Node?, _ message: String, hint: String? = nil, remedy: Diagnostic.Remedy? = nil) {
        let mark = node?.mark
        append(Diagnostic(severity, file: path, line: mark?.line, column: mark?.column, message: message, hint: hint, remedy: remedy))
    }

    /// Adds `diagnostic` unless the same problem was already reported at the same spot: every alias of a value is
    /// that value, at its anchor, and one report of it is enough.
    mutating func append(_ diagnostic: Diagnostic) {
        guard reported.insert(diagnostic).inserted else { return }
        diagnostics.append(diagnostic)
    }

    // MARK: Shapes

    /// The entries of a mapping node by key, in file order; reports a node that is not a mapping, duplicate keys,
    /// and keys not in `allowed` (with the closest allowed key as a hint).
    mutating func mapping(_ node: Node, _ what: String, allowed: [String]? = nil) -> YAMLMapping? {
        guard case .mapping(let mapping) = node else {
            error(at: node, "\(what) must be a mapping of keys to values, found \(Self.describe(node))")
            return nil
        }
        var entries = YAMLMapping()
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else {
                error(at: keyNode, "keys in \(what) must be plain words, found \(Self.describe(keyNode))")
                continue
            }
            let key = scalar.string
            if entries.node(key) != nil {
                error(at: keyNode, "duplicate key '\(key)' in \(what)", hint: "the later value would silently replace the earlier one; keep one")
                continue
            }
            if let allowed, !allowed.contains(key) {
                let closest = Self.closest(to: key, in: allowed)
                if let closest { entries.typos[closest] = key }
                let suggestion = closest.map { "did you mean '\($0)'? " } ?? ""
                error(at: keyNode, "unknown key '\(key)' in \(what)",
                      hint: "\(suggestion)known keys: \(allowed.joined(separator: ", "))")
                continue
            }
            entries.append(key: key, keyNode: keyNode, value: value)
        }
        return entries
    }

    /// The elements of a sequence node.
    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            error(at: node, "\(what) must be a list, found \(Self.describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// A non-empty text value.
    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            error(at: node, "\(what) must be a text, found \(Self.describe(node))")
            return nil
        }
        guard !scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            error(at: node, "\(what) is empty")
            return nil
        }
        return scalar.string
    }

    /// An integer within `range`.
    mutating func integer(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)) else {
            error(at: node, "\(what) must be a whole number, found \(Self.describe(node))")
            return nil
        }
        guard range.contains(value) else {
            error(at: node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    /// A boolean (`true`/`false`, and YAML 1.1's `yes`/`no`).
    mutating func boolean(_ node: Node, _ what: String) -> Bool? {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        error(at: node, "\(what) must be true or false, found \(Self.describe(node))")
        return nil
    }

    /// A list of texts; a single text counts as a list of one.
    mutating func strings(_ node: Node, _ what: String) -> [String]? {
        if case .scalar = node, !Self.isNull(node) { return string(node, what).map { [$0] } }
        guard let elements = sequence(node, what) else { return nil }
        var values: [String] = []
        for element in elements {
            if let value = string(element, "each of \(what)") { values.append(value) }
        }
        return values
    }

    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What a node is, for messages: `a list`, `a mapping`, `the text 'abc'`, `nothing`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            let text = scalar.string.count > 30 ? String(scalar.string.prefix(30)) + "…" : scalar.string
            return "'\(text)'"
        @unknown default: return "a value"
        }
    }

    /// The allowed word closest to `word` by edit distance, if it is close enough to be a likely typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let tolerance = max(1, min(3, best.0.count / 3))
        return best.1 <= tolerance ? best.0 : nil
    }

    /// Edit distance counting a swap of two neighbours as one edit (`nmae` → `name`), as typos usually are.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
