import Foundation

/// The one CSV writer, for every command that writes CSV (`preview --format csv`, `recipients list|search --format
/// csv`, `recipients import`): comma-separated, LF line ends, RFC 4180 quoting, and safe to open in a spreadsheet.
///
/// Safe per OWASP's rule on CSV injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// one a spreadsheet may run as a formula, so it gets a `'` in front, which spreadsheets show as text. And a cell is
/// quoted whenever it holds a separator of any kind a spreadsheet may split on (`,`, `;` as French spreadsheets use,
/// a tab), a quote or a line break, so that no split can start a new cell inside it (`Dupont;=cmd|…`).
public enum CSVWriter {
    /// The CSV text for `rows` (the header is just the first row), ending with a line break.
    public static func text(_ rows: [[String]]) -> String {
        var output = ""
        for row in rows { output += line(row) }
        return output
    }

    /// One row, ending with a line break.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\n"
    }

    /// A cell as written: neutralised, then quoted if it must be.
    public static func cell(_ value: String) -> String {
        quotedIfNeeded(neutralised(value))
    }

    /// `cell` made safe: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front. So does a leading
    /// `'`, so that ``restored(_:)`` can tell the `'` it must take off from one the cell really starts with.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, escapedFirstScalars.contains(first) else { return cell }
        return "'" + cell
    }

    /// A cell read back: the `'` that ``neutralised(_:)`` put in front is taken off again, so that a list Cartable
    /// wrote reads back exactly as it was (a name `@Someone` stays `@Someone`, not `'@Someone`). A `'` followed by
    /// anything else (`'Brien`) is the cell's own and stays.
    public static func restored(_ cell: String) -> String {
        var scalars = cell.unicodeScalars.makeIterator()
        guard scalars.next() == "'", let second = scalars.next(), escapedFirstScalars.contains(second) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }

    /// The first characters a spreadsheet may run as a formula, and the `'` that marks them.
    private static let escapedFirstScalars = "=+-@\t\r'".unicodeScalars

    static func quotedIfNeeded(_ field: String) -> String {
        let needsQuotes = field.unicodeScalars.contains { ",;\t\"\n\r".unicodeScalars.contains($0) }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
