import Cartable
import Foundation
import GRDBSQLite
import LoopbackHTTPServer

/// `make bench`, outbox part.
///
/// 1. Enqueue: 1,000,000 rows through ``SQLiteOutbox/enqueue(_:pacing:now:)`` (one transaction, the real schema and
///    indexes, `synchronous=FULL`), beside a plain SQLite insert of the same rows into the same table through the C API
///    with one prepared statement, in the same run. Target: at least 100,000 rows/s.
/// 2. End to end: `cartable queue` of a webhook campaign over made-up recipients, then `cartable send --via webhook
///    --until-empty` (the release binary) to a loopback server that answers at once, every transition committed with
///    `synchronous=FULL` (then NORMAL, for comparison). Target: 2,000 messages/s delivered.
///
/// Environment: `CARTABLE_BENCH_OUTBOX_ROWS` (default 1000000), `CARTABLE_BENCH_SEND_MESSAGES` (default 20000),
/// `CARTABLE_BENCH_SEND_CONCURRENCY` (default 32).
enum OutboxBenchmark {
    static let enqueueTarget = 100_000.0
    static let sendTarget = 2_000.0

    static func run(cartableBinary: String, scratchDirectory: URL) async {
        let environment = ProcessInfo.processInfo.environment
        let rows = environment["CARTABLE_BENCH_OUTBOX_ROWS"].flatMap(Int.init) ?? 1_000_000
        let messages = environment["CARTABLE_BENCH_SEND_MESSAGES"].flatMap(Int.init) ?? 20_000
        let concurrency = environment["CARTABLE_BENCH_SEND_CONCURRENCY"].flatMap(Int.init) ?? 32
        print("outbox: SQLite \(String(cString: sqlite3_libversion())), WAL, synchronous=FULL, in \(scratchDirectory.path)")
        measureEnqueue(rows: rows, in: scratchDirectory)
        await measureEndToEnd(messages: messages, concurrency: concurrency, binary: cartableBinary, in: scratchDirectory)
    }

    /// The rows both inserts write: a realistic key, recipient and a French text of about 120 characters.
    static func entry(_ index: Int) -> OutboxEntry {
        let recipient = "PA\(700_000 + index % 577)"
        let supporter = "supporter-\(index / 577)"
        return OutboxEntry(
            campaignID: "bench-2026", supporterID: supporter, recipientID: recipient, channel: .webhook,
            text: ".@depute\(index % 577) Entreprendre autrement crée des emplois : nos propositions pour votre cartable http://mouves.org #ESS",
            recipientName: "Député \(index % 577)", recipientHandle: "depute\(index % 577)",
            variant: index.isMultiple(of: 2) ? "emploi" : "rentree", language: "fr")
    }

