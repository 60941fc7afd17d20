import Foundation
import Testing
@testable import Cartable

/// A sender whose answers a test scripts per recipient and attempt; it counts calls and the peak concurrency.
final class ScriptedSender: MessageSender, @unchecked Sendable {
    let channel: ChannelDescriptor
    private let lock = NSLock()
    private var calls: [String: Int] = [:]
    private var inFlight = 0
    private(set) var peakInFlight = 0
    private let delay: Duration
    private let answer: @Sendable (OutgoingMessage, Int) -> Delivery

    init(channel: ChannelDescriptor = .webhook, delay: Duration = .milliseconds(5), answer: @escaping @Sendable (OutgoingMessage, Int) -> Delivery) {
        self.channel = channel
        self.delay = delay
        self.answer = answer
    }

    func send(_ message: OutgoingMessage) async -> Delivery {
        let call = lock.withLock {
            calls[message.idempotencyKey.rawValue, default: 0] += 1
            inFlight += 1
            peakInFlight = max(peakInFlight, inFlight)
            return calls[message.idempotencyKey.rawValue, default: 0]
        }
        try? await Task.sleep(for: delay)
        lock.withLock { inFlight -= 1 }
        return answer(message, call)
    }

    func callCount(_ key: String) -> Int { lock.withLock { calls[key, default: 0] } }
    var totalCalls: Int { lock.withLock { calls.values.reduce(0, +) } }
}

/// Collects a dispatcher's events.
final class EventRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [DispatchEvent] = []
    func append(_ event: DispatchEvent) { lock.withLock { recorded.append(event) } }
    var events: [DispatchEvent] { lock.withLock { recorded } }
}

