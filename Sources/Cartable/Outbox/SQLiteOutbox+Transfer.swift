import Foundation
import GRDB

/// Rows read and written whole, for ``OutboxCopy``.
extension SQLiteOutbox: TransferableOutbox {
    public func records(after id: Int64, limit: Int) async throws -> [OutboxRecord] {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                let messages = try Row.fetchAll(
                    db, sql: "SELECT \(Self.messageColumns) FROM message WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit]
                ).map(Self.message)
                guard let first = messages.first, let last = messages.last else { return [] }
                var attempts: [Int64: [AttemptRecord]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT message_id, number, started_at, finished_at, outcome, detail FROM attempt
                    WHERE message_id BETWEEN ? AND ? ORDER BY id
                    """, arguments: [first.id, last.id]) {
                    attempts[row[0], default: []].append(AttemptRecord(
                        number: row[1], startedAt: Date(outboxMilliseconds: row[2]), finishedAt: Date(outboxMilliseconds: row[3]),
                        outcome: row[4], detail: row[5]))
                }
                return messages.map { OutboxRecord(message: $0, attempts: attempts[$0.id] ?? []) }
            }
        }
    }

    public func insert(_ records: [OutboxRecord]) async throws -> Int {
        guard !records.isEmpty else { return 0 }
        return try await translatingErrors("copying messages") {
            try await database.write { db in
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO message (idempotency_key, campaign_id, supporter_id, recipient_id, recipient_name, recipient_handle,
                                         channel, text, variant, language, reaches_recipient, state, attempts, next_attempt_at,
                                         lease_owner, lease_expires_at, last_error, post_id, post_url, created_at, updated_at, sent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """)
                let log = try db.cachedStatement(sql: """
                    INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                var added = 0
                for record in records {
                    let row = record.message, entry = row.entry, key = entry.idempotencyKey
                    try insert.execute(arguments: [
                        key.rawValue, key.campaign, key.supporter, key.recipient, entry.recipientName, entry.recipientHandle,
                        key.channel, entry.text, entry.variant, entry.language, entry.reachesRecipient ? 1 : 0, row.state.rawValue,
                        row.attempts, row.nextAttemptAt.exactOutboxMilliseconds, row.leaseOwner,
                        row.leaseExpiresAt?.exactOutboxMilliseconds, row.lastError, row.postID, row.postURL,
                        row.createdAt.exactOutboxMilliseconds, row.updatedAt.exactOutboxMilliseconds, row.sentAt?.exactOutboxMilliseconds,
                    ])
                    guard db.changesCount == 1 else { continue }
                    added += 1
                    let id = db.lastInsertedRowID
                    for attempt in record.attempts {
                        try log.execute(arguments: [
                            id, attempt.number, attempt.startedAt.exactOutboxMilliseconds, attempt.finishedAt.exactOutboxMilliseconds,
                            attempt.outcome, attempt.detail,
                        ])
                    }
                }
                return added
            }
        }
    }

    public func insertMissing(_ pacing: [CampaignPacing], now: Date) async throws -> Int {
        guard !pacing.isEmpty else { return 0 }
        return try await translatingErrors("copying the campaigns' pacing") {
            try await database.write { db in
                var added = 0
                for campaign in pacing {
                    let limits = campaign.limits
                    try db.execute(sql: """
                        INSERT INTO campaign (id, per_recipient_per_hour, per_recipient_per_day, hours_from, hours_to, time_zone,
                                              window_start, window_end, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                        """, arguments: [campaign.campaignID, limits.perRecipientPerHour, limits.perRecipientPerDay, limits.from, limits.to,
                                         limits.timeZone, limits.windowStart, limits.windowEnd, now.outboxMilliseconds])
                    added += db.changesCount
                }
                return added
            }
        }
    }

    public func insertMissing(_ paused: [PausedCampaign]) async throws -> Int {
        guard !paused.isEmpty else { return 0 }
        return try await translatingErrors("copying the paused campaigns") {
            try await database.write { db in
                var added = 0
                for campaign in paused {
                    try db.execute(sql: "INSERT INTO paused_campaign (campaign_id, paused_at) VALUES (?, ?) ON CONFLICT (campaign_id) DO NOTHING",
                                   arguments: [campaign.campaignID, campaign.pausedAt.exactOutboxMilliseconds])
                    added += db.changesCount
                }
                return added
            }
        }
    }
}
