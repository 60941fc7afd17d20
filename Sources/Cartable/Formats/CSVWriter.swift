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
        var output: [UInt8] = []
        for row in rows { appendLine(row, to: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    /// One row, ending with a line break.
    public static func line(_ cells: [String]) -> String {
        var output: [UInt8] = []
        appendLine(cells, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends one row, ending with a line break, to `output` as UTF-8.
    public static func appendLine(_ cells: [String], to output: inout [UInt8]) {
        for (index, value) in cells.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            appendCell(value, to: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    /// A cell as written: neutralised, then quoted if it must be.
    public static func cell(_ value: String) -> String {
        var output: [UInt8] = []
        appendCell(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `value` as a cell to `output`, as UTF-8: a `'` in front when ``neutralised(_:)`` puts one, in quotes
    /// when it holds a separator, a quote or a line break or starts or ends with a space, quotes doubled. Written
    /// straight into the output: a preview writes a dozen cells per message of batches of millions.
    public static func appendCell(_ value: String, to output: inout [UInt8]) {
        value.withUTF8Bytes { bytes in
            let shape = CellShape(bytes)
            if shape.needsQuotes { output.append(UInt8(ascii: "\"")) }
            if shape.needsMark { output.append(UInt8(ascii: "'")) }
            if shape.hasQuote {
                for byte in bytes {
                    output.append(byte)
                    if byte == UInt8(ascii: "\"") { output.append(byte) }
                }
            } else {
                output.append(contentsOf: bytes)
            }
            if shape.needsQuotes { output.append(UInt8(ascii: "\"")) }
        }
    }

    /// Whether `value` is written as it is, neither quoted nor marked: what a writer checks before appending a
    /// cell's start and then a rest it knows needs neither (a link's prefix, then its percent-encoded text).
    public static func isWrittenAsIs(_ value: String) -> Bool {
        return value.withUTF8Bytes { bytes in
            let shape = CellShape(bytes)
            return !shape.needsQuotes && !shape.needsMark
        }
    }

    /// What writing a cell takes: a mark in front, quotes around, quotes doubled.
    private struct CellShape {
        var needsMark: Bool
        var needsQuotes: Bool
        var hasQuote = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            needsMark = bytes.first.map(escapedFirstBytes.contains) ?? false
            needsQuotes = bytes.first == UInt8(ascii: " ") || bytes.last == UInt8(ascii: " ")
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): hasQuote = true; needsQuotes = true
                case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
                default: break
                }
            }
        }
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
