/// One record of a source file before it becomes a ``Recipient``: its values by column name, and where it is.
public struct SourceRecord: Sendable, Hashable {
    /// The 1-based line the record starts on, when known.
    public var line: Int?
    /// How to name the record to a user: `row 12` (CSV, counting the header as row 1) or `record 3` (JSON).
    public var label: String {
        get {
            switch labelStorage {
            case .text(let text): text
            case .row(let number): "row \(number)"
            }
        }
        set { labelStorage = .text(newValue) }
    }
    private var labelStorage: Label
    private var storage: Storage
    /// Whether every value is known to be clean text already (``CSVRow/fieldsAreClean``); only a table's row says so.
    private(set) var fieldsAreClean = false

    /// A label as given, or a table's row number, written only when a diagnostic names it (a large table's rows
    /// mostly never are).
    private enum Label: Sendable {
        case text(String)
        case row(Int)
    }

    /// A record keeps its values as it was read: by name (JSON), or in column order under a header shared by every
    /// row of a table (CSV), so reading a large table makes no dictionary per row.
    private enum Storage: Sendable {
        case named([String: String])
        case positional(fields: [String], header: [String])
    }

    /// The record at `line` (when the source has lines), shown as `label` in diagnostics.
    public init(line: Int?, label: String, values: [String: String]) {
        self.line = line
        labelStorage = .text(label)
        storage = .named(values)
    }

    /// A table's `row` (labelled `row N`): `fields` in the order of `header`'s columns (a row may be shorter than the
    /// header); `fieldsAreClean` when the reader found them clean text already (``CSVRow/fieldsAreClean``).
    init(line: Int?, row: Int, fields: [String], header: [String], fieldsAreClean: Bool = false) {
        self.line = line
        labelStorage = .row(row)
        storage = .positional(fields: fields, header: header)
        self.fieldsAreClean = fieldsAreClean
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
        set {
            storage = .named(newValue)
            fieldsAreClean = false
        }
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
