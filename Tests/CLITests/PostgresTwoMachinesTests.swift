import Foundation
import PostgresTestCluster
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The multi-machine deployment of docs/outbox.md, on one machine: each sender runs in a network namespace of its own
/// (its own interfaces, its own 127.0.0.1), joined to this one by a veth pair, and reaches PostgreSQL — a private
/// cluster listening on the veth addresses — and the webhook over that link only. Skipped, saying why, where network
/// namespaces cannot be made (not root, or a sandbox that forbids them).
@Suite("senders on two machines (network namespaces) sharing a PostgreSQL outbox", .serialized, .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"), .runsOffThePool)
struct PostgresTwoMachinesTests {
    /// The URL without its password, and the password (given as PGPASSWORD, as a deployment would).
    func split(_ url: String) throws -> (url: String, password: String) {
        var components = try #require(URLComponents(string: url))
        let password = try #require(components.password)
        components.password = nil
        return (components.string!, password)
    }

    @Test("a sender in each of two network namespaces, over veth links to PostgreSQL and the webhook: the work is shared, each message published once; 127.0.0.1 inside a namespace is not this machine's")
    func twoMachines() async throws {
        if let reason = NetworkNamespace.unavailableReason {
            print("skipped: senders on two machines (network namespaces): \(reason)")
            return
        }
        // Cleaned up however the test ends: the namespaces (and their veth pairs) by `remove()`, also on a throw.
        // What blocks for seconds (ip, initdb, the commands) runs on a thread of its own, off the cooperative pool.
        let machines = try (0..<2).map { try NetworkNamespace(index: $0) }
        defer { machines.forEach { $0.remove() } }
        let addresses = machines.map(\.hostAddress)
        let cluster = try PrivatePostgresCluster(listen: addresses)
        defer { cluster.stop() }
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let total = 500
        let (localURL, password) = try split(cluster.url(database: "cartable_machines"))
        let (migrate, copy, local) = try {
            try PostgresTestCluster.execute(["CREATE DATABASE cartable_machines"], on: cluster.url)
            try folder.enqueue(total)
            let migrate = try CartableBinary.run(["outbox", "migrate", "--outbox", localURL], environment: ["PGPASSWORD": password])
            let copy = try CartableBinary.run(["outbox", "copy", folder.outboxPath, localURL], environment: ["PGPASSWORD": password])
            // Inside a namespace, 127.0.0.1 is the namespace's own: the database is not there.
            let local = try RunningCartable(["status", "--outbox", localURL], environment: ["PGPASSWORD": password], in: folder,
                                            label: "loopback-inside", namespace: machines[0])
            local.wait(timeout: 60)
            return (migrate, copy, local)
        }()
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(local.process.terminationStatus == 2)
        #expect(local.stderr.contains("cannot connect"), "\(local.stderr)")

        // The webhook listens on the first link's host end; the second machine reaches it through its default route.
        let receiver = try RecordingReceiver(latency: .milliseconds(2), host: machines[0].hostAddress)
        defer { receiver.stop() }
        let sendingStarted = Date()
        let senders = try machines.enumerated().map { index, machine in
            let url = try split(cluster.url(database: "cartable_machines", host: machine.hostAddress)).url
            return try RunningCartable(
                ["send", "--via", "webhook", "--until-empty", "--concurrency", "8", "--format", "jsonl", "--outbox", url],
                environment: ["PGPASSWORD": password, "CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"], in: folder,
                label: "machine-\(index)", namespace: machine)
        }
        // Both are connected over their links while they send (their client addresses are the namespaces' ends).
        let watcher = try PostgresTestSession(url: cluster.url)
        defer { watcher.close() }
        let (clients, statuses) = try {
            var clients: Set<String> = []
            let deadline = Date() + 120
            while senders.contains(where: { $0.process.isRunning }) && Date() < deadline {
                let addresses = try watcher.column("""
                    SELECT DISTINCT host(client_addr) FROM pg_stat_activity WHERE datname = 'cartable_machines' AND client_addr IS NOT NULL
                    """)
                clients.formUnion(addresses.compactMap { $0 })
                usleep(50_000)
            }
            return (clients, senders.map { $0.wait(timeout: 60) })
        }()
        for (sender, status) in zip(senders, statuses) {
            #expect(status == 0, "\(sender.stderr)")
        }
        let sent = senders.map { $0.stdout.split(separator: "\n").filter { $0.contains(#""event":"sent""#) }.count }
        print("two machines: \(total) messages, sent \(sent) by the senders in \(machines.map(\.name)), clients seen \(clients.sorted()), "
            + "requests \(receiver.requestCount), sending took \(String(format: "%.1f", Date().timeIntervalSince(sendingStarted))) s")
        #expect(sent.reduce(0, +) == total)
        #expect(sent.allSatisfy { $0 > 0 }, "both machines took part: \(sent)")
        #expect(clients.isSuperset(of: machines.map(\.address)), "the database saw both machines' addresses: \(clients)")
        #expect(!clients.contains("127.0.0.1"))
        #expect(receiver.published == total && receiver.requestCount == total, "each message requested and published exactly once")
        let left = try PostgresTestCluster.integer(
            "SELECT count(*)::int FROM message WHERE state <> 'sent' OR lease_owner IS NOT NULL", on: cluster.url(database: "cartable_machines"))
        #expect(left == 0)
    }
}
