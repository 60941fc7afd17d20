import Cartable
import Foundation
import PostgresNIO

/// Rows read and written whole, for ``OutboxCopy``.
extension PostgresOutbox: TransferableOutbox {
    public func records(after id: Int64, limit: Int) async throws -> [OutboxRecord] {
        var statement = PostgresStatement()
        let after = statement.bind(id), count = statement.bind(Int64(limit))
        statement.append("SELECT \(PostgresRows.messageColumns) FROM message WHERE id > \(after) ORDER BY id LIMIT \(count)")
        return try await translatingErrors("reading the outbox") {
            try await connections.transaction { session in
                try await session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                let messages = try await session.run(statement).rows.map(PostgresRows.message)
                guard !messages.isEmpty else { return [] }
                var logs = PostgresStatement()
                let ids = logs.bind(messages.map(\.id))
                logs.append("""
                    SELECT message_id, number, started_at, finished_at, outcome, detail FROM attempt
                    WHERE message_id = ANY(\(ids)::bigint[]) ORDER BY id
                    """)
                var attempts: [Int64: [AttemptRecord]] = [:]
                for row in try await session.run(logs).rows {
                    let cells = PostgresCells(row)
                    let messageID: Int64 = try cells[0]
                    attempts[messageID, default: []].append(AttemptRecord(
                        number: try cells[1], startedAt: Date(milliseconds: try cells[2]), finishedAt: Date(milliseconds: try cells[3]),
                        outcome: try cells[4], detail: try cells[5]))
                }
                return messages.map { OutboxRecord(message: $0, attempts: attempts[$0.id] ?? []) }
            }
        }
    }

    public func insert(_ records: [OutboxRecord]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        var columns = TransferColumns()
        for record in records { columns.append(record.message) }
        let insertRows = columns.insert()
        return try await translatingErrors("copying messages") {
            try await connections.transaction { session in
                var newIDs: [String: Int64] = [:]
                for row in try await session.run(insertRows).rows {
                    let cells = PostgresCells(row)
                    let key: String = try cells[1]
                    newIDs[key] = try cells[0]
                }
                var messageIDs: [Int64] = [], numbers: [Int64] = [], started: [Int64] = [], finished: [Int64] = []
                var outcomes: [String] = [], details: [String] = [], detailIsNull: [Bool] = []
                for record in records {
                    guard let id = newIDs[record.message.entry.idempotencyKey.rawValue] else { continue }
                    for attempt in record.attempts {
                        messageIDs.append(id)
                        numbers.append(Int64(attempt.number))
                        started.append(attempt.startedAt.exactOutboxMilliseconds)
                        finished.append(attempt.finishedAt.exactOutboxMilliseconds)
                        outcomes.append(attempt.outcome)
                        details.append(attempt.detail ?? "")
                        detailIsNull.append(attempt.detail == nil)
                    }
                }
                if !messageIDs.isEmpty {
                    var logs = PostgresStatement()
                    let arrays = [
                        "\(logs.bind(messageIDs))::bigint[]", "\(logs.bind(numbers))::bigint[]", "\(logs.bind(started))::bigint[]",
                        "\(logs.bind(finished))::bigint[]", "\(logs.bind(outcomes))::text[]", "\(logs.bind(details))::text[]",
                        "\(logs.bind(detailIsNull))::boolean[]",
                    ]
                    // WITH ORDINALITY keeps each row's attempts in their order (the log is read back by id).
                    logs.append("""
                        INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail)
                        SELECT message_id, number, started_at, finished_at, outcome, CASE WHEN no_detail THEN NULL ELSE detail END
                        FROM unnest(\(arrays.joined(separator: ", "))) WITH ORDINALITY
                            AS a (message_id, number, started_at, finished_at, outcome, detail, no_detail, position)
                        ORDER BY position
                        """)
                    try await session.run(logs)
                }
                return newIDs.count
            }
        }
    }

    public func insertMissing(_ pacing: [CampaignPacing], now: Date) async throws -> Int {
        guard !pacing.isEmpty else { return 0 }
        return try await translatingErrors("copying the campaigns' pacing") {
            try await connections.transaction { session in
                var added = 0
                for campaign in pacing {
                    added += try await session.run(Self.storing(campaign, now: now.milliseconds, replacing: false)).metadata.rows ?? 0
                }
                return added
            }
        }
    }

