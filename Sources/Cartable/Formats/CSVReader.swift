import Foundation

/// Cartable's one CSV reader: reads a file one record at a time, in blocks, so memory stays flat however long the
/// file is; ``CSVTable`` reads a text whole with it. The dialect: comma, semicolon or tab detected from the header
/// line; CRLF, LF or CR line ends; quoted fields with doubled quotes and line breaks; blank lines skipped.
///
/// Text is UTF-8 (a byte order mark is dropped); a record whose bytes are not all UTF-8 is read with its other bytes
/// as Windows-1252 (``DecodedText/utf8WithWindows1252Bytes(_:)``), and ``nonUTF8Records`` counts it. Every recipient list is read by this one
/// reader, whole (``CSVTable``) or streamed, so every command decodes a file the same way.
struct CSVReader {
    /// The file read block by block; `nil` when every byte is in `buffer` from the start.
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var position = 0
    private var reachedEnd = false
    private var line = 1
    private(set) var delimiter: CSVDelimiter = .comma
    /// The line the last record read starts on.
    private(set) var lastRecordLine = 1
    /// Whether the file ended inside a quoted field.
    private(set) var hasUnterminatedQuote = false
    /// The records that were not UTF-8 and were read as Windows-1252.
    private(set) var nonUTF8Records = NonUTF8Records()
    private static let blockSize = 1 << 16
    /// How many fields the last simple record had: room for as many is made for the next one's.
    private var lastFieldCount = 0

    /// Opens `url` and detects the delimiter from its first line.
    init(contentsOf url: URL) throws {
        handle = try FileHandle(forReadingFrom: url)
        try fill(atLeast: 3)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        delimiter = try detectDelimiter()
    }

    /// Reads `bytes` (UTF-8), detecting the delimiter from their first line unless one is given.
    init(bytes: [UInt8], delimiter: CSVDelimiter? = nil) {
        handle = nil
        buffer = bytes
        reachedEnd = true
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        self.delimiter = delimiter ?? CSVDelimiter.detect(inFirstLineOf: buffer[position...])
    }

