/// The CSV shape of a preview: a header, then one row per message, safe to open in a spreadsheet.
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is one a spreadsheet may run as a
/// formula (CSV injection): it gets a `'` in front, which spreadsheets show as text. Texts that start with a
/// mention (`@handle ...`) therefore read `'@handle ...` in the file; the JSON formats keep them exact.
public enum PreviewCSV {
    /// The columns, in order: who, where, the text and how it measures.
    public static let columns = [
        "id", "name", "handle", "group", "department", "variant", "weightedLength", "maxLength", "valid", "problems",
        "text", "intentURL", "idempotencyKey",
    ]

    /// The first line: ``columns`` as CSV.
    public static var header: String { row(columns) }

    /// The line for `message`.
    public static func row(for message: Message) -> String {
        let recipient = message.recipient
        return row([
            recipient.id, recipient.name, recipient.handle(on: message.channel) ?? "", recipient.group ?? "",
            recipient.department ?? "", message.variantID ?? "", String(message.measurement.weightedLength),
            String(message.measurement.maxLength), message.isValid ? "true" : "false",
            message.problems.map { "\($0.code): \($0.description)" }.joined(separator: "; "),
            message.text, message.intentURL ?? "", message.idempotencyKey.rawValue,
        ])
    }

    /// `cell` made safe: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }

    private static func row(_ cells: [String]) -> String {
        cells.map { CSVWriter.quotedIfNeeded(neutralised($0)) }.joined(separator: ",") + "\n"
    }
}
