import Cartable
import Logging

/// `--log-format json`: one JSON object per line, `{"time":…,"level":…,"label":…,"message":…,"metadata":{…}}`, for a
/// log collector. Metadata keeps its shape: strings, nested objects and arrays; integers, floating-point numbers and
/// booleans given as such are written as JSON numbers and booleans.
enum JSONLogLine {
    /// The line of one entry, without its line feed.
    static func line(time: String, level: Logger.Level, label: String, message: String,
                     metadata: [(String, Logger.MetadataValue)]) -> String {
        JSONText.object([
            ("time", JSONText.string(time)),
            ("level", JSONText.string(level.rawValue)),
            ("label", JSONText.string(label)),
            ("message", JSONText.string(message)),
            ("metadata", JSONText.object(metadata.map { ($0.0, json($0.1)) })),
        ])
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
