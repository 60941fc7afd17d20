import Foundation
import PostgresTestCluster
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `cartable send` on a PostgreSQL outbox that goes out of reach while it runs: the server restarted with a
/// fast shutdown, or the sender's connection cut in the middle of a transaction. The sender says so, reconnects and
/// finishes; the loopback receiver counts every message by its idempotency key.
@Suite("cartable send through PostgreSQL outages", .serialized, .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"), .runsOffThePool)
struct PostgresOutageCommandTests {
    /// The URL without its password, and the password (given as PGPASSWORD).
    func split(_ url: String) throws -> (url: String, password: String) {
        var components = try #require(URLComponents(string: url))
        let password = try #require(components.password)
        components.password = nil
        return (components.string!, password)
    }

    /// The JSON events of `send --format jsonl` named `name`.
    func events(_ name: String, in output: String) -> [[String: Any]] {
        output.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], object["event"] as? String == name else { return nil }
            return object
        }
    }

    /// Waits until `condition` holds, at most `timeout` seconds.
    func wait(_ timeout: TimeInterval, until condition: () -> Bool) {
        let deadline = Date() + timeout
        while !condition() && Date() < deadline { usleep(5_000) }
    }

    @Test("PostgreSQL restarted (fast shutdown, down 2 s) while send runs: the outage is reported once, the sender reconnects and finishes; every message published exactly once")
    func serverRestarted() async throws {
        let cluster = try PrivatePostgresCluster()
        defer { cluster.stop() }
        try PostgresTestCluster.execute(["CREATE DATABASE cartable_outage"], on: cluster.url)
        let (url, password) = try split(cluster.url(database: "cartable_outage"))
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 400
        try folder.enqueue(total)
        let environment = ["PGPASSWORD": password]
        #expect(try CartableBinary.run(["outbox", "migrate", "--outbox", url], environment: environment).status == 0)
        let copy = try CartableBinary.run(["outbox", "copy", folder.outboxPath, url], environment: environment)
        #expect(copy.status == 0, "\(copy.stderr)")

        // Slow answers keep the sender busy (and requests in flight) when the server goes down.
        let receiver = try RecordingReceiver(latency: .milliseconds(30))
        defer { receiver.stop() }
        let sender = try RunningCartable(
            ["send", "--via", "webhook", "--until-empty", "--concurrency", "4", "--format", "jsonl", "--outbox", url],
            environment: ["PGPASSWORD": password, "CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"], in: folder, label: "sender")
        wait(60) { receiver.published >= 80 || !sender.process.isRunning }
        #expect(sender.process.isRunning, "the sender finished before the restart: \(sender.stderr)")
        let publishedBefore = receiver.published
        try cluster.restart(down: 2)
        let status = sender.wait(timeout: 180)

        let output = sender.stdout
        #expect(status == 0, "\(sender.stderr)")
        let outages = events("outbox-unavailable", in: output)
        let reconnections = events("outbox-reconnected", in: output)
        #expect(outages.count == 1 && reconnections.count == 1, "\(outages) \(reconnections)")
        let named = outages.first?["outbox"] as? String ?? ""
        #expect(named.hasPrefix("postgres://cartable@") && named.hasSuffix("/cartable_outage"), "the outage names the database: \(named)")
        #expect((reconnections.first?["seconds"] as? Double ?? 0) >= 1.5, "reconnected only once the server was back")
        #expect(!(output + sender.stderr).contains(password))
        print("postgres restart test: \(total) messages, \(publishedBefore) published before the restart, \(receiver.requestCount) requests, "
            + "\(receiver.resends) resends recognised by key, published \(receiver.published), duplicates published: \(receiver.contentPublishedTwice)")
        #expect(receiver.published == total, "each message published exactly once")
        #expect(receiver.contentPublishedTwice == 0)
        let report = try CartableBinary.run(["status", "--outbox", url], environment: environment)
        #expect(report.stdout.contains("recipients: \(total) reached, 0 not yet (of \(total))"), "\(report.stdout)")
    }

    @Test("the sender's connection cut mid-transaction (pg_terminate_backend while it waits on a lock): it reconnects and finishes; no row is left leased, each message published once")
    func connectionCutMidTransaction() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let (url, password) = try split(database.url)
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 300
        try folder.enqueue(total)
        let environment = ["PGPASSWORD": password]
        #expect(try CartableBinary.run(["outbox", "migrate", "--outbox", url], environment: environment).status == 0)
        #expect(try CartableBinary.run(["outbox", "copy", folder.outboxPath, url], environment: environment).status == 0)

        let receiver = try RecordingReceiver(latency: .milliseconds(20))
        defer { receiver.stop() }
        let sender = try RunningCartable(
            ["send", "--via", "webhook", "--until-empty", "--concurrency", "4", "--timeout", "2", "--lease", "6", "--format", "jsonl", "--outbox", url],
            environment: ["PGPASSWORD": password, "CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"], in: folder, label: "sender")
        wait(60) { receiver.published >= 40 || !sender.process.isRunning }
        #expect(sender.process.isRunning, "the sender stopped early: \(sender.stderr)")

        // The table locked from another connection: the sender's next claim or record waits inside its transaction,
        // and its server process is terminated there; then the lock is let go.
        let locker = try PostgresTestSession(url: database.url)
        let watcher = try PostgresTestSession(url: database.url)
        defer { locker.close(); watcher.close() }
        try locker.execute("BEGIN")
        try locker.execute("LOCK TABLE message IN EXCLUSIVE MODE")
        var terminated: [String?] = []
        let deadline = Date() + 30
        while terminated.isEmpty, Date() < deadline {
            usleep(20_000)
            terminated = try watcher.column("""
                SELECT pg_terminate_backend(pid)::text FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)
        }
        try locker.execute("ROLLBACK")
        #expect(!terminated.isEmpty, "no transaction of the sender waited on the lock")

        let status = sender.wait(timeout: 180)
        let output = sender.stdout
        #expect(status == 0, "\(sender.stderr)")
        #expect(events("outbox-unavailable", in: output).count == 1, "\(sender.stderr)")
        #expect(events("outbox-reconnected", in: output).count == 1)
        #expect(receiver.published == total, "each message published exactly once")
        #expect(receiver.contentPublishedTwice == 0)
        let left = try watcher.column("SELECT count(*)::text FROM message WHERE state <> 'sent' OR lease_owner IS NOT NULL")
        #expect(left == ["0"], "no row left leased or unsent")
    }
}
