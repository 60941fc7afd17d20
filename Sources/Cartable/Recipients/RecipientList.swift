import Foundation

/// Recipients read from a CSV or JSON file, normalised, with every problem found on the way.
///
/// Nothing is dropped silently: a record that cannot become a recipient is reported as an error with its row,
/// a handle that was repaired or refused as a warning, and ``report`` counts them.
public struct RecipientList: Sendable {
    /// The file the list came from, as the user named it.
    public var path: String
    /// The recipients, in file order.
    public var recipients: [Recipient]
    /// Problems found while reading, in file order.
    public var diagnostics: [Diagnostic]
    /// Counts of what reading did.
    public var report: RecipientListReport
    /// The text encoding of the file (`nil` for lists not read from a file).
    public var encoding: DecodedText.Encoding?

    /// Creates a list from recipients already at hand.
    public init(path: String, recipients: [Recipient], diagnostics: [Diagnostic] = [], report: RecipientListReport? = nil) {
        self.path = path
        self.recipients = recipients
        self.diagnostics = diagnostics
        self.report = report ?? RecipientListReport(recordsRead: recipients.count)
    }

    /// Reads a recipient file, CSV or JSON (by extension, `.json`, else CSV), through `mapping`.
    ///
    /// - Parameter displayPath: how to name the file in diagnostics (defaults to the URL's path).
    /// - Throws: ``RecipientListError`` when the file cannot be read at all.
    public static func load(
        contentsOf url: URL, displayPath: String? = nil, mapping: ColumnMapping = .cartable
    ) throws(RecipientListError) -> RecipientList {
        let path = displayPath ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw RecipientListError(path: path, reason: reason)
        }
        if url.pathExtension.lowercased() == "json" {
            return try load(json: data, path: path, mapping: mapping)
        }
        return load(csv: data, path: path, mapping: mapping)
    }

    /// Reads CSV bytes through `mapping`.
    public static func load(csv data: Data, path: String, mapping: ColumnMapping = .cartable) -> RecipientList {
        let decoded = DecodedText(decoding: data)
        var diagnostics: [Diagnostic] = []
        if decoded.encoding == .windows1252 {
            diagnostics.append(Diagnostic(
                .warning, file: path, line: 1, column: 1,
                message: "the file is not valid UTF-8; read it as Windows-1252",
                hint: "spreadsheet programs on Windows export this encoding; save as \"CSV UTF-8\" to be sure accents are right"
            ))
        }
        let table = CSVTable(parsing: decoded.text)
        if table.hasUnterminatedQuote {
            diagnostics.append(Diagnostic(
                .error, file: path, line: table.rows.last?.line ?? 1, column: 1,
                message: "a quoted field is never closed; it runs to the end of the file",
                hint: "look for a stray '\"' in this record"
            ))
        }
        let header = table.header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var records: [SourceRecord] = []
        for row in table.rows {
            if row.fields.count > header.count {
                diagnostics.append(Diagnostic(
                    .error, file: path, line: row.line, column: 1,
                    message: "row \(records.count + 2) has \(row.fields.count) fields but the header has \(header.count); the row is rejected",
                    hint: "a field holding a '\(table.delimiter.rawValue)' must be quoted"
                ))
                records.append(SourceRecord(line: row.line, label: "row \(records.count + 2)", values: [:]))
                continue
            }
            var values: [String: String] = [:]
            for (index, column) in header.enumerated() where index < row.fields.count {
                values[column] = row.fields[index]
            }
            records.append(SourceRecord(line: row.line, label: "row \(records.count + 2)", values: values))
        }
        var list = RecipientList(records: records, columns: header, path: path, mapping: mapping)
        list.diagnostics = diagnostics + list.diagnostics
        list.encoding = decoded.encoding
        return list.sortedDiagnostics()
    }

    /// Reads JSON bytes (an array of objects, or an object holding one) through `mapping`.
    ///
    /// - Throws: ``RecipientListError`` when the bytes are not JSON or hold no array of objects.
    public static func load(json data: Data, path: String, mapping: ColumnMapping = .cartable) throws(RecipientListError) -> RecipientList {
        let parsed = try JSONRecords.parse(data, path: path)
        let records = parsed.objects.enumerated().map { index, object in
            SourceRecord(
                line: parsed.lines.isEmpty ? nil : parsed.lines[index],
                label: "record \(index + 1)", values: JSONRecords.flatten(object)
            )
        }
        let columns = Set(parsed.objects.flatMap(\.keys)).sorted()
        var list = RecipientList(records: records, columns: columns, path: path, mapping: mapping)
        list.encoding = .utf8
        return list
    }

    /// Turns source records into recipients through `mapping`, normalising and checking every value.
    ///
    /// - Parameter columns: the columns the source has, to report mapped columns it lacks.
    public init(records: [SourceRecord], columns: [String], path: String, mapping fullMapping: ColumnMapping) {
        var mapping = fullMapping
        if !mapping.requiresEveryColumn {
            mapping.columns = mapping.columns.filter { columns.contains($0.value) }
        }
        self.path = path
        recipients = []
        diagnostics = []
        report = RecipientListReport()
        encoding = nil

        let missing = mapping.columns.filter { !columns.contains($0.value) }.sorted { $0.key.rawValue < $1.key.rawValue }
        for (field, column) in missing {
            diagnostics.append(Diagnostic(
                .error, file: path, line: 1, column: 1,
                message: "no column '\(column)' for the recipients' \(field.rawValue) (preset '\(mapping.name)')",
                hint: "the columns are: \(columns.joined(separator: ", ")); map them with `columns:` or pick another preset"
            ))
        }
        guard missing.isEmpty else { return }
        let canName = mapping.columns[.name] != nil || (mapping.columns[.firstName] != nil && mapping.columns[.lastName] != nil)
        guard canName else {
            diagnostics.append(Diagnostic(
                .error, file: path, line: 1, column: 1,
                message: "no column gives the recipients' names: need 'name', or both 'first_name' and 'last_name'",
                hint: "the columns are: \(columns.joined(separator: ", "))"
            ))
            return
        }

        var reader = RecipientRecordReader(path: path, mapping: mapping)
        var sources: [SourceRecord] = []
        for record in records {
            report.recordsRead += 1
            if record.values.isEmpty {
                report.rejectedRecords += 1
                continue
            }
            if let recipient = reader.recipient(from: record) {
                recipients.append(recipient)
                sources.append(record)
            } else {
                report.rejectedRecords += 1
            }
        }
        diagnostics += reader.diagnostics
        report.repairedHandles = reader.repairedHandles
        report.rejectedHandles = reader.rejectedHandles
        removeDuplicates(sources: sources)
    }

    /// Rejects a second recipient with an id already seen; warns about a handle two recipients share.
    /// `sources` are the records the recipients came from, in the same order.
    private mutating func removeDuplicates(sources: [SourceRecord]) {
        var firstByID: [String: (recipient: Recipient, source: SourceRecord)] = [:]
        var kept: [(recipient: Recipient, source: SourceRecord)] = []
        for (recipient, source) in zip(recipients, sources) {
            if let first = firstByID[recipient.id] {
                diagnostics.append(Diagnostic(
                    .error, file: path, line: source.line, column: source.line.map { _ in 1 },
                    message: "\(source.label): duplicate id '\(recipient.id)' (\(recipient.name)), already used by \(first.source.label) (\(first.recipient.name)); the later record is rejected",
                    hint: "ids must be unique; remove the repeated record or give it its own id"
                ))
                report.rejectedRecords += 1
                report.duplicates += 1
                continue
            }
            firstByID[recipient.id] = (recipient, source)
            kept.append((recipient, source))
        }
        recipients = kept.map(\.recipient)
        for channel in [Channel.twitter, .mastodon, .bluesky] {
            var owner: [String: (recipient: Recipient, source: SourceRecord)] = [:]
            for (recipient, source) in kept {
                guard let handle = recipient.handle(on: channel)?.lowercased() else { continue }
                if let first = owner[handle] {
                    diagnostics.append(Diagnostic(
                        .warning, file: path, line: source.line, column: source.line.map { _ in 1 },
                        message: "\(source.label): \(recipient.name) has the same \(channel.rawValue) handle '\(handle)' as \(first.recipient.name) (\(first.source.label))",
                        hint: "one of them is probably wrong; correct it in an overrides file"
                    ))
                    report.duplicates += 1
                } else {
                    owner[handle] = (recipient, source)
                }
            }
        }
    }

    /// Orders diagnostics by line, keeping file-level ones first.
    func sortedDiagnostics() -> RecipientList {
        var copy = self
        copy.diagnostics = diagnostics.enumerated().sorted { a, b in
            let lineA = a.element.line ?? 0, lineB = b.element.line ?? 0
            return lineA != lineB ? lineA < lineB : a.offset < b.offset
        }.map(\.element)
        return copy
    }

    /// How many recipients a campaign on `channel` can reach, and how many it cannot for want of a handle.
    public func reach(on channel: Channel) -> Reach {
        let reachable = recipients.filter { $0.isReachable(on: channel) }.count
        return Reach(channel: channel, recipients: recipients.count, reachable: reachable)
    }

    /// The recipient with that id.
    public func recipient(id: String) -> Recipient? {
        recipients.first { $0.id == id }
    }
}

