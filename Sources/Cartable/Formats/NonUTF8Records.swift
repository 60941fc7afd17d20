/// The records of a CSV file that were not UTF-8 and were read as Windows-1252, counted by ``CSVReader`` as it reads
/// them, and the one warning every command gives about them (lint, `recipients list`, preview, queue, write).
///
/// The decision is made record by record, by the one reader every path goes through: a UTF-8 list with one stray
/// Windows-1252 byte keeps every other record's accents right, and the warning says where to look.
struct NonUTF8Records: Sendable, Hashable {
    /// How many records were read as Windows-1252.
    private(set) var count = 0
    /// The line the first of them starts on.
    private(set) var firstLine: Int?

    mutating func add(line: Int) {
        count += 1
        if firstLine == nil { firstLine = line }
    }

    /// The warning, at the first such record; `nil` when every record was UTF-8.
    func warning(path: String) -> Diagnostic? {
        guard let firstLine else { return nil }
        let which = count == 1 ? "line \(firstLine) is" : "\(count) records are (the first on line \(firstLine))"
        return Diagnostic(
            .warning, file: path, line: firstLine, column: 1,
            message: "\(which) not valid UTF-8; read as Windows-1252",
            hint: "spreadsheet programs on Windows export this encoding; save as \"CSV UTF-8\" to be sure accents are right")
    }
}
