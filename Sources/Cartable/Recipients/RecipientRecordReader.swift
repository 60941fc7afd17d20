import Foundation

/// Turns one source record into a ``Recipient``: trims and NFC-normalises text, reads handles per channel,
/// unifies department codes, and reports each repair and rejection against the record's row.
struct RecipientRecordReader {
    let path: String
    let mapping: ColumnMapping
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var repairedHandles = 0
    private(set) var rejectedHandles = 0

    /// Where each mapped field's column is in `header`, when every record comes from one table.
    private let columnPositions: [RecipientField: Int]?

    /// A reader for records of any source, looked up by column name.
    init(path: String, mapping: ColumnMapping) {
        self.path = path
        self.mapping = mapping
        columnPositions = nil
    }

    /// A reader for the rows of one table with `header`: a row's values are found by position, not by name.
    init(path: String, mapping: ColumnMapping, header: [String]) {
        self.path = path
        self.mapping = mapping
        var positions: [RecipientField: Int] = [:]
        for (field, column) in mapping.columns {
            // The later of two columns with one name, as a record's values by name keep it.
            if let position = header.lastIndex(of: column) { positions[field] = position }
        }
        columnPositions = positions
    }

    /// The raw value of `field` in `record`, if the record has it.
    private func raw(_ field: RecipientField, in record: SourceRecord) -> String? {
        if let columnPositions, let fields = record.fieldsInColumnOrder {
            guard let position = columnPositions[field], position < fields.count else { return nil }
            return fields[position]
        }
        guard let column = mapping.columns[field] else { return nil }
        return record.values[column]
    }

    mutating func recipient(from record: SourceRecord) -> Recipient? {
        func value(_ field: RecipientField) -> String? {
            guard let raw = raw(field, in: record) else { return nil }
            let cleaned = Self.cleanText(raw)
            return cleaned.isEmpty ? nil : cleaned
        }
        let firstName = value(.firstName)
        let lastName = value(.lastName)
        let name = value(.name) ?? [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        guard !name.isEmpty else {
            report(.error, record, "has no name; the record is rejected", hint: "every recipient needs a name")
            return nil
        }
        let id: String
        if mapping.columns[.id] == nil {
            id = Self.slug(name)
            // A name without a letter or digit makes no id, and a recipient without one would be lost when the list
            // is written out and read again (found by fuzzing: Fuzz/Findings/fuzz-recipients-crash-6ec7a4…).
            guard !id.isEmpty else {
                report(.error, record, "(\(name)) has no id, and its name has no letter or digit to make one; the record is rejected",
                       hint: "add an id column, or a name with letters")
                return nil
            }
        } else if let given = value(.id) {
            id = given
        } else {
            report(.error, record, "(\(name)) has no id; the record is rejected", hint: "every recipient needs a unique id")
            return nil
        }
        var recipient = Recipient(id: id, name: name, firstName: firstName, lastName: lastName)
        recipient.email = value(.email)
        recipient.group = value(.group)
        recipient.groupName = value(.groupName)
        recipient.departmentName = value(.departmentName)
        if let rawDepartment = value(.department) {
            if let department = Department(code: rawDepartment) {
                recipient.department = department.code
                recipient.departmentName = department.name
            } else {
                report(.warning, record, "(\(name)): '\(rawDepartment)' is not a department code; left empty",
                       hint: "codes are 01 to 95, 2A, 2B, 971 to 988, or 99 for the French abroad")
            }
        }
        if let rawConstituency = value(.constituency) {
            if let number = Int(rawConstituency), number > 0 {
                recipient.constituency = number
            } else {
                report(.warning, record, "(\(name)): constituency '\(rawConstituency)' is not a positive number; left empty")
            }
        }
        for field in [RecipientField.twitter, .mastodon, .bluesky] {
            guard let channel = field.channel, let raw = raw(field, in: record) else { continue }
            let handle = readHandle(raw, on: channel, record: record, name: name)
            switch channel {
            case .twitter: recipient.twitter = handle
            case .mastodon: recipient.mastodon = handle
            case .bluesky: recipient.bluesky = handle
            case .webhook: break
            }
        }
        return recipient
    }

    private mutating func readHandle(_ raw: String, on channel: Channel, record: SourceRecord, name: String) -> String? {
        switch Handle.read(raw, on: channel) {
        case .none:
            return nil
        case .valid(let handle):
            return handle
        case .repaired(let handle, let repair):
            repairedHandles += 1
            report(.warning, record, "(\(name)): \(channel.rawValue) handle \(Self.quoted(raw)) repaired to '\(handle)' (\(repair))")
            return handle
        case .rejected(let reason):
            rejectedHandles += 1
            report(.warning, record, "(\(name)): \(channel.rawValue) handle rejected: \(reason); the recipient has no \(channel.rawValue) handle",
                   hint: "give the right handle in an overrides file (see docs/recipients-format.md)")
            return nil
        }
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ record: SourceRecord, _ message: String, hint: String? = nil) {
        diagnostics.append(Diagnostic(
            severity, file: path, line: record.line, column: record.line.map { _ in 1 },
            message: "\(record.label) \(message)", hint: hint
        ))
    }

    /// A value as it should be kept: NFC, no surrounding whitespace, inner runs of whitespace (including line
    /// breaks inside quoted fields) folded to one space.
    static func cleanText(_ raw: String) -> String {
        if isClean(raw) { return raw }
        let nfc = UnicodeNormalization.nfc(raw)
        return nfc.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether `raw` is already NFC with single inner spaces and nothing to trim: true of nearly every field, and
    /// far cheaper to check than to rebuild. Lead bytes 0xC2, 0xE1, 0xE2, 0xE3 start every non-ASCII whitespace
    /// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000), so a text without them has only ASCII whitespace.
    private static func isClean(_ raw: String) -> Bool {
        var previousWasSpace = true  // a leading space is not clean
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: " "):
                if previousWasSpace { return false }
                previousWasSpace = true
            case 0x09...0x0D, 0xC2, 0xE1, 0xE2, 0xE3:
                return false
            default:
                previousWasSpace = false
            }
        }
        return !previousWasSpace && UnicodeNormalization.isKnownNFC(raw)
    }

    /// A raw value shown in a message, with line breaks made visible.
    static func quoted(_ raw: String) -> String {
        "'" + raw.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n") + "'"
    }

    /// An id made from a name when the source has none: `Jérôme Guedj` → `jerome-guedj`.
    static func slug(_ name: String) -> String {
        SearchText.fold(name).split(separator: " ").joined(separator: "-")
    }
}
