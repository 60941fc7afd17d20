import Foundation
import Logging

/// How `serve` and `send` write their log (`--log-format`): `text`, one readable line per entry, or `json`, one
/// JSON object per line with `time`, `level`, `label`, `message` and `metadata`. Both go to standard error, one
/// entry per line: a message's line breaks and control characters are escaped, so no entry can forge another.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `2026-05-04T09:30:00.123Z info cartable.serve: GET /c/x/ 200 1.2ms method=GET route=/c/{campaign}/ status=200`
    case text
    /// `{"time":"2026-05-04T09:30:00.123Z","level":"info","label":"cartable.serve","message":"…","metadata":{…}}`
    case json

    /// A handler of this format for the logger `label`, at `level`, writing each line to `write`.
    public func handler(label: String, level: Logger.Level, write: LogLineWriter = .standardError) -> any LogHandler {
        LogLineHandler(label: label, format: self, level: level, write: write)
    }

    /// Makes every logger of the process (ours, Hummingbird's) write in this format at `level` to standard error.
    /// Once per process, before the first logger is made.
    public func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in handler(label: label, level: level) }
    }
}

/// Where a log handler writes its lines: standard error by default, whole lines at a time (a lock keeps the lines of
/// concurrent tasks apart).
public struct LogLineWriter: Sendable {
    let write: @Sendable (String) -> Void

    /// A writer calling `write` with each line, its line feed included.
    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Standard error, one `write(2)` per line.
    public static let standardError = LogLineWriter { line in
        var line = line
        line.withUTF8 { bytes in
            standardErrorLock.withLock {
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                    if written <= 0 { break }
                    offset += written
                }
            }
        }
    }

    private static let standardErrorLock = NSLock()
}

/// The metadata of one entry: the logger's own, the provider's, then the call's, the later winning; sorted by key so
/// that lines read (and compare) the same every time.
func mergedMetadata(_ handler: Logger.Metadata, provider: Logger.MetadataProvider?, event: Logger.Metadata?) -> [(String, Logger.MetadataValue)] {
    let provided = provider?.get()
    if handler.isEmpty, provided == nil {
        // The usual case (the access log's line): only the call's own, without copying it into a new dictionary.
        return sortedByKey(event ?? [:])
    }
    var merged = handler
    if let provided { merged.merge(provided) { _, new in new } }
    if let event { merged.merge(event) { _, new in new } }
    return sortedByKey(merged)
}

/// The entries of `metadata` by key: an insertion sort, for the few keys of a log line, in one array made once.
private func sortedByKey(_ metadata: Logger.Metadata) -> [(String, Logger.MetadataValue)] {
    var entries: [(String, Logger.MetadataValue)] = []
    entries.reserveCapacity(metadata.count)
    for (key, value) in metadata {
        var index = entries.endIndex
        while index > 0, key < entries[index - 1].0 { index -= 1 }
        entries.insert((key, value), at: index)
    }
    return entries
}

/// A time as both log formats write it: ISO 8601, UTC, milliseconds.
/// Written by hand (`gmtime_r`) rather than with `ISO8601FormatStyle`: the access log writes one per request.
func logTimestamp(_ date: Date = Date()) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    appendLogTimestamp(date, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// Appends ``logTimestamp(_:)``'s `YYYY-MM-DDTHH:MM:SS.mmmZ` to `bytes`, digit by digit.
func appendLogTimestamp(_ date: Date = Date(), to bytes: inout [UInt8]) {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    let (seconds, millisecond) = milliseconds.quotientAndRemainder(dividingBy: 1000)
    var time = time_t(millisecond < 0 ? seconds - 1 : seconds)
    var parts = tm()
    gmtime_r(&time, &parts)
    func digits(_ value: Int32, _ count: Int, then separator: UInt8) {
        appendDecimal(Int(value), minimumDigits: count, to: &bytes)
        bytes.append(separator)
    }
    digits(parts.tm_year + 1900, 4, then: UInt8(ascii: "-"))
    digits(parts.tm_mon + 1, 2, then: UInt8(ascii: "-"))
    digits(parts.tm_mday, 2, then: UInt8(ascii: "T"))
    digits(parts.tm_hour, 2, then: UInt8(ascii: ":"))
    digits(parts.tm_min, 2, then: UInt8(ascii: ":"))
    digits(parts.tm_sec, 2, then: UInt8(ascii: "."))
    digits(Int32((millisecond + 1000) % 1000), 3, then: UInt8(ascii: "Z"))
}

/// Appends `value`'s decimal digits to `bytes`, zero-padded to `minimumDigits`, as `String(value)` writes them
/// otherwise (a sign, then every digit), without making the `String`: the access log writes a time and a status per
/// request.
func appendDecimal(_ value: Int, minimumDigits: Int = 1, to bytes: inout [UInt8]) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = value.magnitude
    var power: UInt = 1
    for _ in 1..<max(1, minimumDigits) { power *= 10 }
    while magnitude / power >= 10 { power *= 10 }
    while power > 0 {
        bytes.append(UInt8(ascii: "0") + UInt8(magnitude / power % 10))
        power /= 10
    }
}
