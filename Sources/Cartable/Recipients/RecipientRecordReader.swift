import Foundation

/// Turns one source record into a ``Recipient``: trims and NFC-normalises text, reads handles per channel,
/// unifies department codes, and reports each repair and rejection against the record's row.
struct RecipientRecordReader {
    let path: String
    let mapping: ColumnMapping
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var repairedHandles = 0
    private(set) var rejectedHandles = 0

    /// Where each mapped field's column is in `header`, by ``RecipientField/index`` (`-1`: not mapped), when every
    /// record comes from one table.
    private let columnPositions: [Int]?
    /// Whether the mapping names an id column (else ids are made from names).
    private let hasIDColumn: Bool

    /// A reader for records of any source, looked up by column name.
    init(path: String, mapping: ColumnMapping) {
        self.path = path
        self.mapping = mapping
        hasIDColumn = mapping.columns[.id] != nil
        columnPositions = nil
    }

    /// A reader for the rows of one table with `header`: a row's values are found by position, not by name.
    init(path: String, mapping: ColumnMapping, header: [String]) {
        self.path = path
        self.mapping = mapping
        hasIDColumn = mapping.columns[.id] != nil
        var positions = [Int](repeating: -1, count: RecipientField.allCases.count)
        for (field, column) in mapping.columns {
            // The later of two columns with one name, as a record's values by name keep it.
            if let position = header.lastIndex(of: column) { positions[field.index] = position }
        }
        columnPositions = positions
    }

    /// A record's raw values by field, found by position in a table's row or by column name.
    private enum RawValues {
        /// A table's row; `clean` when its reader found every field clean text already.
        case positional(fields: [String], positions: [Int], clean: Bool)
        case named(values: [String: String], columns: [RecipientField: String])

        init(_ record: SourceRecord, positions: [Int]?, columns: [RecipientField: String]) {
            if let positions, let fields = record.fieldsInColumnOrder {
                self = .positional(fields: fields, positions: positions, clean: record.fieldsAreClean)
            } else {
                self = .named(values: record.values, columns: columns)
            }
        }

        /// The raw value of `field`, if the record has it.
        subscript(field: RecipientField) -> String? {
            switch self {
            case .positional(let fields, let positions, _):
                let position = positions[field.index]
                return position >= 0 && position < fields.count ? fields[position] : nil
            case .named(let values, let columns):
                return columns[field].flatMap { values[$0] }
            }
        }

        /// The value of `field` as it is kept (``RecipientRecordReader/cleanText(_:)``), or nil when empty.
        func cleaned(_ field: RecipientField) -> String? {
            guard let raw = self[field] else { return nil }
            if case .positional(_, _, clean: true) = self { return raw.isEmpty ? nil : raw }
            let cleaned = RecipientRecordReader.cleanText(raw)
            return cleaned.isEmpty ? nil : cleaned
        }
    }

    mutating func recipient(from record: SourceRecord) -> Recipient? {
        let values = RawValues(record, positions: columnPositions, columns: mapping.columns)
        func value(_ field: RecipientField) -> String? { values.cleaned(field) }
        let firstName = value(.firstName)
        let lastName = value(.lastName)
        let name = value(.name) ?? [firstName, lastName].compactMap { $0 }.joined(separator: " ")
        guard !name.isEmpty else {
            report(.error, record, "has no name; the record is rejected", hint: "every recipient needs a name")
            return nil
        }
        let id: String
        if !hasIDColumn {
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
        var department: String?
        var departmentName = value(.departmentName)
        if let rawDepartment = value(.department) {
            if let known = Department(code: rawDepartment) {
                department = known.code
                departmentName = known.name
            } else {
                report(.warning, record, "(\(name)): '\(rawDepartment)' is not a department code; left empty",
                       hint: "codes are 01 to 95, 2A, 2B, 971 to 988, or 99 for the French abroad")
            }
        }
        var constituency: Int?
        if let rawConstituency = value(.constituency) {
            if let number = Int(rawConstituency), number > 0 {
                constituency = number
            } else {
                report(.warning, record, "(\(name)): constituency '\(rawConstituency)' is not a positive number; left empty")
            }
        }
        func handle(_ field: RecipientField, on channel: Channel) -> String? {
            values[field].flatMap { readHandle($0, on: channel, record: record, name: name) }
        }
        // Made in one call, not field by field: a recipient built up in a `var` was copied once more to be returned.
        return Recipient(
            id: id, name: name, firstName: firstName, lastName: lastName,
            twitter: handle(.twitter, on: .twitter), mastodon: handle(.mastodon, on: .mastodon), bluesky: handle(.bluesky, on: .bluesky),
            email: value(.email), group: value(.group), groupName: value(.groupName),
            department: department, departmentName: departmentName, constituency: constituency)
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
        let (clean, highest) = raw.withUTF8Bytes { bytes -> (Bool, UInt8) in
            let count = bytes.count
            guard let base = bytes.baseAddress else { return (false, 0) }  // empty: nothing to keep
            var previousWasSpace = true  // a leading space is not clean
            var seen: UInt64 = 0  // every byte or-ed together: is any not ASCII?
            var index = 0
            while index < count {
                // Eight bytes at a time while none is a space or below (most of a name or a code).
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080 == 0 {
                        seen |= word
                        previousWasSpace = false
                        index += 8
                        continue
                    }
                }
                let byte = base[index]
                seen |= UInt64(byte)
                if byte == UInt8(ascii: " ") {
                    if previousWasSpace { return (false, 0) }
                    previousWasSpace = true
                } else if byte >= 0x09 && byte <= 0x0D {
                    return (false, 0)
                } else {
                    previousWasSpace = false
                }
                index += 1
            }
            guard !previousWasSpace else { return (false, 0) }
            guard seen & 0x8080_8080_8080_8080 != 0 else { return (true, 0) }
            // Not ASCII: no lead of a non-ASCII space, and the highest byte.
            var highest: UInt8 = 0
            for byte in bytes where byte >= 0xC2 {
                if byte == 0xC2 || (byte >= 0xE1 && byte <= 0xE3) { return (false, 0) }
                highest = Swift.max(highest, byte)
            }
            return (true, highest)
        }
        // Below 0xCC, a byte is ASCII, a continuation, or the lead of a scalar below U+0300: NFC without looking further.
        return clean && (highest < 0xCC || UnicodeNormalization.isKnownNFC(raw))
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
