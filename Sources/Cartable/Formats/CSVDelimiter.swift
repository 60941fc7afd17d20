/// The delimiters a CSV file may use: what real exports contain (spreadsheets in French locales write semicolons).
public enum CSVDelimiter: Character, Sendable, Hashable, CaseIterable {
    /// `,`, RFC 4180's.
    case comma = ","
    /// `;`, what spreadsheets write where the comma is the decimal separator.
    case semicolon = ";"
    /// A tab, as in TSV exports.
    case tab = "\t"

    /// The name to show a user: `comma`, `semicolon`, `tab`.
    public var name: String {
        switch self {
        case .comma: "comma"
        case .semicolon: "semicolon"
        case .tab: "tab"
        }
    }

    /// The delimiter as the one byte it is in UTF-8.
    var byte: UInt8 { rawValue.asciiValue ?? UInt8(ascii: ",") }

    /// The delimiter that occurs most often, outside quotes, on the first line of `bytes` (UTF-8); comma on a tie
    /// or when none occurs.
    static func detect(inFirstLineOf bytes: some Sequence<UInt8>) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var inQuotes = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            if let delimiter = allCases.first(where: { $0.byte == byte }) { counts[delimiter, default: 0] += 1 }
        }
        var best = CSVDelimiter.comma
        for delimiter in allCases where counts[delimiter, default: 0] > counts[best, default: 0] {
            best = delimiter
        }
        return best
    }
}
