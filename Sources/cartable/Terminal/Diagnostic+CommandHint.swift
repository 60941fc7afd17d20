import Cartable

extension Diagnostic {
    /// The diagnostic with its remedy offered as the command or option that does it, after the library's hint:
    /// "ids are in the first column of the list; `cartable recipients search NAME --from deputies.csv` finds them".
    var withCommandHint: Diagnostic {
        guard let remedy else { return self }
        let command = switch remedy {
        case .listRecipients(let path): "`cartable recipients list --from \(path)` shows them"
        case .searchRecipients(let path): "`cartable recipients search NAME --from \(path)` finds them"
        case .listUnreachable: "`cartable lint --verbose` lists them"
        case .listProblemMessages: "`cartable preview --only-problems` lists every message"
        case .allowFolder(let path): "`--allow-path \(Self.shellWord(path))` allows it"
        }
        var completed = self
        completed.hint = hint.map { "\($0); \(command)" } ?? command
        return completed
    }

    /// `path` as one shell word: as it is when made only of letters, digits and `/._-+,:@`, else in single quotes.
    private static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+,:@".unicodeScalars.contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
