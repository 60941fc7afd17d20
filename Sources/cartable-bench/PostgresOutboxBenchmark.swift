import Cartable
import CartablePostgres
import Foundation
import LoopbackHTTPServer
import PostgresTestCluster

/// `make bench`, the PostgreSQL outbox's part, run when a cluster is named by `CARTABLE_BENCH_POSTGRES_URL` (a
/// superuser's URL: `make bench` starts the tests' private cluster, `Tests/Postgres/cluster.sh`, and names it), in a
/// database of its own, dropped after.
///
/// 1. Enqueue: 1,000,000 rows through ``PostgresOutbox/enqueue(_:pacing:now:)`` (one transaction, multi-row inserts
///    of 5,000, the real schema and indexes, `synchronous_commit` on), twice, each into a new database: with each batch
///    waiting for the previous one's answer (as before 2026-12-01), then with batches pipelined (the default). Target:
///    at least 100,000 rows/s. Besides wall time, the CPU seconds of this process and of the server's processes
///    (``PostgresServerCPU``): on a machine shared with other work they say what a row costs.
/// 2. Claim latency: `claimDue` of 8 rows at a time from that million-row table, p50 and p99 over 1,000 claims.
/// 3. End to end: `cartable queue` of a webhook campaign into the database, then two `cartable send --via webhook
///    --until-empty` processes at once (the release binary) to a loopback server that answers at once; the rate is
///    what both delivered over their wall time. Target: at least 3,000 messages/s. With the CPU seconds of the two
///    senders and of the server.
///
/// Environment: `CARTABLE_BENCH_OUTBOX_ROWS`, `CARTABLE_BENCH_SEND_MESSAGES`, `CARTABLE_BENCH_SEND_CONCURRENCY` as
/// for SQLite (``OutboxBenchmark``).
enum PostgresOutboxBenchmark {
    static let enqueueTarget = 100_000.0
    static let sendTarget = 3_000.0

    static func run(cartableBinary: String, scratchDirectory: URL) async {
        let environment = ProcessInfo.processInfo.environment
        guard let cluster = environment["CARTABLE_BENCH_POSTGRES_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            print("outbox on PostgreSQL: skipped (CARTABLE_BENCH_POSTGRES_URL is not set; make bench starts a private cluster)")
            return
        }
        let rows = environment["CARTABLE_BENCH_OUTBOX_ROWS"].flatMap(Int.init) ?? 1_000_000
        let messages = environment["CARTABLE_BENCH_SEND_MESSAGES"].flatMap(Int.init) ?? 20_000
        let concurrency = environment["CARTABLE_BENCH_SEND_CONCURRENCY"].flatMap(Int.init) ?? 32
        let version = (try? PostgresTestCluster.integer("SELECT current_setting('server_version_num')::int", on: cluster)).map { "\($0 / 10_000).\($0 % 100)" } ?? "?"
        print("outbox on PostgreSQL \(version), synchronous_commit on, a private cluster on this machine")
        do {
            // The same rows, batches waited for one after another (as before 2026-12-01), then pipelined.
            try await withDatabase("cartable_bench_enqueue", on: cluster) { url in
                _ = try await measureEnqueue(rows: rows, batchesInFlight: 0, url: url)
            }
            try await withDatabase("cartable_bench_enqueue", on: cluster) { url in
                let outbox = try await measureEnqueue(rows: rows, batchesInFlight: PostgresOutbox.defaultEnqueueBatchesInFlight, url: url)
                defer { outbox.close() }
                try await measureClaims(rows: rows, outbox: outbox)
            }
            try await withDatabase("cartable_bench_send", on: cluster) { url in
                measureEndToEnd(messages: messages, concurrency: concurrency, binary: cartableBinary, url: url, in: scratchDirectory)
            }
        } catch {
            print("  PostgreSQL: \(error)")
        }
    }

    /// Creates database `name` (dropped first if a run left it), runs `body` with its URL, and drops it.
    static func withDatabase(_ name: String, on cluster: String, _ body: (String) async throws -> Void) async throws {
        try PostgresTestCluster.execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)", "CREATE DATABASE \(name)"], on: cluster)
        defer { try? PostgresTestCluster.execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"], on: cluster) }
        var components = URLComponents(string: cluster)
        components?.path = "/" + name
        guard let url = components?.string else { throw PostgresURLError("not a URL: the cluster's") }
        try await body(url)
    }

