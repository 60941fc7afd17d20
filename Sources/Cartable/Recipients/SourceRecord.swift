/// One record of a source file before it becomes a ``Recipient``: its values by column name, and where it is.
public struct SourceRecord: Sendable, Hashable {
    /// The 1-based line the record starts on, when known.
    public var line: Int?
    /// How to name the record to a user: `row 12` (CSV, counting the header as row 1) or `record 3` (JSON).
    public var label: String
    /// Values by column name.
    public var values: [String: String]

    /// The record at `line` (when the source has lines), shown as `label` in diagnostics.
    public init(line: Int?, label: String, values: [String: String]) {
        self.line = line
        self.label = label
        self.values = values
    }
}