    public func insertMissing(_ paused: [PausedCampaign]) async throws -> Int {
        guard !paused.isEmpty else { return 0 }
        var statement = PostgresStatement()
        let campaigns = statement.bind(paused.map(\.campaignID)), times = statement.bind(paused.map(\.pausedAt.exactOutboxMilliseconds))
        statement.append("""
            INSERT INTO paused_campaign (campaign_id, paused_at)
            SELECT campaign_id, paused_at FROM unnest(\(campaigns)::text[], \(times)::bigint[]) AS p (campaign_id, paused_at)
            ON CONFLICT (campaign_id) DO NOTHING
            """)
        return try await translatingErrors("copying the paused campaigns") {
            try await connections.transaction { session in
                try await session.run(statement).metadata.rows ?? 0
            }
        }
    }
}

/// Whole rows as column arrays, for one `INSERT … ON CONFLICT DO NOTHING RETURNING id, idempotency_key`.
struct TransferColumns {
    private var texts: [[String]] = Array(repeating: [], count: 15)
    private var nulls: [[Bool]] = Array(repeating: [], count: 15)
    private var numbers: [[Int64]] = Array(repeating: [], count: 7)
    private var numberIsNull: [[Bool]] = Array(repeating: [], count: 7)
    private var reaches: [Bool] = []

    private mutating func text(_ column: Int, _ value: String?) {
        texts[column].append(value ?? "")
        nulls[column].append(value == nil)
    }

    private mutating func number(_ column: Int, _ value: Int64?) {
        numbers[column].append(value ?? 0)
        numberIsNull[column].append(value == nil)
    }

    mutating func append(_ row: OutboxMessage) {
        let entry = row.entry, key = entry.idempotencyKey
        let values: [String?] = [
            key.rawValue, key.campaign, key.supporter, key.recipient, entry.recipientName, entry.recipientHandle, key.channel,
            entry.text, entry.variant, entry.language, row.state.rawValue, row.leaseOwner, row.lastError, row.postID, row.postURL,
        ]
        for (column, value) in values.enumerated() { text(column, value) }
        let times: [Int64?] = [
            Int64(row.attempts), row.nextAttemptAt.exactOutboxMilliseconds, row.leaseExpiresAt?.exactOutboxMilliseconds,
            row.createdAt.exactOutboxMilliseconds, row.updatedAt.exactOutboxMilliseconds, row.sentAt?.exactOutboxMilliseconds, 0,
        ]
        for (column, value) in times.enumerated() { number(column, value) }
        reaches.append(entry.reachesRecipient)
    }

    func insert() -> PostgresStatement {
        var statement = PostgresStatement()
        let textNames = ["idempotency_key", "campaign_id", "supporter_id", "recipient_id", "recipient_name", "recipient_handle", "channel",
                         "text", "variant", "language", "state", "lease_owner", "last_error", "post_id", "post_url"]
        let numberNames = ["attempts", "next_attempt_at", "lease_expires_at", "created_at", "updated_at", "sent_at", "unused"]
        var arrays: [String] = [], aliases: [String] = [], selected: [String] = []
        for (column, name) in textNames.enumerated() {
            arrays.append("\(statement.bind(texts[column]))::text[]")
            arrays.append("\(statement.bind(nulls[column]))::boolean[]")
            aliases += [name, "\(name)_is_null"]
            selected.append("CASE WHEN \(name)_is_null THEN NULL ELSE \(name) END")
        }
        for (column, name) in numberNames.enumerated() where name != "unused" {
            arrays.append("\(statement.bind(numbers[column]))::bigint[]")
            arrays.append("\(statement.bind(numberIsNull[column]))::boolean[]")
            aliases += [name, "\(name)_is_null"]
            selected.append("CASE WHEN \(name)_is_null THEN NULL ELSE \(name) END")
        }
        arrays.append("\(statement.bind(reaches))::boolean[]")
        aliases.append("reaches_recipient")
        selected.append("reaches_recipient")
        let names = textNames + numberNames.filter { $0 != "unused" } + ["reaches_recipient"]
        statement.append("""
            INSERT INTO message (\(names.joined(separator: ", ")))
            SELECT \(selected.joined(separator: ", "))
            FROM unnest(\(arrays.joined(separator: ", "))) WITH ORDINALITY AS r (\(aliases.joined(separator: ", ")), position)
            ORDER BY position
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING id, idempotency_key
            """)
        return statement
    }
}
