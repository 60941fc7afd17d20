/// A CSV text read whole into rows of fields: the header and the records after it, each with the line it starts on.
///
/// Built on ``CSVReader``, so it reads the same dialect as the streaming path: a comma, semicolon or tab delimiter
/// (detected from the header line), CRLF, LF or CR line ends, quoted fields holding delimiters, doubled quotes and
/// line breaks. Blank lines are skipped.
public struct CSVTable: Sendable, Hashable {
    /// The first record: column names.
    public var header: [String]
    /// The records after the header.
    public var rows: [CSVRow]
    /// The delimiter the text uses.
    public var delimiter: CSVDelimiter
    /// Whether the text ended inside a quoted field (its last field then runs to the end of the text).
    public var hasUnterminatedQuote: Bool
    /// The records that were not UTF-8 and were read as Windows-1252 (only bytes can hold such records).
    var nonUTF8Records = NonUTF8Records()

    /// Parses `text`, detecting the delimiter unless one is given.
    public init(parsing text: String, delimiter: CSVDelimiter? = nil) {
        self.init(bytes: Array(text.utf8), delimiter: delimiter)
    }

    /// Parses the bytes of a file: UTF-8, and each record that is not read as Windows-1252 (see ``CSVReader``).
    init(bytes: [UInt8], delimiter: CSVDelimiter? = nil) {
        var reader = CSVReader(bytes: bytes, delimiter: delimiter)
        var records: [CSVRow] = []
        // Reading from memory cannot fail: `nil` is the end of the text.
        while let row = try? reader.nextRow() { records.append(row) }
        self.delimiter = reader.delimiter
        hasUnterminatedQuote = reader.hasUnterminatedQuote
        nonUTF8Records = reader.nonUTF8Records
        header = records.first?.fields ?? []
        rows = Array(records.dropFirst())
    }
}
