import Cartable
import Foundation
import Hummingbird
import Logging

/// The metrics' own listener (`--metrics-port`): `GET /metrics` answers the Prometheus text format, after reading the
/// outbox's gauges; nothing else is served. It is apart from the supporters' page, bound to loopback unless told
/// otherwise, so that what a campaign's traffic looks like is never public (docs/operations.md, Metrics).
public struct MetricsListener: Sendable {
    let metrics: CartableMetrics
    let outbox: any Outbox
    let campaigns: [String]?
    let targeted: [String: Int]
    let logger: Logger

    /// A listener on `metrics`, refreshing the outbox's gauges for `campaigns` (`nil`: every campaign with pacing in
    /// the outbox) with `targeted` recipients each where known.
    public init(metrics: CartableMetrics, outbox: any Outbox, campaigns: [String]? = nil, targeted: [String: Int] = [:],
                logger: Logger = Logger(label: "cartable.metrics")) {
        self.metrics = metrics
        self.outbox = outbox
        self.campaigns = campaigns
        self.targeted = targeted
        self.logger = logger
    }

    /// The router: `/metrics` only.
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/metrics") { _, _ in
            var status = HTTPResponse.Status.ok
            do {
                try await metrics.refresh(from: outbox, campaigns: campaigns, targeted: targeted)
            } catch {
                // The counters are still worth a scrape; the gauges keep their last values, and the status says so.
                logger.warning("metrics: reading the outbox failed", metadata: ["error": "\(OutboxError.from(error, path: outbox.location, doing: "reading the outbox").message)"])
                status = .serviceUnavailable
            }
            return Response(status: status, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        return router
    }

    /// The listener on `host`:`port` (0 picks a free port); `onListening` gets the port once it accepts connections.
    public func application(host: String, port: Int, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }
}
