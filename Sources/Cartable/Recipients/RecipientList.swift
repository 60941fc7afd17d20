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
    /// The text encoding of the file: Windows-1252 when some record was read as such (`nil` for lists not read from a file).
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
        if let irregularity = CampaignFileAccess.irregularity(of: url.path) { throw RecipientListError(path: path, reason: irregularity) }
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
        // The one reader and its record-by-record decision, as RecipientStream (preview, queue) reads the same file.
        let table = CSVTable(bytes: [UInt8](data))
        var diagnostics: [Diagnostic] = []
        if let warning = table.nonUTF8Records.warning(path: path) { diagnostics.append(warning) }
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
        list.encoding = table.nonUTF8Records.count > 0 ? .windows1252 : .utf8
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
                hint: "the columns are: \(HeaderExcerpt.columns(columns)); map them with `columns:` or pick another preset"
            ))
        }
        guard missing.isEmpty else { return }
        let canName = mapping.columns[.name] != nil || (mapping.columns[.firstName] != nil && mapping.columns[.lastName] != nil)
        guard canName else {
            diagnostics.append(Diagnostic(
                .error, file: path, line: 1, column: 1,
                message: "no column gives the recipients' names: need 'name', or both 'first_name' and 'last_name'",
                hint: "the columns are: \(HeaderExcerpt.columns(columns))"
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
