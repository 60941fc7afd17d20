/// A CSV file read into rows of fields, with the line each row starts on, so problems can be reported by line.
///
/// Reads what real exports contain: a comma, semicolon or tab delimiter (detected from the header line),
/// CRLF or LF line ends, quoted fields holding delimiters, doubled quotes and line breaks. Blank lines are skipped.
public struct CSVTable: Sendable, Hashable {
    /// One record of the file.
    public struct Row: Sendable, Hashable {
        /// The 1-based line of the file the record starts on.
        public var line: Int
        /// The fields, in column order.
        public var fields: [String]
    }

    /// The delimiters a CSV file may use.
    public enum Delimiter: Character, Sendable, Hashable, CaseIterable {
        case comma = ","
        case semicolon = ";"
        case tab = "\t"

        /// The name to show a user.
        public var name: String {
            switch self {
            case .comma: "comma"
            case .semicolon: "semicolon"
            case .tab: "tab"
            }
        }
    }

    /// The first record: column names.
    public var header: [String]
    /// The records after the header.
    public var rows: [Row]
    /// The delimiter the file uses.
    public var delimiter: Delimiter
    /// Whether the file ended inside a quoted field (its last field then runs to the end of the file).
    public var hasUnterminatedQuote: Bool

    /// Parses `text`, detecting the delimiter unless one is given.
    public init(parsing text: String, delimiter: Delimiter? = nil) {
        let scalars = Array(text.unicodeScalars)
        let delimiter = delimiter ?? Self.detectDelimiter(in: scalars)
        self.delimiter = delimiter
        var records: [Row] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        let separator = delimiter.rawValue.unicodeScalars.first ?? ","
        var index = 0

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            // A record that is one empty, unquoted field is a blank line: skip it.
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Row(line: recordLine, fields: fields))
            }
            fields = []
            fieldWasQuoted = false
        }

        while index < scalars.count {
            let scalar = scalars[index]
            if inQuotes {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
            } else if scalar == "\"" && field.isEmpty && !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if scalar == separator {
                fields.append(String(field))
                field = String.UnicodeScalarView()
                fieldWasQuoted = false
            } else if scalar == "\r" || scalar == "\n" {
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(scalar)
            }
            index += 1
        }
        hasUnterminatedQuote = inQuotes
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }

        if let first = records.first {
            header = first.fields
            rows = Array(records.dropFirst())
        } else {
            header = []
            rows = []
        }
    }

    /// The delimiter that occurs most often, outside quotes, on the first line; comma on a tie or when none occurs.
    static func detectDelimiter(in scalars: [Unicode.Scalar]) -> Delimiter {
        var counts: [Delimiter: Int] = [:]
        var inQuotes = false
        for scalar in scalars {
            if scalar == "\"" { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if scalar == "\n" || scalar == "\r" { break }
            if let delimiter = Delimiter(rawValue: Character(scalar)) { counts[delimiter, default: 0] += 1 }
        }
        var best = Delimiter.comma
        for delimiter in Delimiter.allCases where counts[delimiter, default: 0] > counts[best, default: 0] {
            best = delimiter
        }
        return best
    }
}
