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
}
