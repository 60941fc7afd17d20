import Cartable
import Foundation
import Logging

/// `--log-format json`: one JSON object per line, `{"time":…,"level":…,"label":…,"message":…,"metadata":{…}}`, for a
/// log collector. Metadata keeps its shape: strings, nested objects and arrays; integers, floating-point numbers and
/// booleans given as such are written as JSON numbers and booleans.
public struct JSONLogHandler: LogHandler {
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
        let fields = mergedMetadata(metadata, provider: metadataProvider, event: event.metadata)
        let object = JSONText.object([
            ("time", JSONText.string(logTimestamp())),
            ("level", JSONText.string(event.level.rawValue)),
            ("label", JSONText.string(label)),
            ("message", JSONText.string(event.message.description)),
            ("metadata", JSONText.object(fields.map { ($0.0, Self.json($0.1)) })),
        ])
        write.write(object + "\n")
    }

    private static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text):
            return JSONText.string(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let bool as Bool: return JSONText.bool(bool)
            case let integer as any BinaryInteger: return "\(integer)"
            case let number as Double where number.isFinite: return "\(number)"
            default: return JSONText.string(convertible.description)
            }
        case .dictionary(let dictionary):
            return JSONText.object(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
        case .array(let array):
            return JSONText.array(array.map(json))
        }
    }
}
