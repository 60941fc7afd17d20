import Foundation
import Logging
import Testing
@testable import CartableServer

/// The access log's line written straight from its fields is the line swift-log's call wrote.
@Suite("the access log's line")
struct AccessLogLineTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [String] = []
        var writer: LogLineWriter { LogLineWriter { line in self.lock.withLock { self.all.append(line) } } }
        var lines: [String] { lock.withLock { all } }
    }

    @Test func writtenFromTheFieldsItIsTheLoggersLine() throws {
        let entries = [
            AccessLogLine(method: "GET", path: "/c/ess-2026/d/PA1567", route: "/c/{campaign}/d/{deputy}", status: 200, tenths: 12),
            AccessLogLine(method: "POST", path: "/api/c/x/measure", route: "/api/c/{campaign}/measure", status: 400, tenths: 0),
            AccessLogLine(method: "GET", path: "/a=b/c d/\"q\"", route: "NotFound", status: 404, tenths: 123_456),
            AccessLogLine(method: "GET", path: "/", route: "/", status: 303, tenths: 9),
        ]
        for entry in entries {
            let direct = Lines(), logged = Lines()
            let handler = try #require(LogFormat.text.handler(label: "cartable.serve", level: .info, write: direct.writer) as? LogLineHandler)
            #expect(entry.isPlainText)
            #expect(handler.writeText(entry))
            let logger = Logger(label: "cartable.serve") { label in LogFormat.text.handler(label: label, level: .info, write: logged.writer) }
            logger.info("\(entry.message)", metadata: entry.metadata)
            let (line, expected) = (try #require(direct.lines.first), try #require(logged.lines.first))
            // Equal but for the time at the start, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
            #expect(line.dropFirst(24) == expected.dropFirst(24))
            #expect(line.prefix(24).count == 24 && line.hasSuffix("\n"))
        }
    }

    @Test func whatNeedsEscapingOrJSONGoesThroughTheLogger() throws {
        let lines = Lines()
        let text = try #require(LogFormat.text.handler(label: "cartable.serve", level: .info, write: lines.writer) as? LogLineHandler)
        let json = try #require(LogFormat.json.handler(label: "cartable.serve", level: .info, write: lines.writer) as? LogLineHandler)
        let plain = AccessLogLine(method: "GET", path: "/", route: "/", status: 200, tenths: 1)
        var withMetadata = text
        withMetadata[metadataKey: "worker"] = "w1"
        #expect(!text.writeText(AccessLogLine(method: "GET", path: "/c/\u{1B}[31m", route: "NotFound", status: 404, tenths: 1)))
        #expect(!text.writeText(AccessLogLine(method: "GET", path: "/c/é", route: "NotFound", status: 404, tenths: 1)))
        #expect(!json.writeText(plain))
        #expect(!withMetadata.writeText(plain))
        #expect(lines.lines.isEmpty)
    }
}
