import Foundation

/// A campaign's recipients read one at a time, for batches too large to hold: CSV files are read record by
/// record (``CSVReader``), JSON files are loaded whole (JSON has no record boundaries to stream on).
///
/// Gives the same recipients, in the same order, as ``RecipientList/load(contentsOf:displayPath:mapping:)``
/// followed by ``RecipientOverrides/apply(to:)``, and reports the same errors (rejected records, duplicate ids,
/// overrides that match no one), at the end of the stream for those only known then. Two things differ, to keep
/// memory flat: a duplicate id's message names the id but not the earlier record, and handles shared by two
/// recipients are looked for only when asked (`cartable lint` does), with a compact ``SharedHandleFinder`` whose
/// warnings name the earlier row but not its recipient.
///
/// Memory grows with the list only by the ids seen, to reject duplicates (an ``IDSet``: 32 to 48 bytes an id of up to
/// 15 UTF-8 bytes, plus a heap copy of a longer id); and, when asked, the shared handles' table.
public final class RecipientStream: Sequence, IteratorProtocol {
    /// The file, as the user named it.
    public let path: String
    /// Problems found; complete, and sorted by line, once the stream has given its last recipient.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Counts of what reading did so far.
    @exclusivity(unchecked) public private(set) var report = RecipientListReport()

    private enum Source {
        case csv(CSVSource)
        case loaded(IndexingIterator<[Recipient]>)
        case finished
    }

    /// A CSV file being read: held by reference, so its reader's buffers are mutated in place, never copied.
    ///
    /// Its state, like the stream's, is touched once or twice per row by one thread at a time; Swift's run-time check
    /// that two accesses to a class's property never overlap (`@exclusivity(unchecked)` turns it off) cost a tenth
    /// as much as reading the row.
    private final class CSVSource {
        @exclusivity(unchecked) var rows: CSVReader
        let header: [String]
        @exclusivity(unchecked) var reader: RecipientRecordReader
        /// The id column's position, when the list has one.
        let idPosition: Int?

        init(rows: CSVReader, header: [String], reader: RecipientRecordReader, idPosition: Int?) {
            self.rows = rows
            self.header = header
            self.reader = reader
            self.idPosition = idPosition
        }
    }

    @exclusivity(unchecked) private var source: Source
    @exclusivity(unchecked) private var seenIDs = IDSet()
    private var overrides: [String: RecipientOverrides.Entry] = [:]
    private var overridesFile: RecipientOverrides?
    private var pendingAdditions: [Recipient] = []
    private var addedOverrides = false
    private var sharedHandles: SharedHandleFinder?

