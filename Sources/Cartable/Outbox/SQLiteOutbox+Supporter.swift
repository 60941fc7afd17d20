import Foundation
import GRDB

/// What the supporter's flow asks of the outbox: what a supporter already wrote, how loaded each deputy is, and a
/// claim of the one message it has just queued, so that it goes at once without sending anyone else's.
extension SQLiteOutbox {
    public func claim(_ idempotencyKey: IdempotencyKey, caps: RecipientCaps?, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> OneMessageClaim {
        let stamp = now.outboxMilliseconds
        return try await translatingErrors("claiming the message") {
            try await database.write { db in
                guard var row = try Row.fetchOne(
                    db, sql: "SELECT \(Self.messageColumns) FROM message WHERE idempotency_key = ?", arguments: [idempotencyKey.rawValue]
                ).map(Self.message) else { return .missing }
                guard OutboxState.claimable.contains(row.state), row.nextAttemptAt <= now else { return .notClaimable(row) }
                if try Self.isPaused(row.entry.campaignID, db) { return .paused(row) }
                if let caps, row.entry.reachesRecipient {
                    var pace = RecipientPace(now: now)
                    if let later = try pace.postponement(for: row.entry, caps: caps, db) {
                        try db.execute(sql: "UPDATE message SET next_attempt_at = ?, updated_at = ? WHERE id = ?",
                                       arguments: [later.outboxMilliseconds, stamp, row.id])
                        return .heldByCap(until: later)
                    }
                }
                let leaseEnd = (now + leaseDuration).outboxMilliseconds
                try db.execute(sql: """
                    UPDATE message SET state = 'sending', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?, updated_at = ?
                    WHERE id = ? AND state IN ('queued', 'retrying')
                    """, arguments: [owner.description, leaseEnd, stamp, row.id])
                row.state = .sending
                row.attempts += 1
                row.leaseOwner = owner.description
                row.leaseExpiresAt = Date(outboxMilliseconds: leaseEnd)
                return .claimed(row)
            }
        }
    }

    public func messages(campaignID: String, supporterID: String, recipientID: String) async throws -> [OutboxMessage] {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                // The key's range finds them through its unique index (no scan of the whole table per supporter).
                let keys = IdempotencyKey.textRange(startingWith: [campaignID, supporterID, recipientID])
                return try Row.fetchAll(db, sql: """
                    SELECT \(Self.messageColumns) FROM message
                    WHERE idempotency_key >= ? AND idempotency_key < ?
                      AND campaign_id = ? AND supporter_id = ? AND recipient_id = ? AND reaches_recipient = 1 ORDER BY id
                    """, arguments: [keys.lower, keys.upper, campaignID, supporterID, recipientID]).map(Self.message)
            }
        }
    }

    public func message(_ idempotencyKey: IdempotencyKey) async throws -> OutboxMessage? {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.messageColumns) FROM message WHERE idempotency_key = ?", arguments: [idempotencyKey.rawValue])
                    .map(Self.message)
            }
        }
    }

    public func recipientLoads(campaignID: String, now: Date) async throws -> [String: RecipientLoad] {
        let hourAgo = (now - 3600).outboxMilliseconds, dayAgo = (now - 86_400).outboxMilliseconds
        return try await translatingErrors("reading the outbox") {
            try await database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT recipient_id,
                           SUM(state IN ('queued', 'sending', 'sent', 'retrying')),
                           SUM(state = 'sending' OR (state = 'sent' AND sent_at > ?)),
                           SUM(state = 'sending' OR (state = 'sent' AND sent_at > ?)),
                           MIN(CASE WHEN state = 'sent' AND sent_at > ? THEN sent_at END),
                           MIN(CASE WHEN state = 'sent' AND sent_at > ? THEN sent_at END)
                    FROM message WHERE campaign_id = ? AND reaches_recipient = 1 GROUP BY recipient_id
                    """, arguments: [hourAgo, dayAgo, hourAgo, dayAgo, campaignID])
                var loads: [String: RecipientLoad] = [:]
                for row in rows {
                    let oldestInHour = (row[4] as Int64?).map(Date.init(outboxMilliseconds:))
                    let oldestInDay = (row[5] as Int64?).map(Date.init(outboxMilliseconds:))
                    loads[row[0]] = RecipientLoad(
                        messages: row[1], lastHour: row[2], lastDay: row[3],
                        hourSlotFreesAt: oldestInHour.map { $0 + 3600 }, daySlotFreesAt: oldestInDay.map { $0 + 86_400 })
                }
                return loads
            }
        }
    }

    public func recipientsWritten(campaignID: String, supporterID: String) async throws -> Set<String> {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                let keys = IdempotencyKey.textRange(startingWith: [campaignID, supporterID])
                return Set(try String.fetchAll(db, sql: """
                    SELECT DISTINCT recipient_id FROM message
                    WHERE idempotency_key >= ? AND idempotency_key < ?
                      AND campaign_id = ? AND supporter_id = ? AND reaches_recipient = 1 AND state NOT IN ('dead', 'cancelled')
                    """, arguments: [keys.lower, keys.upper, campaignID, supporterID]))
            }
        }
    }
}
