import Logging

/// The log handler of `serve` and `send`: each entry becomes one line in the ``LogFormat`` asked for
/// (``TextLogLine``, ``JSONLogLine``), with the logger's, the provider's and the call's metadata, written whole.
public struct LogLineHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let format: LogFormat
    private let write: LogLineWriter

    /// A handler for the logger `label`, at `level`, writing `format`'s lines to `write`.
    public init(label: String, format: LogFormat, level: Logger.Level, write: LogLineWriter = .standardError) {
        self.label = label
        self.format = format
        logLevel = level
        self.write = write
        metadataProvider = LoggingSystem.metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let message = event.message.description
        let fields = mergedMetadata(metadata, provider: metadataProvider, event: event.metadata)
        switch format {
        case .text:
            // The time, the line and its line feed written into one buffer (the access log writes one per request).
            var line: [UInt8] = []
            line.reserveCapacity(160 + message.utf8.count)
            appendLogTimestamp(to: &line)
            TextLogLine.append(level: event.level, label: label, message: message, metadata: fields, to: &line)
            line.append(UInt8(ascii: "\n"))
            write.write(String(decoding: line, as: UTF8.self))
        case .json:
            let line = JSONLogLine.line(time: logTimestamp(), level: event.level, label: label, message: message, metadata: fields)
            write.write(line + "\n")
        }
    }

    /// Writes `entry`'s text line straight from its fields (``AccessLogLine/appendText(label:to:)``): the line
    /// ``log(event:)`` writes for the entry's message and metadata at `info`, with less work per request. False, with
    /// nothing written, when the line must go through ``log(event:)``: JSON lines, metadata of the handler's own or
    /// of a provider, or fields that need escaping. The caller checks the level.
    func writeText(_ entry: AccessLogLine) -> Bool {
        guard format == .text, metadata.isEmpty, metadataProvider == nil, entry.isPlainText else { return false }
        var line: [UInt8] = []
        line.reserveCapacity(192 + 2 * entry.path.utf8.count)
        appendLogTimestamp(to: &line)
        entry.appendText(label: label, to: &line)
        line.append(UInt8(ascii: "\n"))
        write.write(String(decoding: line, as: UTF8.self))
        return true
    }
}
