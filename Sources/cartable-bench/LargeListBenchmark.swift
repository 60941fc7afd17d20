import Cartable
import Foundation
import PostgresTestCluster

/// Issue 14's figures: the commands around the composer over a generated list of a million recipients (CSV, the
/// shipped columns), end to end through the built `cartable`, each with its peak memory and its share of the
/// compose-only rate measured in the same run; and the recipients reader on its own.
enum LargeListBenchmark {
    /// Writes the list and a copy of the 2012 campaign reading it, then measures the reader, `preview` (jsonl, csv),
    /// `lint` and `queue` (into a new SQLite outbox, and into a new PostgreSQL database when `CARTABLE_BENCH_POSTGRES_URL`
    /// names a cluster, as `make bench` does).
    static func run(_ recipients: [Recipient], campaignPath: String, composeRate: Double, binary: String, scratch: URL) throws {
        let list = scratch.appendingPathComponent("deputies-1m.csv")
        try GeneratedDeputies.writeCSV(recipients, to: list)
        let source = try String(contentsOfFile: campaignPath, encoding: .utf8)
            .replacingOccurrences(of: "Recipients/deputes-2012-07-01.csv", with: list.path)
        let campaignFile = scratch.appendingPathComponent("campaign-1m.yml")
        try Data(source.utf8).write(to: campaignFile)
        let count = Double(recipients.count)
        let messages = Double(recipients.filter { $0.twitter != nil }.count)

        readerAlone(list, count: count)
        let commands: [(label: String, arguments: [String])] = [
            ("cartable preview --format jsonl", ["preview", campaignFile.path, "--format", "jsonl"]),
            ("cartable preview --format csv", ["preview", campaignFile.path, "--format", "csv"]),
            ("cartable lint", ["lint", campaignFile.path]),
            ("cartable queue --via dry-run (SQLite, full sync)",
             ["queue", campaignFile.path, "--via", "dry-run", "--outbox", scratch.appendingPathComponent("queue-1m.sqlite").path]),
        ]
        var postgresDatabase: String?
        if let cluster = ProcessInfo.processInfo.environment["CARTABLE_BENCH_POSTGRES_URL"].flatMap({ $0.isEmpty ? nil : $0 }) {
            postgresDatabase = try? migratedDatabase("cartable_bench_queue", on: cluster, binary: binary)
            if postgresDatabase == nil { print("  cartable queue into PostgreSQL: skipped (the database could not be made and migrated)") }
        }
        defer {
            if let cluster = ProcessInfo.processInfo.environment["CARTABLE_BENCH_POSTGRES_URL"], postgresDatabase != nil {
                try? PostgresTestCluster.execute(["DROP DATABASE IF EXISTS cartable_bench_queue WITH (FORCE)"], on: cluster)
            }
        }
        let postgresCommands: [(label: String, arguments: [String])] = postgresDatabase.map { url in
            [("cartable queue --via dry-run (PostgreSQL)", ["queue", campaignFile.path, "--via", "dry-run", "--outbox", url])]
        } ?? []
        // Each command runs twice and its faster run is kept, with the higher peak of the two: on a shared machine one
        // run moved by a fifth from one minute to the next. (`queue` runs again on the batch it queued: the second run
        // finds every message there already, so only its first run counts.)
        for (label, arguments) in commands + postgresCommands {
            let runs = arguments.first == "queue" ? 1 : 2
            var outcomes: [ChildProcess.Outcome] = []
            for _ in 0..<runs { outcomes.append(try ChildProcess.run(binary, arguments)) }
            if let failed = outcomes.first(where: { $0.status > 1 }) {
                print("  \(label) exited with status \(failed.status)")
                continue
            }
            let seconds = outcomes.map(\.seconds).min()!
            let peak = outcomes.map(\.peakMemoryMiB).max()!
            let rate = messages / seconds
            report("\(label), \(formatted(count)) recipients",
                   "\(formatted(count / seconds)) rows/s, \(formatted(rate)) messages/s "
                   + "(\(Int((100 * rate / composeRate).rounded()))% of compose-only), peak \(String(format: "%.1f", peak)) MiB"
                   + (runs > 1 ? " (best of \(runs))" : ""))
        }
    }

    /// Creates database `name` on the cluster (dropped first if a run left it), applies the outbox's migrations with
    /// `binary`, and returns its URL.
    private static func migratedDatabase(_ name: String, on cluster: String, binary: String) throws -> String? {
        try PostgresTestCluster.execute(["DROP DATABASE IF EXISTS \(name) WITH (FORCE)", "CREATE DATABASE \(name)"], on: cluster)
        var components = URLComponents(string: cluster)
        components?.path = "/" + name
        guard let url = components?.string, try ChildProcess.run(binary, ["outbox", "migrate", "--outbox", url]).status == 0 else { return nil }
        return url
    }

    /// The reader alone on a generated list of a million recipients (`CARTABLE_BENCH_ONLY=reader`), or as many as
    /// `CARTABLE_BENCH_READER_ROWS` says (a smaller list to run under `valgrind --tool=callgrind`).
    static func readerOnly(scratch: URL) throws {
        print("Recipients reader (one core, release build)")
        let count = ProcessInfo.processInfo.environment["CARTABLE_BENCH_READER_ROWS"].flatMap(Int.init) ?? 1_000_000
        let list = scratch.appendingPathComponent("deputies-1m.csv")
        try GeneratedDeputies.writeCSV(GeneratedDeputies.make(count: count), to: list)
        readerAlone(list, count: Double(count))
    }

    /// `RecipientStream` over the list, every check it makes (encoding, handles, departments, duplicate ids), best
    /// of five; in this process, so its memory is not measured apart.
    private static func readerAlone(_ list: URL, count: Double) {
        var best = Double.infinity, read = 0
        for _ in 0..<5 {
            let start = ThreadClock.seconds
            guard let stream = try? RecipientStream(contentsOf: list) else {
                print("  cannot read \(list.path)")
                return
            }
            read = 0
            for _ in stream { read += 1 }
            best = min(best, ThreadClock.seconds - start)
        }
        report("recipients reader (RecipientStream), \(formatted(count)) rows",
               "\(formatted(Double(read) / best)) rows/s (CPU time; target ≥ 1,000,000)")
    }
}