@Suite("dispatcher")
struct DispatcherTests {
    func fastConfiguration(_ mode: DispatcherConfiguration.Mode = .untilEmpty, concurrency: Int = 8) -> DispatcherConfiguration {
        var configuration = DispatcherConfiguration()
        configuration.mode = mode
        configuration.concurrency = concurrency
        configuration.retryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)
        configuration.idlePoll = 0.02
        configuration.housekeepingInterval = 0.05
        return configuration
    }

    @Test("delivers every message once, with many in flight but never more than the concurrency")
    func deliversAll() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(200), pacing: CampaignPacing(campaignID: "c", limits: openLimits), now: Date())
        let sender = ScriptedSender { message, _ in .delivered(postID: message.recipientID, postURL: nil) }
        let dispatcher = Dispatcher(outbox: temporary.outbox, senders: [sender], limiter: AccountLimiter(limits: [:]),
                                    configuration: fastConfiguration(concurrency: 16))
        let progress = try await dispatcher.run()
        #expect(progress.sent == 200 && progress.dead == 0 && progress.remaining == 0)
        #expect(sender.totalCalls == 200)
        #expect(sender.peakInFlight > 1 && sender.peakInFlight <= 16)
        let rows = try await temporary.outbox.allMessages()
        #expect(rows.allSatisfy { $0.state == .sent && $0.postID == $0.entry.recipientID && $0.attempts == 1 })
    }

    @Test("a send that outlasts its lease is never taken back while the sender lives: the heartbeat renews the lease")
    func longSendKeepsItsLease() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(4), pacing: nil, now: Date())
        // Each send takes over two leases (several slow requests); housekeeping runs every 50 ms.
        let sender = ScriptedSender(delay: .seconds(4)) { _, _ in .delivered(postID: nil, postURL: nil) }
        var configuration = fastConfiguration(concurrency: 4)
        configuration.leaseDuration = 1.5
        let recorder = EventRecorder()
        let progress = try await Dispatcher(outbox: temporary.outbox, senders: [sender], limiter: AccountLimiter(limits: [:]),
                                            configuration: configuration, events: recorder.append).run()
        #expect(progress.sent == 4)
        #expect(sender.totalCalls == 4, "each message sent once")
        #expect(!recorder.events.contains { if case .recovered = $0 { true } else { false } })
        let rows = try await temporary.outbox.allMessages()
        #expect(rows.allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    @Test("transient failures are retried with the same key until delivered; permanent ones and exhausted ones die with the reason")
    func retries() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(3), pacing: nil, now: Date())
        let sender = ScriptedSender { message, call in
            switch message.recipientID {
            case "r0": call < 3 ? .transientFailure(message: "HTTP 503", mayHaveReachedServer: true) : .delivered(postID: nil, postURL: nil)
            case "r1": .permanentFailure(message: "HTTP 422: text refused")
            default: .transientFailure(message: "connection reset", mayHaveReachedServer: true)
            }
        }
        let recorder = EventRecorder()
        let dispatcher = Dispatcher(outbox: temporary.outbox, senders: [sender], limiter: AccountLimiter(limits: [:]),
                                    configuration: fastConfiguration(), events: recorder.append)
        let progress = try await dispatcher.run()
        #expect(progress.sent == 1 && progress.dead == 2 && progress.retried == 4)
        #expect(sender.callCount("c/organiser/r0/webhook") == 3)
        #expect(sender.callCount("c/organiser/r1/webhook") == 1)
        #expect(sender.callCount("c/organiser/r2/webhook") == 3)
        let rows = Dictionary(uniqueKeysWithValues: try await temporary.outbox.allMessages().map { ($0.entry.recipientID, $0) })
        #expect(rows["r0"]?.state == .sent && rows["r0"]?.attempts == 3)
        #expect(rows["r1"]?.state == .dead && rows["r1"]?.lastError == "HTTP 422: text refused")
        #expect(rows["r2"]?.state == .dead && rows["r2"]?.lastError == "gave up after 3 attempts: connection reset")
        let r0 = try #require(rows["r0"])
        #expect(try await temporary.outbox.attempts(messageID: r0.id).map(\.outcome) == ["transient", "transient", "delivered"])
        #expect(recorder.events.contains { if case .dead(let outcome, _) = $0 { outcome.recipientID == "r1" } else { false } })
    }

    @Test("a 429 pauses that account until its reset while the other channel goes on; the rate limit costs no attempt")
    func rateLimitPausesOneAccount() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(4, channel: .x) + entries(20, channel: .webhook), pacing: nil, now: Date())
        // Each X message is refused once with a reset a second away; the webhook messages must not wait for it.
        let xSender = ScriptedSender(channel: .x) { _, call in
            call == 1 ? .rateLimited(retryAt: Date() + 1, message: "HTTP 429") : .delivered(postID: "1", postURL: nil)
        }
        let webhook = ScriptedSender(channel: .webhook) { _, _ in .delivered(postID: nil, postURL: nil) }
        let recorder = EventRecorder()
        var configuration = fastConfiguration(concurrency: 2)
        configuration.retryPolicy = RetryPolicy(maxAttempts: 1, baseDelay: 0.01, maxDelay: 0.05)
        let dispatcher = Dispatcher(outbox: temporary.outbox, senders: [xSender, webhook], limiter: AccountLimiter(limits: [:]),
                                    configuration: configuration, events: recorder.append)
        let progress = try await dispatcher.run()
        // With one attempt allowed, the rate-limited messages still get through: a 429 is not an attempt.
        #expect(progress.sent == 24 && progress.dead == 0)
        let pauses = recorder.events.compactMap { if case .paused(let account, let until, _) = $0 { (account, until) } else { nil } }
        #expect(!pauses.isEmpty && pauses.allSatisfy { $0.0 == "x" })
        // The webhook messages did not wait for the pause.
        let order = recorder.events.compactMap { if case .sent(let outcome, _, _, _) = $0 { outcome.channel } else { nil } }
        #expect(order.prefix(20).filter { $0 == "webhook" }.count == 20)
        for row in try await temporary.outbox.allMessages() where row.entry.channel == "x" {
            #expect(row.attempts == 1)
            #expect(try await temporary.outbox.attempts(messageID: row.id).last?.outcome == "delivered")
        }
    }

    @Test("the token bucket spaces the requests of a limited account")
    func tokenBucketPaces() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(12, channel: .mastodon), pacing: nil, now: Date())
        let sender = ScriptedSender(channel: .mastodon, delay: .milliseconds(1)) { _, _ in .delivered(postID: nil, postURL: nil) }
        let limiter = AccountLimiter(limits: ["mastodon": RateLimit(requests: 4, period: 0.2)])
        let start = Date()
        let progress = try await Dispatcher(outbox: temporary.outbox, senders: [sender], limiter: limiter, configuration: fastConfiguration()).run()
        let elapsed = Date().timeIntervalSince(start)
        #expect(progress.sent == 12)
        // 4 at once, then 8 more at 20 per second: at least 0.4 s.
        #expect(elapsed >= 0.38, "took \(elapsed) s")
    }

    @Test("dueNow returns with retries still waiting; a stop lets in-flight requests finish and records them")
    func modesAndStop() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(2), pacing: nil, now: Date())
        let failing = ScriptedSender { _, _ in .transientFailure(message: "HTTP 500", mayHaveReachedServer: true) }
        var configuration = fastConfiguration(.dueNow)
        configuration.retryPolicy = RetryPolicy(maxAttempts: 5, baseDelay: 60, maxDelay: 60, random: { $0.upperBound })
        let first = try await Dispatcher(outbox: temporary.outbox, senders: [failing], limiter: AccountLimiter(limits: [:]), configuration: configuration).run()
        #expect(first.retried == 2 && first.remaining == 2)
        #expect(try await temporary.outbox.allMessages().allSatisfy { $0.state == .retrying })

        _ = try temporary.outbox.enqueue(entries(40, from: 10), pacing: nil, now: Date())
        let stop = StopSignal()
        let slow = ScriptedSender(delay: .milliseconds(200)) { _, _ in .delivered(postID: nil, postURL: nil) }
        let recorder = EventRecorder()
        let dispatcher = Dispatcher(outbox: temporary.outbox, senders: [slow], limiter: AccountLimiter(limits: [:]),
                                    configuration: fastConfiguration(.watch, concurrency: 4), events: recorder.append)
        async let run = dispatcher.run(stop: stop)
        // Stop once requests are in flight.
        while slow.totalCalls == 0 { try await Task.sleep(for: .milliseconds(10)) }
        stop.request()
        let progress = try await run
        #expect(progress.sent >= 1 && progress.sent < 40)
        let rows = try await temporary.outbox.allMessages()
        #expect(rows.filter { $0.state == .sending }.isEmpty, "nothing left leased after a clean stop")
        #expect(rows.filter { $0.state == .sent }.count == progress.sent)
        #expect(slow.totalCalls == progress.sent)
        #expect(recorder.events.contains { if case .stopping(_, interrupted: true) = $0 { true } else { false } })
    }

    @Test("an ended window kills the waiting messages with the reason; hours closed hold them; the dry run is exempt")
    func pacingFromTheOutbox() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        var over = openLimits
        over.windowEnd = "2012-07-13"
        _ = try temporary.outbox.enqueue(entries(3), pacing: CampaignPacing(campaignID: "c", limits: over), now: Date())
        _ = try temporary.outbox.enqueue(entries(3, channel: .dryRun), pacing: nil, now: Date())
        let webhook = ScriptedSender { _, _ in .delivered(postID: nil, postURL: nil) }
        let dryRun = ScriptedSender(channel: .dryRun) { _, _ in .delivered(postID: nil, postURL: nil) }
        let progress = try await Dispatcher(outbox: temporary.outbox, senders: [webhook, dryRun], limiter: AccountLimiter(limits: [:]),
                                            configuration: fastConfiguration()).run()
        #expect(progress.sent == 3 && progress.dead == 3)
        #expect(webhook.totalCalls == 0 && dryRun.totalCalls == 3)
        let dead = try await temporary.outbox.allMessages().filter { $0.state == .dead }
        #expect(dead.count == 3 && dead.allSatisfy { $0.lastError?.contains("window ended on 2012-07-13") == true })
    }

    @Test("a full disk while recording stops the run with an OutboxError; the rows stay leased for the next run")
    func fullDiskStops() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(30), pacing: nil, now: Date())
        let outbox = temporary.outbox
        let sender = ScriptedSender { _, _ in .delivered(postID: String(repeating: "p", count: 4000), postURL: nil) }
        let pages = try await outbox.database.read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 0
        try await outbox.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages + 2)") }
        let recorder = EventRecorder()
        await #expect {
            _ = try await Dispatcher(outbox: outbox, senders: [sender], limiter: AccountLimiter(limits: [:]), configuration: fastConfiguration(),
                                     events: recorder.append).run()
        } throws: { error in
            (error as? OutboxError)?.kind == .full
        }
        // Nobody pressed Ctrl-C: the run says it stops on an error, not that it was interrupted (issue 17, item 16).
        let stops = recorder.events.compactMap { if case .stopping(_, let interrupted) = $0 { interrupted } else { nil } }
        #expect(stops == [false])
        let rows = try await outbox.allMessages()
        #expect(rows.count == 30)
        #expect(rows.allSatisfy { $0.state != .dead })
    }
}
