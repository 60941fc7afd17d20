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
        // Appended into one string: a preview writes one line per message of batches of millions.
        var line = ""
        line.reserveCapacity(cells.reduce(cells.count + 8) { $0 + $1.utf8.count })
        for (index, value) in cells.enumerated() {
            if index > 0 { line += "," }
            appendCell(value, to: &line)
        }
        line += "\n"
        return line
    }

    /// A cell as written: neutralised, then quoted if it must be.
    public static func cell(_ value: String) -> String {
        var cell = ""
        appendCell(value, to: &cell)
        return cell
    }

    /// Appends `value` as a cell: a `'` in front when ``neutralised(_:)`` puts one, in quotes when it holds a
    /// separator, a quote or a line break or starts or ends with a space, quotes doubled.
    private static func appendCell(_ value: String, to output: inout String) {
        let utf8 = value.utf8
        let neutralise = needsMark(value)
        var needsQuotes = utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ")
        var hasQuote = false
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): hasQuote = true; needsQuotes = true
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
            default: break
            }
        }
        if needsQuotes { output += "\"" }
        if neutralise { output += "'" }
        if hasQuote {
            for part in value.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
                if part.offset > 0 { output += "\"\"" }
                output += part.element
            }
        } else {
            output += value
        }
        if needsQuotes { output += "\"" }
    }

    /// `cell` made safe: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front. So does a leading
    /// `'`, so that ``restored(_:)`` can tell the `'` it must take off from one the cell really starts with.
    public static func neutralised(_ cell: String) -> String {
        needsMark(cell) ? "'" + cell : cell
    }

    /// A cell read back: the `'` that ``neutralised(_:)`` put in front is taken off again, so that a list Cartable
    /// wrote reads back exactly as it was (a name `@Someone` stays `@Someone`, not `'@Someone`). A `'` followed by
    /// anything else (`'Brien`) is the cell's own and stays.
    public static func restored(_ cell: String) -> String {
        var bytes = cell.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "'"), let second = bytes.next(), escapedFirstBytes.contains(second) else { return cell }
        return String(cell.unicodeScalars.dropFirst())
    }

    /// Whether ``neutralised(_:)`` puts a `'` in front of `cell`: it starts with one of ``escapedFirstBytes``.
    private static func needsMark(_ cell: String) -> Bool {
        guard let first = cell.utf8.first else { return false }
        return escapedFirstBytes.contains(first)
    }

    /// The first characters a spreadsheet may run as a formula, and the `'` that marks them; all ASCII, so a cell's
    /// first byte tells whether it starts with one.
    private static let escapedFirstBytes: [UInt8] = Array("=+-@\t\r'".utf8)
}
