import Cartable
import CoreMetrics
import Foundation
import Prometheus

/// The metrics of one `cartable serve` or `cartable send --watch`, in the Prometheus text format: counters and
/// histograms kept as things happen (deliveries, claims, requests, supporters' sends), gauges read from the outbox
/// at each scrape (``refresh(from:campaigns:)``). Recorded through the swift-metrics API on a factory of this
/// registry's own, never the process-wide one: two servers (or two tests) in one process count apart.
///
/// Labels are few and bounded: a channel, a campaign, a route pattern (`/c/{campaign}/d/{deputy}`, never a path with
/// its ids), a status code, an outcome word. No message text, no error text, no secret. docs/operations.md lists the
/// metrics.
public final class CartableMetrics: Sendable {
    /// Where the metrics are kept.
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    /// Empty metrics.
    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // A claim is one short transaction; a request, a page or an API call.
        factory.durationHistogramBuckets[Name.claimDuration] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        factory.durationHistogramBuckets[Name.requestDuration] = [
            .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
    }

    /// The metric names, in one place (docs/operations.md describes each).
    enum Name {
        static let messages = "cartable_messages"
        static let campaignMessages = "cartable_campaign_messages"
        static let recipientsReached = "cartable_recipients_reached"
        static let recipientsTargeted = "cartable_recipients_targeted"
        static let oldestWaiting = "cartable_oldest_waiting_seconds"
        static let campaignPaused = "cartable_campaign_paused"
        static let deliveries = "cartable_deliveries_total"
        static let dead = "cartable_messages_dead_total"
        static let rateLimitPauses = "cartable_rate_limit_pauses_total"
        static let pausedUntil = "cartable_rate_limit_paused_until_seconds"
        static let claimDuration = "cartable_outbox_claim_duration_seconds"
        static let claimedRows = "cartable_outbox_claimed_total"
        static let requests = "cartable_http_requests_total"
        static let requestDuration = "cartable_http_request_duration_seconds"
        static let supporterSends = "cartable_supporter_sends_total"
    }

    /// The Prometheus text exposition of every metric (`text/plain; version=0.0.4`).
    public func exposition() -> String { registry.emitToString() }

    // MARK: Instruments

    func counter(_ name: String, _ labels: [(String, String)]) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: name, dimensions: labels, factory: factory)
    }

    func gauge(_ name: String, _ labels: [(String, String)]) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: name, dimensions: labels, factory: factory)
    }

    func timer(_ name: String, _ labels: [(String, String)]) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: name, dimensions: labels, factory: factory)
    }

    // MARK: What the server records

    /// One HTTP request answered: its method, its route pattern (`NotFound` when none matched), its status, and how
    /// long it took.
    public func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        let (count, time) = requestInstruments.instruments(method: method, route: route, status: status) {
            (factory.makeCounter(label: Name.requests, dimensions: [("method", method), ("route", route), ("status", String(status))]),
             factory.makeTimer(label: Name.requestDuration, dimensions: [("method", method), ("route", route)]))
        }
        count.increment(by: 1)
        time.recordNanoseconds(duration.nanoseconds)
    }

    /// The request counters and timers made so far, by method, route and status.
    private let requestInstruments = RequestInstruments()

    /// A supporter's send through a campaign's account, by what became of it (`queued`, `already-written`,
    /// `window-ended`).
    public func recordSupporterSend(campaign: String, channel: String, result: String) {
        counter(Name.supporterSends, [("campaign", campaign), ("channel", channel), ("result", result)]).increment()
    }
}

/// The instruments of the requests' metrics, kept once made: the registry finds a metric by its name and labels
/// under a lock of its own, which each request would otherwise go through twice. Kept for the first
/// ``RequestInstruments/limit`` combinations only (methods are the client's to choose); the others are made again
/// each time, as before.
private struct RequestInstruments: Sendable {
    typealias Made = (any CounterHandler, any TimerHandler)
    private struct Key: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    static let limit = 1_000
    private let made = Locked<[Key: Made]>([:])

    func instruments(method: String, route: String, status: Int, make: () -> Made) -> Made {
        let key = Key(method: method, route: route, status: status)
        if let kept = made.withLock({ $0[key] }) { return kept }
        let new = make()
        made.withLock { if $0.count < Self.limit { $0[key] = new } }
        return new
    }
}

extension Duration {
    /// The whole duration in nanoseconds (0 for a negative one).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// The duration in seconds, as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
