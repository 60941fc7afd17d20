import Cartable
@testable import CartableServer
import Foundation
import Testing

/// The campaign page's satchel line, kept in memory: on a real SQLite outbox, with sends recorded by a second
/// connection (another process sharing the outbox), and a clock of the test's own.
@Suite("cartable serve: the satchel kept in memory")
struct SatchelCacheTests {
    /// A clock the test moves.
    final class TestClock: @unchecked Sendable {
        private let lock = NSLock()
        private var current = Date(timeIntervalSince1970: 1_800_000_000)
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
    }

    @Test func theCountsAreReadAgainOnceOlderThanTheirAgeAndAfterTheServersOwnSend() async throws {
        let fixture = try ServerFixture()
        let channel = try fixture.webhookSender().channel
        let served = ServedCampaign(audience: try fixture.audience(), sender: nil)
        let clock = TestClock()
        let cache = SatchelCache(outbox: try SQLiteOutbox(path: fixture.outboxPath), maxAge: 1, clock: { clock.now })
        #expect(try await cache.satchel(of: served).messages == 0)

        let other = try SQLiteOutbox(path: fixture.outboxPath)
        try await Self.send(to: "W1", by: "supporter-1", on: channel, in: other)
        #expect(try await cache.satchel(of: served).messages == 0, "within its age, the counts kept are shown")
        clock.advance(1.5)
        let later = try await cache.satchel(of: served)
        #expect(later.messages == 1 && later.reached == 1 && later.targets == 7, "older than its age: read again")

        try await Self.send(to: "W2", by: "supporter-1", on: channel, in: other)
        #expect(try await cache.satchel(of: served).messages == 1)
        cache.invalidate(campaignID: "another-campaign")
        #expect(try await cache.satchel(of: served).messages == 1, "another campaign's send changes nothing here")
        cache.invalidate(campaignID: served.id)
        let afterSend = try await cache.satchel(of: served)
        #expect(afterSend.messages == 2 && afterSend.reached == 2, "the server's own send: read again at once")
    }

    /// Queues a message to `recipient` in `outbox` and records it sent, as a sender would.
    private static func send(to recipient: String, by supporter: String, on channel: ChannelDescriptor, in outbox: SQLiteOutbox) async throws {
        let now = Date()
        _ = try outbox.enqueue([OutboxEntry(campaignID: "serve-test", supporterID: supporter, recipientID: recipient, channel: channel, text: "hello")],
                               pacing: nil, now: now)
        let owner = LeaseOwner.current()
        let rows = try await outbox.claimDue(limit: 1, filter: ClaimFilter(), owner: owner, leaseDuration: 60, now: now)
        let row = try #require(rows.first)
        _ = try await outbox.record([
            RecordedTransition(messageID: row.id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: now),
        ], owner: owner, now: now)
    }
}
