/// How a preview writes the batch.
public enum PreviewFormat: String, Sendable, Hashable, CaseIterable {
    /// For people at a terminal: one block per message with a length gauge, then a summary.
    case table
    /// One JSON document: the messages, then the summary.
    case json
    /// One JSON object per message and line, nothing else: for programs, written as it goes.
    case jsonl
    /// One row per message, safe to open in a spreadsheet.
    case csv
    /// A self-contained web page to open and share: post cards, problems first, charts and filters.
    case html

    /// The format a file name's extension implies (`report.html` → html), if any.
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "html", "htm": self = .html
        case "json": self = .json
        case "jsonl", "ndjson": self = .jsonl
        case "csv": self = .csv
        case "txt": self = .table
        default: return nil
        }
    }
}
