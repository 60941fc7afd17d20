import Yams

/// Finds text in a source file by line and column, to point diagnostics at a placeholder inside a YAML string.
enum SourceText {
    /// The line and column (1-based, in Unicode scalars) of the `occurrence`-th (0-based) appearance of `needle`
    /// at or after `mark`.
    static func find(_ needle: String, occurrence: Int, in text: String, from mark: Mark?) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let startLine = max(1, mark?.line ?? 1)
        var remaining = occurrence
        for lineNumber in startLine...max(startLine, lines.count) where lineNumber <= lines.count {
            let scalars = Array(lines[lineNumber - 1].unicodeScalars)
            let needleScalars = Array(needle.unicodeScalars)
            var column = lineNumber == startLine ? max(0, (mark?.column ?? 1) - 1) : 0
            while column + needleScalars.count <= scalars.count {
                if Array(scalars[column..<column + needleScalars.count]) == needleScalars {
                    if remaining == 0 { return (lineNumber, column + 1) }
                    remaining -= 1
                }
                column += 1
            }
        }
        return nil
    }
}
