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
    public static var header: String { CSVWriter.line(columns) }

    /// The line for `message`.
    public static func row(for message: Message) -> String {
        var bytes: [UInt8] = []
        append(message, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``row(for:)``'s line to `output`, as UTF-8: a preview writes one per message of batches of millions,
    /// straight into its output buffer.
    public static func append(_ message: Message, to output: inout [UInt8]) {
        let recipient = message.recipient
        func add(_ cell: String, first: Bool = false) {
            if !first { output.append(UInt8(ascii: ",")) }
            CSVWriter.appendCell(cell, to: &output)
        }
        add(recipient.id, first: true)
        add(recipient.name)
        add(recipient.handle(on: message.channel) ?? "")
        add(recipient.group ?? "")
        add(recipient.department ?? "")
        add(message.variantID ?? "")
        add(String(message.measurement.weightedLength))
        add(String(message.measurement.maxLength))
        add(message.isValid ? "true" : "false")
        add(message.problems.isEmpty ? "" : message.problems.map { "\($0.code): \($0.description)" }.joined(separator: "; "))
        add(message.text)
        // The link without making its text, when its prefix is written as it is: the encoded text after it needs no
        // quotes (only unreserved characters and `%XX`) and, behind a first character, no mark.
        if let prefix = message.intentLinkPrefix, !prefix.isEmpty, CSVWriter.isWrittenAsIs(prefix) {
            output.append(UInt8(ascii: ","))
            output.append(contentsOf: prefix.utf8)
            PercentEncoding.append(message.text, to: &output)
        } else {
            add(message.intentURL ?? "")
        }
        add(message.idempotencyKey.rawValue)
        output.append(UInt8(ascii: "\n"))
    }
}