    /// Opens the recipient file at `url` (and its overrides file, if any). With `findingSharedHandles`, a handle an
    /// earlier recipient has is a warning, as ``RecipientList`` gives (a JSON list, loaded whole, always has them).
    ///
    /// - Throws: ``RecipientListError`` when a file cannot be read at all.
    public init(contentsOf url: URL, displayPath: String? = nil, mapping: ColumnMapping = .cartable,
                overrides overridesURL: URL? = nil, overridesDisplayPath: String? = nil,
                findingSharedHandles: Bool = false) throws(RecipientListError) {
        path = displayPath ?? url.path
        if let overridesURL {
            do {
                let (loaded, problems) = try RecipientOverrides.load(contentsOf: overridesURL, displayPath: overridesDisplayPath)
                overridesFile = loaded
                diagnostics += problems
                for entry in loaded.entries where overrides[entry.id] == nil { overrides[entry.id] = entry }
            } catch {
                diagnostics.append(error.diagnostic)
            }
        }
        if url.pathExtension.lowercased() == "json" {
            var list = try RecipientList.load(contentsOf: url, displayPath: displayPath, mapping: mapping)
            if let overridesFile { overridesFile.apply(to: &list) }
            overrides = [:]
            overridesFile = nil
            diagnostics += list.diagnostics
            report = list.report
            source = .loaded(list.recipients.makeIterator())
            return
        }
        if let irregularity = CampaignFileAccess.irregularity(of: url.path) { throw RecipientListError(path: path, reason: irregularity) }
        let rows: CSVReader
        do {
            rows = try CSVReader(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "does not exist"
            throw RecipientListError(path: path, reason: reason)
        }
        source = .finished
        var reader = rows
        let header = ((try? reader.nextRow())?.fields ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let recordReader = prepare(mapping: mapping, columns: header) else { return }
        let idPosition = mapping.columns[.id].flatMap { header.lastIndex(of: $0) }
        source = .csv(CSVSource(rows: reader, header: header, reader: recordReader, idPosition: idPosition))
        // Room for about as many ids as the file has rows (64 bytes a row is short), so the set is not rebuilt and
        // every id hashed again each time it doubles.
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int {
            seenIDs = IDSet(minimumCapacity: Swift.min(size / 64, 1 << 24))
        }
        if findingSharedHandles { sharedHandles = SharedHandleFinder() }
    }

    /// The next recipient, or `nil` when the file is read (its end-of-file problems are then in ``diagnostics``).
    public func next() -> Recipient? {
        while true {
            switch source {
            case .finished:
                return nextAddition()
            case .loaded(var iterator):
                let next = iterator.next()
                source = next == nil ? .finished : .loaded(iterator)
                if let next { return next }
            case .csv(let csv):
                let row: CSVRow?
                do {
                    row = try csv.rows.nextRow()
                } catch {
                    diagnostics.append(Diagnostic(.error, file: path, message: "cannot be read to the end: \(error.localizedDescription)"))
                    row = nil
                }
                guard let row else {
                    source = .finished
                    finishCSV(csv.rows, reader: csv.reader)
                    continue
                }
                // The id's slot loads while the recipient is made (its raw value: nearly always the id as kept).
                if let position = csv.idPosition, position < row.fields.count { seenIDs.prefetch(row.fields[position]) }
                if let recipient = recipient(from: row, header: csv.header, reader: &csv.reader) { return recipient }
            }
        }
    }

    /// Checks the mapping against the header, as ``RecipientList/init(records:columns:path:mapping:)`` does.
    private func prepare(mapping fullMapping: ColumnMapping, columns: [String]) -> RecipientRecordReader? {
        var mapping = fullMapping
        if !mapping.requiresEveryColumn {
            mapping.columns = mapping.columns.filter { columns.contains($0.value) }
        }
        let missing = mapping.columns.filter { !columns.contains($0.value) }.sorted { $0.key.rawValue < $1.key.rawValue }
        for (field, column) in missing {
            diagnostics.append(Diagnostic(
                .error, file: path, line: 1, column: 1,
                message: "no column '\(column)' for the recipients' \(field.rawValue) (preset '\(mapping.name)')",
                hint: "the columns are: \(HeaderExcerpt.columns(columns)); map them with `columns:` or pick another preset"))
        }
        guard missing.isEmpty else { return nil }
        guard mapping.columns[.name] != nil || (mapping.columns[.firstName] != nil && mapping.columns[.lastName] != nil) else {
            diagnostics.append(Diagnostic(
                .error, file: path, line: 1, column: 1,
                message: "no column gives the recipients' names: need 'name', or both 'first_name' and 'last_name'",
                hint: "the columns are: \(HeaderExcerpt.columns(columns))"))
            return nil
        }
        return RecipientRecordReader(path: path, mapping: mapping, header: columns)
    }

    private func recipient(from row: CSVRow, header: [String], reader: inout RecipientRecordReader) -> Recipient? {
        report.recordsRead += 1
        let rowNumber = report.recordsRead + 1
        guard row.fields.count <= header.count else {
            diagnostics.append(Diagnostic(
                .error, file: path, line: row.line, column: 1,
                message: "row \(rowNumber) has \(row.fields.count) fields but the header has \(header.count); the row is rejected",
                hint: "a field holding a delimiter must be quoted"))
            report.rejectedRecords += 1
            return nil
        }
        let record = SourceRecord(line: row.line, row: rowNumber, fields: row.fields, header: header, fieldsAreClean: row.fieldsAreClean)
        guard var recipient = reader.recipient(from: record) else {
            report.rejectedRecords += 1
            return nil
        }
        guard seenIDs.insert(recipient.id) else {
            diagnostics.append(Diagnostic(
                .error, file: path, line: row.line, column: 1,
                message: "row \(rowNumber): duplicate id '\(recipient.id)' (\(recipient.name)), already used by an earlier record; the later record is rejected",
                hint: "ids must be unique; remove the repeated record or give it its own id"))
            report.rejectedRecords += 1
            report.duplicates += 1
            return nil
        }
        if !overrides.isEmpty, let entry = overrides.removeValue(forKey: recipient.id) {
            var single = RecipientList(path: path, recipients: [recipient])
            RecipientOverrides(path: overridesFile?.path ?? path, entries: [entry]).apply(to: &single)
            diagnostics += single.diagnostics
            recipient = single.recipients.first ?? recipient
        }
        if let shared = sharedHandles?.check(recipient, row: report.recordsRead + 1, line: row.line, path: path), !shared.isEmpty {
            diagnostics += shared
            report.duplicates += shared.count
        }
        return recipient
    }

    private func finishCSV(_ rows: CSVReader, reader: RecipientRecordReader) {
        report.repairedHandles = reader.repairedHandles
        report.rejectedHandles = reader.rejectedHandles
        diagnostics += reader.diagnostics
        if let warning = rows.nonUTF8Records.warning(path: path) { diagnostics.insert(warning, at: 0) }
        if rows.hasUnterminatedQuote {
            diagnostics.append(Diagnostic(
                .error, file: path, line: rows.lastRecordLine, column: 1,
                message: "a quoted field is never closed; it runs to the end of the file", hint: "look for a stray '\"' in this record"))
        }
        // By line, file-level problems first, as RecipientList orders them.
        diagnostics = diagnostics.enumerated().sorted { a, b in
            let lineA = a.element.line ?? 0, lineB = b.element.line ?? 0
            return lineA != lineB ? lineA < lineB : a.offset < b.offset
        }.map(\.element)
    }

    /// Recipients the overrides file adds (ids the list lacks), after the list's own, in the overrides file's order.
    private func nextAddition() -> Recipient? {
        if !addedOverrides {
            addedOverrides = true
            if let overridesFile {
                let unmatched = overridesFile.entries.filter { overrides[$0.id] != nil && !seenIDs.contains($0.id) }
                var additions = RecipientList(path: path, recipients: [])
                RecipientOverrides(path: overridesFile.path, entries: unmatched).apply(to: &additions)
                diagnostics += additions.diagnostics
                pendingAdditions = additions.recipients.reversed()
            }
        }
        return pendingAdditions.popLast()
    }
}