    /// Enqueues `rows` rows into a new outbox at `url`, prints the rate and the CPU it took, and returns the outbox.
    @discardableResult
    static func measureEnqueue(rows: Int, batchesInFlight: Int, url: String) async throws -> PostgresOutbox {
        let outbox = try PostgresOutbox(urlText: url, requireCurrentSchema: false, enqueueBatchesInFlight: batchesInFlight)
        try await outbox.migrate()
        var result = EnqueueResult(added: 0, alreadyQueued: 0)
        var cpuSeconds = 0.0
        let serverBefore = PostgresServerCPU(cluster: url)
        let seconds = try Stopwatch.seconds {
            cpuSeconds = try Stopwatch.processCPUSeconds {
                result = try outbox.enqueue((0..<rows).lazy.map(OutboxBenchmark.entry), pacing: nil, now: Date())
            }
        }
        let serverSeconds = serverBefore.flatMap { before in PostgresServerCPU(cluster: url)?.seconds(since: before) }
        let rate = Double(result.added) / seconds
        let verdict = result.added == rows && rate >= enqueueTarget ? "target ≥ \(Int(enqueueTarget)) met" : "target ≥ \(Int(enqueueTarget)) NOT met"
        let how = batchesInFlight == 0 ? "batches one after another" : "\(batchesInFlight) batches in flight"
        print("  enqueue \(rows) rows, one transaction, \(how):   \(OutboxBenchmark.format(rate)) rows/s (\(String(format: "%.2f", seconds)) s), \(verdict)")
        print("    CPU: this process \(String(format: "%.1f", cpuSeconds)) s, "
            + (serverSeconds.map { "the server's processes \(String(format: "%.1f", $0)) s: \(OutboxBenchmark.format(Double(result.added) / max($0, 0.001))) rows per server CPU-second" }
               ?? "the server's not counted (not on this machine)"))
        return outbox
    }

    /// Claim latency from the table `measureEnqueue` filled: what one claim of a busy sender costs.
    static func measureClaims(rows: Int, outbox: PostgresOutbox) async throws {
        let owner = LeaseOwner.current()
        var latencies: [Double] = []
        let claims = min(1_000, max(1, rows / 8))
        for _ in 0..<claims {
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await outbox.claimDue(limit: 8, filter: ClaimFilter(channels: ["webhook"]), owner: owner, leaseDuration: 120, now: Date())
            let elapsed = clock.now - start
            latencies.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        latencies.sort()
        func percentile(_ p: Double) -> String { String(format: "%.2f", latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]) }
        print("  claim latency, 8 rows of \(rows) queued:  p50 \(percentile(0.5)) ms, p99 \(percentile(0.99)) ms (\(claims) claims, one after another)")
    }

    static func measureEndToEnd(messages: Int, concurrency: Int, binary: String, url: String, in folder: URL) {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("  end to end: \(binary) not built (make bench builds it)")
            return
        }
        guard let server = try? LoopbackHTTPServer(handler: { _ in .respond(.json(201, #"{"id":"1"}"#)) }),
              let campaign = try? OutboxBenchmark.writeCampaign(count: messages, in: folder) else {
            print("  end to end: cannot start the loopback server or write the campaign")
            return
        }
        defer { server.stop() }
        setenv("CARTABLE_WEBHOOK_URL", server.baseURL + "/hook", 1)
        setenv("CARTABLE_WEBHOOK_SECRET", "bench-secret", 1)
        guard let migrated = try? ChildProcess.run(binary, ["outbox", "migrate", "--outbox", url]), migrated.status == 0,
              let queued = try? ChildProcess.run(binary, ["queue", campaign, "--via", "webhook", "--outbox", url]) else {
            print("  end to end: cannot run \(binary) on the database")
            return
        }
        let arguments = ["send", "--via", "webhook", "--until-empty", "--concurrency", String(concurrency), "--format", "jsonl", "--outbox", url]
        let serverBefore = PostgresServerCPU(cluster: url)
        let sendersCPUBefore = Stopwatch.childrenCPUSeconds
        let clock = ContinuousClock()
        let start = clock.now
        let senders: [Process] = (0..<2).compactMap { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            return (try? process.run()) == nil ? nil : process
        }
        for sender in senders { sender.waitUntilExit() }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let sendersCPU = Stopwatch.childrenCPUSeconds - sendersCPUBefore
        let serverSeconds = serverBefore.flatMap { before in PostgresServerCPU(cluster: url)?.seconds(since: before) }
        let delivered = (try? PostgresTestCluster.integer("SELECT count(*)::int FROM message WHERE state = 'sent'", on: url)) ?? 0
        let rate = Double(delivered) / seconds
        let verdict = delivered == messages && rate >= sendTarget ? "target ≥ \(Int(sendTarget)) met" : "target ≥ \(Int(sendTarget)) NOT met"
        print("  end to end: cartable queue \(messages) in \(String(format: "%.2f", queued.seconds)) s (exit \(queued.status)), "
            + "2 × cartable send --via webhook (\(concurrency) in flight each) \(OutboxBenchmark.format(rate)) messages/s "
            + "(\(delivered) sent, \(server.requestCount) requests, \(String(format: "%.2f", seconds)) s, exit \(senders.map(\.terminationStatus))), \(verdict)")
        print("    CPU: the two senders \(String(format: "%.1f", sendersCPU)) s, "
            + (serverSeconds.map { "the server's processes \(String(format: "%.1f", $0)) s: \(OutboxBenchmark.format(Double(delivered) / max(sendersCPU + $0, 0.001))) messages per CPU-second of both" }
               ?? "the server's not counted"))
    }
}
