import Foundation
import PostgresTestCluster
import Testing
@testable import Cartable
@testable import CartablePostgres

/// A ``Dispatcher`` on a real PostgreSQL outbox whose connection is cut in the middle of a transaction: an outage is
/// reported once, waited out with backoff and recovered from; nothing is lost or sent twice.
@Suite("dispatcher through a PostgreSQL outage", .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"))
struct DispatcherOutageTests {
    @Test("a transaction cut by pg_terminate_backend: the outage is reported once, the sender reconnects, releases the rows a lost claim left it, and sends each message once",
          .timeLimit(.minutes(2)))
    func connectionCutMidTransaction() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let outbox = try PostgresOutbox(urlText: database.url, requireCurrentSchema: false)
        defer { outbox.close() }
        try await outbox.migrate()
        let total = 60
        _ = try outbox.enqueue(entries(total), pacing: nil, now: Date())

        // A claim whose answer never came back: committed rows leased to this owner, which it does not know it holds.
        let owner = LeaseOwner.current()
        let orphans = try await outbox.claimDue(limit: 5, filter: ClaimFilter(channels: ["webhook"]), owner: owner, leaseDuration: 600, now: Date())
        #expect(orphans.count == 5)

        let sender = ScriptedSender(delay: .milliseconds(40)) { message, _ in .delivered(postID: message.recipientID, postURL: nil) }
        var configuration = DispatcherConfiguration()
        configuration.mode = .untilEmpty
        configuration.concurrency = 4
        configuration.idlePoll = 0.05
        configuration.housekeepingInterval = 0.1
        configuration.outageBackoff = 0.1
        configuration.maxOutageBackoff = 0.5
        let recorder = EventRecorder()
        let dispatcher = Dispatcher(outbox: outbox, senders: [sender], limiter: AccountLimiter(limits: [:]), configuration: configuration,
                                    owner: owner, events: recorder.append)
        let run = Task { try await dispatcher.run() }

        // Lock the messages table from another connection: the sender's next claim or record waits inside its
        // transaction. Then terminate the server processes waiting on the lock, and let go of it.
        let locker = try PostgresTestSession(url: database.url)
        let watcher = try PostgresTestSession(url: database.url)
        defer { locker.close(); watcher.close() }
        let started = Date()
        while sender.totalCalls < 10, Date().timeIntervalSince(started) < 30 { try await Task.sleep(for: .milliseconds(10)) }
        try locker.execute("BEGIN")
        try locker.execute("LOCK TABLE message IN EXCLUSIVE MODE")
        var terminated: [String?] = []
        let deadline = Date() + 30
        while terminated.isEmpty, Date() < deadline {
            try await Task.sleep(for: .milliseconds(20))
            terminated = try watcher.column("""
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)
        }
        try locker.execute("ROLLBACK")
        #expect(!terminated.isEmpty, "no transaction of the sender waited on the lock")

        let progress = try await run.value
        let events = recorder.events
        let outages = events.filter { if case .outboxUnavailable = $0 { true } else { false } }
        let reconnections = events.compactMap { if case .outboxReconnected(_, _, let released) = $0 { released } else { nil } }
        #expect(outages.count == 1, "\(outages)")
        #expect(reconnections == [5], "the five rows of the lost claim are released once")
        let password = try #require(URLComponents(string: database.url)?.password)
        if case .outboxUnavailable(let location, _) = outages.first {
            #expect(location.hasPrefix("postgres://") && !location.contains(password))
        }
        #expect(progress.sent == total && progress.remaining == 0)
        #expect(sender.totalCalls == total, "each message requested once")
        for index in 0..<total {
            #expect(sender.callCount("c/organiser/r\(index)/webhook") == 1)
        }
        let rows = try await outbox.allMessages()
        #expect(rows.count == total && rows.allSatisfy { $0.state == .sent }, "nothing left leased")
    }
}
