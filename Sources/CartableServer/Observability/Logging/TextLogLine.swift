import Cartable
import Logging

/// `--log-format text`: `TIME LEVEL LABEL: MESSAGE key=value …`, one line per entry. Values holding a space, a quote
/// or an equals sign are quoted; control and bidirectional characters are escaped (``TerminalText``), line breaks
/// included, so that a platform's answer cannot start a line of its own.
enum TextLogLine {
    /// The line of one entry, without its line feed.
    static func line(time: String, level: Logger.Level, label: String, message: String,
                     metadata: [(String, Logger.MetadataValue)]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + message.utf8.count)
        bytes.append(contentsOf: time.utf8)
        append(level: level, label: label, message: message, metadata: metadata, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the line after its time (` LEVEL LABEL: MESSAGE key=value …`, without its line feed) to `bytes`: the
    /// log handler writes the time, this and the line feed into one buffer.
    static func append(level: Logger.Level, label: String, message: String, metadata: [(String, Logger.MetadataValue)],
                       to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: level.rawValue.utf8)
        bytes.append(UInt8(ascii: " "))
        appendEscaped(label, to: &bytes)
        bytes.append(contentsOf: ": ".utf8)
        appendEscaped(message, to: &bytes)
        for (key, value) in metadata {
            bytes.append(UInt8(ascii: " "))
            appendEscaped(key, to: &bytes)
            bytes.append(UInt8(ascii: "="))
            switch value {
            case .string(let string): appendQuoted(string, to: &bytes)
            case .stringConvertible(let number as Int): appendDecimal(number, to: &bytes)
            default: appendQuoted(value.description, to: &bytes)
            }
        }
    }

    /// Printable ASCII (most of a line) as it is; anything else through ``TerminalText``.
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            bytes.append(contentsOf: text.utf8)
        } else {
            bytes.append(contentsOf: TerminalText.escaped(text, keepingLineBreaks: false).utf8)
        }
    }

    /// A metadata value: as it is when plain, else escaped, and quoted when empty or holding a space, a quote or an
    /// equals sign.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        let value = value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? value : TerminalText.escaped(value, keepingLineBreaks: false)
        guard value.isEmpty || value.utf8.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "=") })
        else {
            bytes.append(contentsOf: value.utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\"") { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
