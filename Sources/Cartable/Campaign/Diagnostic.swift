/// A problem found in a file, located as precisely as the file allows, with a hint on how to fix it.
///
/// Prints the way compilers do, so editors and terminals can jump to the spot:
/// `campaign.yml:12:5: error: unknown key 'templtes'` followed by `  hint: did you mean 'templates'?`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How serious a problem is: errors make `lint` fail, warnings are reported but do not.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// Something that prevents the campaign from being used or a message from being sent.
        case error
        /// Something likely unintended that does not stop anything.
        case warning
        /// Information, such as a planned fallback used.
        case note

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }

        /// Errors sort before warnings, warnings before notes.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious the problem is.
    public var severity: Severity
    /// The file the problem is in, as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column in Unicode scalars, when known.
    public var column: Int?
    /// What is wrong, in one sentence.
    public var message: String
    /// What to do about it, when there is something useful to say.
    public var hint: String?
    /// A way to look further into the problem that a front end offers in its own terms (the CLI as a command);
    /// not part of the encoded diagnostic, whose `hint` the front end completes instead.
    public var remedy: Remedy? = nil

    /// Something to look at that helps fix a problem. The library names it; a front end knows how to offer it.
    public enum Remedy: Sendable, Hashable {
        /// The recipients of the list at `path`, to check criteria against.
        case listRecipients(path: String)
        /// A search by name in the list at `path`, to find a recipient's id.
        case searchRecipients(path: String)
        /// Every target the campaign's channel cannot reach, by name and id.
        case listUnreachable
        /// Every composed message of the campaign that has a problem, not only the first few lint reports.
        case listProblemMessages
        /// Allowing the campaign to read the folder at `path`, which holds a file it names outside its own folder.
        case allowFolder(path: String)
    }

    private enum CodingKeys: String, CodingKey {
        case severity, file, line, column, message, hint
    }

    /// A diagnostic in `file`, at `line` and `column` when they are known.
    public init(
        _ severity: Severity, file: String, line: Int? = nil, column: Int? = nil,
        message: String, hint: String? = nil, remedy: Remedy? = nil
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.remedy = remedy
    }

    /// A diagnostic at `location`.
    public init(_ severity: Severity, at location: SourceLocation, message: String, hint: String? = nil, remedy: Remedy? = nil) {
        self.init(severity, file: location.file, line: location.line, column: location.column, message: message, hint: hint, remedy: remedy)
    }

    /// `path:line:column: severity: message`, without the hint.
    public var headline: String {
        var position = file
        if let line {
            position += ":\(line)"
            if let column { position += ":\(column)" }
        }
        return "\(position): \(severity.rawValue): \(message)"
    }

    /// The headline, then the hint on its own indented line.
    public var description: String {
        guard let hint else { return headline }
        return headline + "\n  hint: " + hint
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }

    /// The diagnostics that are errors.
    public var errors: [Diagnostic] { filter { $0.severity == .error } }

    /// The diagnostics that are warnings.
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}

extension Diagnostic {
    /// The diagnostic as printed on a terminal: with `colors`, the severity in red (error), yellow (warning) or
    /// cyan (note) and the position in bold, as compilers do.
    /// Every part that comes from a file or a platform goes through ``TerminalText``.
    public func rendered(colors: Bool) -> String {
        guard colors else { return TerminalText.escaped(description) }
        let color = switch severity {
        case .error: "\u{1B}[1;31m"
        case .warning: "\u{1B}[1;33m"
        case .note: "\u{1B}[1;36m"
        }
        let reset = "\u{1B}[0m"
        var position = TerminalText.escaped(file)
        if let line {
            position += ":\(line)"
            if let column { position += ":\(column)" }
        }
        var text = "\u{1B}[1m\(position):\(reset) \(color)\(severity.rawValue):\(reset) \(TerminalText.escaped(message))"
        if let hint { text += "\n  \u{1B}[2mhint:\(reset) \(TerminalText.escaped(hint))" }
        return text
    }
}