/// A recipient file that could not be read at all.
public struct RecipientListError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file, as the user named it.
    public var path: String
    /// Why it could not be read.
    public var reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: error: reason`.
    public var description: String { "\(path): error: \(reason)" }

    /// The error as a diagnostic.
    public var diagnostic: Diagnostic { Diagnostic(.error, file: path, message: reason) }
}

/// Counts of what reading a recipient file did.
public struct RecipientListReport: Sendable, Hashable, Codable {
    /// Records (rows or objects) read, header excluded.
    public var recordsRead: Int
    /// Records that did not become recipients (no name, no id, duplicate id, malformed row).
    public var rejectedRecords: Int
    /// Handles repaired (the repaired value was kept).
    public var repairedHandles: Int
    /// Handles refused (the recipient was kept, without that handle).
    public var rejectedHandles: Int
    /// Duplicate ids and shared handles found.
    public var duplicates: Int

    /// Creates a report.
    public init(recordsRead: Int = 0, rejectedRecords: Int = 0, repairedHandles: Int = 0, rejectedHandles: Int = 0, duplicates: Int = 0) {
        self.recordsRead = recordsRead
        self.rejectedRecords = rejectedRecords
        self.repairedHandles = repairedHandles
        self.rejectedHandles = rejectedHandles
        self.duplicates = duplicates
    }
}

/// How many recipients a channel reaches.
public struct Reach: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The channel.
    public var channel: Channel
    /// Recipients in the list (or the target set).
    public var recipients: Int
    /// Recipients with a handle on the channel (all of them for the webhook).
    public var reachable: Int
    /// Recipients without a handle on the channel.
    public var withoutHandle: Int { recipients - reachable }

    /// Creates a count.
    public init(channel: Channel, recipients: Int, reachable: Int) {
        self.channel = channel
        self.recipients = recipients
        self.reachable = reachable
    }

    /// `577 recipients: 374 reachable on twitter, 203 without a twitter handle`.
    public var description: String {
        guard channel.needsHandle else { return "\(recipients) recipients, all reachable on \(channel.rawValue)" }
        return "\(recipients) recipients: \(reachable) reachable on \(channel.rawValue), \(withoutHandle) without a \(channel.rawValue) handle"
    }
}
