import Logging

/// One request's access-log entry, as ``AccessLog`` logs it: the message `METHOD PATH STATUS 1.2ms`, and the metadata
/// `duration_ms`, `method`, `path`, `route` and `status`.
struct AccessLogLine {
    var method: String
    var path: String
    var route: String
    var status: Int
    /// The time taken, in tenths of a millisecond (`%.1f` of the milliseconds without Foundation's formatting).
    var tenths: Int

    /// The entry's message.
    var message: String { "\(method) \(path) \(status) \(tenths / 10).\(tenths % 10)ms" }

    /// The entry's metadata, for a log handler other than ``LogLineHandler``'s text lines.
    var metadata: Logger.Metadata {
        ["method": .string(method), "path": .string(path), "route": .string(route),
         "status": .stringConvertible(status), "duration_ms": .stringConvertible(Double(tenths) / 10)]
    }

    /// Whether the text line can be written straight from the fields: their bytes are printable ASCII (as nearly
    /// every request's are), so nothing in the line needs ``TerminalText``'s escapes.
    var isPlainText: Bool {
        [method, path, route].allSatisfy { $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// Appends the text line after its time (` info LABEL: MESSAGE key=value …`, without its line feed) to `bytes`,
    /// byte for byte what ``TextLogLine`` writes for ``message`` and ``metadata`` (keys sorted; `duration_ms` is
    /// `Double(tenths) / 10`'s description, which is the same digits), without the metadata's dictionary, its boxed
    /// values, their sort and the message's `String`. Only for ``isPlainText`` fields.
    func appendText(label: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: " info ".utf8)
        TextLogLine.appendEscaped(label, to: &bytes)
        bytes.append(contentsOf: ": ".utf8)
        bytes.append(contentsOf: method.utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: path.utf8)
        bytes.append(UInt8(ascii: " "))
        appendDecimal(status, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendDuration(to: &bytes)
        bytes.append(contentsOf: "ms duration_ms=".utf8)
        appendDuration(to: &bytes)
        bytes.append(contentsOf: " method=".utf8)
        TextLogLine.appendQuoted(method, to: &bytes)
        bytes.append(contentsOf: " path=".utf8)
        TextLogLine.appendQuoted(path, to: &bytes)
        bytes.append(contentsOf: " route=".utf8)
        TextLogLine.appendQuoted(route, to: &bytes)
        bytes.append(contentsOf: " status=".utf8)
        appendDecimal(status, to: &bytes)
    }

    private func appendDuration(to bytes: inout [UInt8]) {
        appendDecimal(tenths / 10, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDecimal(tenths % 10, to: &bytes)
    }
}
