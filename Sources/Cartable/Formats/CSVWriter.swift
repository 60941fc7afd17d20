import Foundation

/// Writes rows as RFC 4180 CSV: comma-separated, LF line ends, fields quoted only when they must be.
public enum CSVWriter {
    /// The CSV text for `rows` (the header is just the first row), ending with a line break.
    public static func text(_ rows: [[String]]) -> String {
        var output = ""
        for row in rows {
            output += row.map(quotedIfNeeded).joined(separator: ",")
            output += "\n"
        }
        return output
    }

    static func quotedIfNeeded(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
