import Foundation

extension String {
    /// The text without white space and line breaks at either end, as `trimmingCharacters(in:
    /// .whitespacesAndNewlines)` gives it; without Foundation when both ends are visible ASCII (most of what a
    /// page's query or form holds).
    public var trimmedOfWhitespace: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The text without spaces and tabs at either end (line breaks kept), as `trimmingCharacters(in: .whitespaces)`
    /// gives it; without Foundation when both ends are visible ASCII.
    public var trimmedOfSpaces: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}
