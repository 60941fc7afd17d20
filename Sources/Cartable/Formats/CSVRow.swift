/// One record of a CSV file, with the line it starts on so that problems can be reported by line.
public struct CSVRow: Sendable, Hashable {
    /// The 1-based line of the file the record starts on (a quoted line break makes a record span several).
    public var line: Int
    /// The fields, in column order, unquoted.
    public var fields: [String]
    /// Whether the reader found every field already clean text, as a recipient list keeps it: NFC (each scalar
    /// below U+0300 or ASCII), and no whitespace but single spaces between words (no tab or line break, no space
    /// at either end, no two spaces in a row). `false` only says it was not checked: a reader of a million rows
    /// checks the row's bytes once as it splits them, instead of each field again after.
    public var fieldsAreClean = false
}
