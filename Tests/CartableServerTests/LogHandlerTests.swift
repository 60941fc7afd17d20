import CartableServer
import Foundation
import Logging
import Testing

/// The two log formats: one entry per line whatever the message holds, JSON that a JSON reader reads back with its
/// metadata's shape, text whose values cannot pass for other keys.
@Suite("log handlers")
struct LogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [String] = []
        var writer: LogLineWriter { LogLineWriter { line in self.lock.withLock { self.all.append(line) } } }
        var lines: [String] { lock.withLock { all } }
    }

    @Test func jsonIsOneObjectPerLineWithTimeLevelMessageAndTypedMetadata() throws {
        let lines = Lines()
        var logger = Logger(label: "cartable.test") { label in LogFormat.json.handler(label: label, level: .info, write: lines.writer) }
        logger[metadataKey: "worker"] = "w1"
        logger.debug("below the level")
        logger.warning("line one\nline two \"quoted\" \u{1B}[31m", metadata: [
            "message_id": .stringConvertible(42), "ratio": .stringConvertible(0.5), "retried": .stringConvertible(true),
            "reason": .string("HTTP 503"), "nested": .dictionary(["a": .array([.string("x")])]),
        ])
        #expect(lines.lines.count == 1, "debug is below info")
        let line = try #require(lines.lines.first)
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { $0 != "\n" }, "one line: \(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "warning")
        #expect(object["label"] as? String == "cartable.test")
        #expect(object["message"] as? String == "line one\nline two \"quoted\" \u{1B}[31m")
        let time = try #require(object["time"] as? String)
        let parsed = try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(time)
        #expect(abs(parsed.timeIntervalSinceNow) < 60)
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["message_id"] as? Int == 42)
        #expect(metadata["ratio"] as? Double == 0.5)
        #expect(metadata["retried"] as? Bool == true)
        #expect(metadata["reason"] as? String == "HTTP 503")
        #expect(metadata["worker"] as? String == "w1", "the logger's own metadata")
        #expect(((metadata["nested"] as? [String: Any])?["a"] as? [String]) == ["x"])
    }

    @Test func textIsOneLineWithEscapesAndQuotedValues() throws {
        let lines = Lines()
        let logger = Logger(label: "cartable.test") { label in LogFormat.text.handler(label: label, level: .trace, write: lines.writer) }
        logger.info("GET /c/x/ 200\nforged 2026-01-01T00:00:00Z critical", metadata: ["route": "/c/{campaign}/", "reason": "a b=c \"d\""])
        let line = try #require(lines.lines.first)
        #expect(lines.lines.count == 1)
        #expect(line.filter { $0 == "\n" }.count == 1, "the message's line break is escaped: \(line)")
        #expect(line.contains(" info cartable.test: GET /c/x/ 200\\u{A}forged"), "\(line)")
        #expect(line.contains(#"reason="a b=c \"d\"""#), "\(line)")
        #expect(line.hasSuffix("route=/c/{campaign}/\n"), "keys sorted, a plain value unquoted: \(line)")
        #expect(try Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(String(line.prefix { $0 != " " })) <= Date())
    }
}
