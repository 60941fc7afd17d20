import Cartable
import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// `/admin/c/{id}/events`: the dashboard's figures as Server-Sent Events. The outbox is read every second; whenever
/// the figures changed, one `figures` event carries them (the same JSON as the page's numbers) with the page's live
/// parts rendered again, which the admin script puts in place. A comment every 15 quiet seconds keeps proxies from
/// closing the stream. The stream ends with the session (logout), after ``lifetime`` (the browser reconnects), or
/// when the server stops.
struct DashboardEvents: Sendable {
    var page: DashboardPage
    var outbox: any Outbox
    var accounts: AccountLimiter
    var access: AdminAccess
    var session: String

    /// How often the outbox is read.
    static let interval: Duration = .seconds(1)
    /// How long one stream lasts before the browser is asked to reconnect.
    static let lifetime: TimeInterval = 600

    /// The streaming answer.
    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
        let events = self
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await events.stream(into: &writer)
        })
    }

    private func stream(into writer: inout any ResponseBodyWriter) async throws {
        let started = Date()
        var last = ""
        var quietTurns = 0
        try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
        while !Task.isCancelled, !Task.isShuttingDownGracefully, Date().timeIntervalSince(started) < Self.lifetime,
              await access.isOpen(session) {
            let figures = try await DashboardFigures.read(page.served, outbox: outbox, accounts: accounts)
            let fingerprint = figures.fingerprint()
            if fingerprint != last {
                last = fingerprint
                try await writer.write(ByteBuffer(string: "event: figures\ndata: \(event(figures))\n\n"))
                quietTurns = 0
            } else {
                quietTurns += 1
                if quietTurns >= 15 {
                    try await writer.write(ByteBuffer(string: ": still here\n\n"))
                    quietTurns = 0
                }
            }
            try await Task.sleep(for: Self.interval)
        }
        try await writer.finish(nil)
    }

    /// One event's data: `{"figures": …, "parts": {"states": "<h2>…", …}}` on one line.
    func event(_ figures: DashboardFigures) -> String {
        struct Event: Encodable {
            var figures: DashboardFigures
            var parts: [String: String]
        }
        let parts = Dictionary(page.parts(figures).map { ($0.0, $0.1.markup) }, uniquingKeysWith: { first, _ in first })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(Event(figures: figures, parts: parts))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
