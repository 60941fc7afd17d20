import Cartable
import Logging

/// `--log-format text`: `TIME LEVEL LABEL: MESSAGE key=value …`, one line per entry. Values holding a space, a quote
/// or an equals sign are quoted; control and bidirectional characters are escaped (``TerminalText``), line breaks
/// included, so that a platform's answer cannot start a line of its own.
enum TextLogLine {
    /// The line of one entry, without its line feed.
    static func line(time: String, level: Logger.Level, label: String, message: String,
                     metadata: [(String, Logger.MetadataValue)]) -> String {
        var line = ""
        line.reserveCapacity(128 + message.utf8.count)
        line += time
        line += " "
        line += level.rawValue
        line += " "
        line += escaped(label)
        line += ": "
        line += escaped(message)
        for (key, value) in metadata {
            line += " "
            line += escaped(key)
            line += "="
            line += quoted(escaped(value.description))
        }
        return line
    }

    private static func escaped(_ text: String) -> String { TerminalText.escaped(text, keepingLineBreaks: false) }

    private static func quoted(_ value: String) -> String {
        guard value.isEmpty || value.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") })
        else { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
