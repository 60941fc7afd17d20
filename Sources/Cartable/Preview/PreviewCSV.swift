/// The CSV shape of a preview: a header, then one row per message, written by ``CSVWriter`` and so safe to open in a
/// spreadsheet. Texts that start with a mention (`@handle ...`) therefore read `'@handle ...` in the file; the JSON
/// formats keep them exact.
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

    private static func row(_ cells: [String]) -> String {
        CSVWriter.line(cells)
    }
}
