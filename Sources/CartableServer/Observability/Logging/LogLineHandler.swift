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
        let time = logTimestamp(), message = event.message.description
        let fields = mergedMetadata(metadata, provider: metadataProvider, event: event.metadata)
        let line = switch format {
        case .text: TextLogLine.line(time: time, level: event.level, label: label, message: message, metadata: fields)
        case .json: JSONLogLine.line(time: time, level: event.level, label: label, message: message, metadata: fields)
        }
        write.write(line + "\n")
    }
}