    static func measureEnqueue(rows: Int, in folder: URL) {
        let outboxPath = folder.appendingPathComponent("enqueue.sqlite").path
        let plainPath = folder.appendingPathComponent("plain.sqlite").path
        defer {
            for path in [outboxPath, plainPath] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        guard let outbox = try? SQLiteOutbox(path: outboxPath, durability: .full) else {
            print("  enqueue: cannot create the outbox")
            return
        }
        var result = EnqueueResult(added: 0, alreadyQueued: 0)
        var outboxCPUSeconds = 0.0
        let outboxSeconds = Stopwatch.seconds {
            outboxCPUSeconds = Stopwatch.cpuSeconds {
                result = (try? outbox.enqueue((0..<rows).lazy.map(entry), pacing: nil, now: Date())) ?? result
            }
        }
        let again = Stopwatch.seconds {
            _ = try? outbox.enqueue((0..<min(rows, 100_000)).lazy.map(entry), pacing: nil, now: Date())
        }
        let plainSeconds = plainInsert(rows: rows, path: plainPath)
        var checksum = 0
        let generateSeconds = Stopwatch.seconds {
            for index in 0..<rows { checksum &+= entry(index).text.utf8.count }
        }
        let outboxRate = Double(result.added) / outboxSeconds
        let verdict = result.added == rows && outboxRate >= enqueueTarget ? "target ≥ \(Int(enqueueTarget)) met" : "target ≥ \(Int(enqueueTarget)) NOT met"
        print("  enqueue \(rows) rows, one transaction:   SQLiteOutbox \(format(outboxRate)) rows/s (\(String(format: "%.2f", outboxSeconds)) s; "
            + "\(format(Double(result.added) / outboxCPUSeconds)) rows per CPU-second), \(verdict)")
        if let plainSeconds {
            print("  same rows, plain SQLite C API insert:   \(format(Double(rows) / plainSeconds)) rows/s (\(String(format: "%.2f", plainSeconds)) s); outbox/plain = \(String(format: "%.2f", plainSeconds / outboxSeconds))")
        }
        print("  making the rows alone (no SQLite):       \(format(Double(rows) / generateSeconds)) rows/s (checksum \(checksum % 10))")
        print("  queueing 100000 of them again (no-op):   \(format(Double(min(rows, 100_000)) / again)) rows/s")
    }

    /// The same rows into the same table, through the C API with one prepared statement: the floor SQLite sets.
    static func plainInsert(rows: Int, path: String) -> Double? {
        // Create the schema through the outbox, then write with the bare C API.
        guard (try? SQLiteOutbox(path: path, durability: .full)) != nil else { return nil }
        var database: OpaquePointer?
        guard sqlite3_open(path, &database) == SQLITE_OK, let database else { return nil }
        defer { sqlite3_close(database) }
        // The same settings the outbox uses for a batch, so that only the code differs.
        sqlite3_exec(database, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -1048576", nil, nil, nil)
        let sql = """
            INSERT INTO message (idempotency_key, campaign_id, supporter_id, recipient_id, recipient_name, recipient_handle,
                                 channel, text, variant, language, reaches_recipient, state, attempts, next_attempt_at, created_at,
                                 updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING
            """
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let stamp = Int64(Date().timeIntervalSince1970 * 1000)
        return Stopwatch.seconds {
            sqlite3_exec(database, "BEGIN IMMEDIATE", nil, nil, nil)
            for index in 0..<rows {
                let row = entry(index)
                let texts = [row.idempotencyKey.rawValue, row.campaignID, row.supporterID, row.recipientID, row.recipientName ?? "",
                             row.recipientHandle ?? "", row.channel, row.text, row.variant ?? "", row.language ?? ""]
                for (position, text) in texts.enumerated() {
                    sqlite3_bind_text(statement, Int32(position + 1), text, -1, transient)
                }
                sqlite3_bind_int(statement, 11, row.reachesRecipient ? 1 : 0)
                for position in 12...14 { sqlite3_bind_int64(statement, Int32(position), stamp) }
                sqlite3_step(statement)
                sqlite3_reset(statement)
            }
            sqlite3_exec(database, "COMMIT", nil, nil, nil)
        }
    }

    /// A campaign for the organiser's webhook over `count` made-up recipients, open at every hour.
    static func writeCampaign(count: Int, in folder: URL) throws -> String {
        var csv = "id,name,first_name,last_name,group,department,department_name,constituency\n"
        for index in 0..<count {
            csv += "PA\(700_000 + index),Député \(index),Camille,Député \(index),GRP\(index % 9),\(String(format: "%02d", 1 + index % 95)),Département,\(1 + index % 12)\n"
        }
        try csv.write(to: folder.appendingPathComponent("bench-recipients.csv"), atomically: true, encoding: .utf8)
        let campaign = """
            id: bench-webhook
            title: Bench
            organiser: Cartable
            language: fr
            link: http://mouves.org
            hashtags: [ESS]
            channel: webhook
            recipients: bench-recipients.csv
            templates:
              - id: emploi
                text: "{{name}}, entreprendre autrement crée des emplois : nos propositions pour votre cartable {{link}} {{hashtags}}"
              - id: rentree
                text: "{{name}}, pour votre cartable de rentrée : les propositions du Livre blanc {{link}} {{hashtags}}"
            sending:
              per_recipient: {per_hour: 1, per_day: 1}
              hours: {from: "00:00", to: "24:00", time_zone: Europe/Paris}

            """
        let path = folder.appendingPathComponent("bench-campaign.yml").path
        try campaign.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func measureEndToEnd(messages: Int, concurrency: Int, binary: String, in folder: URL) async {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("  end to end: \(binary) not built (make bench builds it)")
            return
        }
        guard let server = try? LoopbackHTTPServer(handler: { _ in .respond(.json(201, #"{"id":"1"}"#)) }),
              let campaign = try? writeCampaign(count: messages, in: folder) else {
            print("  end to end: cannot start the loopback server or write the campaign")
            return
        }
        defer { server.stop() }
        setenv("CARTABLE_WEBHOOK_URL", server.baseURL + "/hook", 1)
        setenv("CARTABLE_WEBHOOK_SECRET", "bench-secret", 1)
        for durability in [OutboxDurability.full, .normal] {
            let outboxPath = folder.appendingPathComponent("send-\(durability.rawValue).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: outboxPath + suffix) } }
            let requestsBefore = server.requestCount
            guard let queued = try? ChildProcess.run(binary, ["queue", campaign, "--via", "webhook", "--durability", durability.rawValue, "--outbox", outboxPath]),
                  let sent = try? ChildProcess.run(binary, [
                      "send", "--via", "webhook", "--until-empty", "--concurrency", String(concurrency), "--durability", durability.rawValue,
                      "--format", "jsonl", "--outbox", outboxPath,
                  ]) else {
                print("  end to end: cannot run \(binary)")
                return
            }
            let report = try? await SQLiteOutbox(path: outboxPath, access: .readWrite).report(campaignID: nil, errorLimit: 1)
            let delivered = report?.states[.sent] ?? 0
            let rate = Double(delivered) / sent.seconds
            let overall = Double(delivered) / (queued.seconds + sent.seconds)
            let verdict = delivered == messages && rate >= sendTarget ? "target ≥ \(Int(sendTarget)) met" : "target ≥ \(Int(sendTarget)) NOT met"
            print("  end to end, synchronous=\(durability.rawValue.uppercased()): cartable queue \(messages) in \(String(format: "%.2f", queued.seconds)) s (exit \(queued.status)), "
                + "cartable send --via webhook (\(concurrency) in flight) \(format(rate)) messages/s (\(delivered) sent, \(server.requestCount - requestsBefore) requests, "
                + "\(String(format: "%.2f", sent.seconds)) s, \(String(format: "%.1f", sent.cpuSeconds)) CPU s, exit \(sent.status)); queue + send \(format(overall)) messages/s"
                + (durability == .full ? ", \(verdict)" : ""))
        }
    }

    static func format(_ value: Double) -> String {
        let number = NumberFormatter()
        number.numberStyle = .decimal
        number.maximumFractionDigits = 0
        number.locale = Locale(identifier: "en_US")
        return number.string(from: NSNumber(value: value)) ?? String(Int(value))
    }
}
