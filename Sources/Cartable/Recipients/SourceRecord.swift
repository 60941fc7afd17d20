/// One record of a source file before it becomes a ``Recipient``: its values by column name, and where it is.
public struct SourceRecord: Sendable, Hashable {
    /// The 1-based line the record starts on, when known.
    public var line: Int?
    /// How to name the record to a user: `row 12` (CSV, counting the header as row 1) or `record 3` (JSON).
    public var label: String
    private var storage: Storage

    /// A record keeps its values as it was read: by name (JSON), or in column order under a header shared by every
    /// row of a table (CSV), so reading a large table makes no dictionary per row.
    private enum Storage: Sendable {
        case named([String: String])
        case positional(fields: [String], header: [String])
    }

    /// The record at `line` (when the source has lines), shown as `label` in diagnostics.
    public init(line: Int?, label: String, values: [String: String]) {
        self.line = line
        self.label = label
        storage = .named(values)
    }

    /// A table's row: `fields` in the order of `header`'s columns (a row may be shorter than the header).
    init(line: Int?, label: String, fields: [String], header: [String]) {
        self.line = line
        self.label = label
        storage = .positional(fields: fields, header: header)
    }

    /// Values by column name; when two columns have the same name, the later one's.
    public var values: [String: String] {
        get {
            switch storage {
            case .named(let values):
                return values
            case .positional(let fields, let header):
                var values: [String: String] = [:]
                for (index, field) in fields.enumerated() { values[header[index]] = field }
                return values
            }
        }
        set { storage = .named(newValue) }
    }

    /// Two records are equal when they are at the same place with the same values by name, however each keeps them.
    public static func == (left: SourceRecord, right: SourceRecord) -> Bool {
        left.line == right.line && left.label == right.label && left.values == right.values
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(label)
        hasher.combine(values)
    }

    /// The values in column order, when the record is a table's row.
    var fieldsInColumnOrder: [String]? {
        guard case .positional(let fields, _) = storage else { return nil }
        return fields
    }
}
