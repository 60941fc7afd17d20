/// One record of a CSV file, with the line it starts on so that problems can be reported by line.
public struct CSVRow: Sendable, Hashable {
    /// The 1-based line of the file the record starts on (a quoted line break makes a record span several).
    public var line: Int
    /// The fields, in column order, unquoted.
    public var fields: [String]
}