    /// The next record with the line it starts on, or `nil` at the end of the file.
    mutating func nextRow() throws -> CSVRow? {
        if let simple = nextSimpleRow() { return simple }
        let separator = delimiter.byte
        var rawFields: [[UInt8]] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        var recordLine = line
        func endField() {
            rawFields.append(field)
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        record: while true {
            if position >= buffer.count {
                try fill(atLeast: 1)
                if position >= buffer.count {
                    // End of file: the last record may lack its line break.
                    if inQuotes { hasUnterminatedQuote = true }  // Kept: the call after the last record reads nothing.
                    if field.isEmpty && rawFields.isEmpty && !fieldWasQuoted { return nil }
                    endField()
                    break record
                }
            }
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if try peek() == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\""), field.isEmpty, !fieldWasQuoted {
                inQuotes = true
                fieldWasQuoted = true
            } else if byte == separator {
                endField()
            } else if byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n") {
                if byte == UInt8(ascii: "\r"), try peek() == UInt8(ascii: "\n") { position += 1 }
                line += 1
                // A record that is one empty, unquoted field is a blank line: skip it.
                if field.isEmpty && rawFields.isEmpty && !fieldWasQuoted {
                    recordLine = line
                    continue record
                }
                endField()
                break record
            } else {
                field.append(byte)
            }
        }
        let fields: [String]
        if let utf8 = Self.utf8(rawFields) {
            fields = utf8
        } else {
            nonUTF8Records.add(line: recordLine)
            fields = rawFields.map { DecodedText.utf8WithWindows1252Bytes($0) }
        }
        lastRecordLine = recordLine
        // A cell Cartable's writer neutralised for spreadsheets reads back as it was written.
        return CSVRow(line: recordLine, fields: fields.map(CSVWriter.restored))
    }

    /// The next record when it is simple, as nearly every record of a recipient list is: whole in the buffer, not
    /// blank, without a quote, and UTF-8. Its fields are made straight from the buffer, without copying bytes one by
    /// one; any other record is left, unread, to the byte-by-byte reading of ``nextRow()``, which gives the same fields.
    private mutating func nextSimpleRow() -> CSVRow? {
        let separator = delimiter.byte
        let start = position
        let read: (fields: [String], clean: Bool, next: Int)? = buffer.withUnsafeBufferPointer { bytes in
            // One pass: split at the separators up to the line end, and see whether every field is clean text
            // (``CSVRow/fieldsAreClean``). The bytes that end a record, leave it to the slow reading, or can make a
            // field not clean or not ASCII are all at most "'" or from 0x80 up, so most bytes cost three comparisons.
            var fields: [String] = []
            fields.reserveCapacity(lastFieldCount)
            var fieldStart = start
            var valid = true
            var fieldIsASCII = true
            func addField(upTo end: Int) {
                let field = UnsafeBufferPointer(rebasing: bytes[fieldStart..<end])
                // A field with bytes that are not UTF-8 leaves the record to the slow reading.
                if !fieldIsASCII {
                    fieldIsASCII = true
                    guard UTF8Validation.isValid(field) else {
                        valid = false
                        return
                    }
                }
                let text = String(decoding: field, as: UTF8.self)
                // A cell Cartable's writer neutralised for spreadsheets reads back as it was written.
                fields.append(end > fieldStart && bytes[fieldStart] == UInt8(ascii: "'") ? CSVWriter.restored(text) : text)
            }
            var clean = true
            var previous = separator  // the byte before, the separator at a field's start
            var index = start
            scan: while index < bytes.count {
                let byte = bytes[index]
                if byte == separator {
                    if previous == UInt8(ascii: " ") { clean = false }
                    addField(upTo: index)
                    fieldStart = index + 1
                } else if byte <= UInt8(ascii: "'") {
                    switch byte {
                    case UInt8(ascii: "\n"), UInt8(ascii: "\r"): break scan
                    case UInt8(ascii: "\""): return nil
                    case UInt8(ascii: " "): if previous == UInt8(ascii: " ") || previous == separator { clean = false }
                    case 0x09...0x0D: clean = false
                    // A field CSVWriter neutralised, restored: it may start with a tab.
                    case UInt8(ascii: "'"): if previous == separator { clean = false }
                    default: break
                    }
                } else if byte >= 0x80 {
                    fieldIsASCII = false
                    // The lead of a non-ASCII space (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000), or of a scalar
                    // from U+0300 up, whose NFC is worth a look.
                    if byte == 0xC2 || byte >= 0xCC { clean = false }
                }
                previous = byte
                index += 1
            }
            // No line end in the buffer (the record may go on in the next block), or a blank line.
            guard index < bytes.count, index > start, valid else { return nil }
            var next = index + 1
            if bytes[index] == UInt8(ascii: "\r") {
                guard next < bytes.count else { return nil }  // A "\n" may follow in the next block.
                if bytes[next] == UInt8(ascii: "\n") { next += 1 }
            }
            if previous == UInt8(ascii: " ") { clean = false }
            addField(upTo: index)
            guard valid else { return nil }
            return (fields, clean, next)
        }
        guard let read else { return nil }
        lastFieldCount = read.fields.count
        position = read.next
        lastRecordLine = line
        line += 1
        return CSVRow(line: lastRecordLine, fields: read.fields, fieldsAreClean: read.clean)
    }

    private static func utf8(_ rawFields: [[UInt8]]) -> [String]? {
        var fields: [String] = []
        fields.reserveCapacity(rawFields.count)
        for raw in rawFields {
            guard let text = String(validating: raw, as: UTF8.self) else { return nil }
            fields.append(text)
        }
        return fields
    }

    /// The byte after the current one, reading more when the block ends there; `nil` at the end of the file.
    private mutating func peek() throws -> UInt8? {
        if position >= buffer.count { try fill(atLeast: 1) }
        return position < buffer.count ? buffer[position] : nil
    }

    /// Makes at least `count` unread bytes available, unless the file ends first.
    private mutating func fill(atLeast count: Int) throws {
        guard let handle else { return }
        while buffer.count - position < count, !reachedEnd {
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            let block = try handle.read(upToCount: Self.blockSize) ?? Data()
            if block.isEmpty { reachedEnd = true } else { buffer.append(contentsOf: block) }
        }
    }

    /// The delimiter of the first line (outside quotes), read ahead without consuming it.
    private mutating func detectDelimiter() throws -> CSVDelimiter {
        var scanned = position
        var inQuotes = false
        while true {
            if scanned >= buffer.count {
                let before = buffer.count - position
                try fill(atLeast: before + 1)
                scanned = position + before
                if scanned >= buffer.count { break }
            }
            let byte = buffer[scanned]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if !inQuotes, byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            scanned += 1
        }
        return CSVDelimiter.detect(inFirstLineOf: buffer[position..<scanned])
    }
}
