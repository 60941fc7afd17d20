import Cartable
import Foundation
import Logging

/// `--log-format text`: `TIME LEVEL LABEL: MESSAGE key=value …`, one line per entry. Values holding a space, a quote
/// or an equals sign are quoted; control and bidirectional characters are escaped (``TerminalText``), line breaks
/// included, so that a platform's answer cannot start a line of its own.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let write: LogLineWriter

    /// A handler for the logger `label`, at `level`, writing to `write`.
    public init(label: String, level: Logger.Level, write: LogLineWriter = .standardError) {
        self.label = label
        logLevel = level
        self.write = write
        metadataProvider = LoggingSystem.metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(logTimestamp()) \(event.level.rawValue) \(Self.escaped(label)): \(Self.escaped(event.message.description))"
        for (key, value) in mergedMetadata(metadata, provider: metadataProvider, event: event.metadata) {
            line += " \(Self.escaped(key))=\(Self.quoted(Self.escaped(value.description)))"
        }
        write.write(line + "\n")
    }

    private static func escaped(_ text: String) -> String { TerminalText.escaped(text, keepingLineBreaks: false) }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
