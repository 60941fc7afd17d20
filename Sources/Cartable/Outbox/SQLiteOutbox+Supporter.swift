import Foundation
import GRDB

/// What `cartable write` asks of the outbox: what a supporter already wrote, how loaded each deputy is, and a claim
/// of the one message it has just queued, so that it goes at once without sending anyone else's.
extension SQLiteOutbox {
    /// How a claim of one message by its key ended.
    public enum SingleClaim: Sendable, Hashable {
        /// Held by `owner` under a lease: send it, then record the outcome.
        case claimed(OutboxMessage)
        /// A per-recipient cap holds it: it stays queued, due at `until` (written in the row).
        case heldByCap(until: Date)
        /// It is not waiting to go now (already sent, being sent, dead, cancelled, or due later): as it is.
        case notClaimable(OutboxMessage)
        /// No row has that key.
        case missing
    }

    /// Claims the row with `idempotencyKey` for `owner` if it is queued or retrying and due, keeping `caps` (the
    /// campaign's per-recipient caps, counted as the dispatcher counts them; ignored for the dry run). One
    /// transaction, like ``claimDue(limit:filter:owner:leaseDuration:now:)``: no other sender can take it meanwhile.
    public func claim(idempotencyKey: String, caps: RecipientCaps?, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> SingleClaim {
        let stamp = now.outboxMilliseconds
        return try await translatingErrors("claiming the message") {
            try await database.write { db in
                guard var row = try Row.fetchOne(
                    db, sql: "SELECT \(Self.messageColumns) FROM message WHERE idempotency_key = ?", arguments: [idempotencyKey]
                ).map(Self.message) else { return .missing }
                guard OutboxState.claimable.contains(row.state), row.nextAttemptAt <= now else { return .notClaimable(row) }
                if let caps, row.entry.channel != BuiltInChannel.dryRun.rawValue {
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

    /// The messages `supporterID` wrote to `recipientID` in `campaignID`, on every channel but the dry run (which
    /// reaches no one), oldest first.
    public func messages(campaignID: String, supporterID: String, recipientID: String) async throws -> [OutboxMessage] {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT \(Self.messageColumns) FROM message
                    WHERE campaign_id = ? AND supporter_id = ? AND recipient_id = ? AND channel <> 'dry-run' ORDER BY id
                    """, arguments: [campaignID, supporterID, recipientID]).map(Self.message)
            }
        }
    }

    /// The message with `idempotencyKey`, if any.
    public func message(idempotencyKey: String) async throws -> OutboxMessage? {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                try Row.fetchOne(db, sql: "SELECT \(Self.messageColumns) FROM message WHERE idempotency_key = ?", arguments: [idempotencyKey])
                    .map(Self.message)
            }
        }
    }

    /// Per recipient of `campaignID`: the messages they have received or have on the way (dry run excepted), and
    /// the sends of the last hour and day that the caps count (as the dispatcher counts them: every channel, rows
    /// being sent included). Recipients without a row are absent.
    public func recipientLoads(campaignID: String, now: Date) async throws -> [String: RecipientLoad] {
        let hourAgo = (now - 3600).outboxMilliseconds, dayAgo = (now - 86_400).outboxMilliseconds
        return try await translatingErrors("reading the outbox") {
            try await database.read { db in
                let rows = try Row.fetchAll(db, sql: """
                    SELECT recipient_id,
                           SUM(state IN ('queued', 'sending', 'sent', 'retrying') AND channel <> 'dry-run'),
                           SUM(state = 'sending' OR (state = 'sent' AND sent_at > ?)),
                           SUM(state = 'sending' OR (state = 'sent' AND sent_at > ?)),
                           MIN(CASE WHEN state = 'sent' AND sent_at > ? THEN sent_at END),
                           MIN(CASE WHEN state = 'sent' AND sent_at > ? THEN sent_at END)
                    FROM message WHERE campaign_id = ? GROUP BY recipient_id
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

    /// The recipients `supporterID` has written to in `campaignID` (dry run, dead and cancelled messages excepted).
    public func recipientsWritten(campaignID: String, supporterID: String) async throws -> Set<String> {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                Set(try String.fetchAll(db, sql: """
                    SELECT DISTINCT recipient_id FROM message
                    WHERE campaign_id = ? AND supporter_id = ? AND channel <> 'dry-run' AND state NOT IN ('dead', 'cancelled')
                    """, arguments: [campaignID, supporterID]))
            }
        }
    }
}
