import Cartable
import Foundation
import PostgresNIO

/// What the supporter's flow asks of the outbox: what a supporter already wrote, how loaded each deputy is, and a
/// claim of the one message it has just queued.
extension PostgresOutbox {
    /// Locks the row with this key, waits for its recipient's advisory lock when caps apply (as a `claimDue` for that
    /// recipient holds it), then claims it with the same statement `claimDue` uses, in a new snapshot.
    public func claim(_ idempotencyKey: IdempotencyKey, caps: RecipientCaps?, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> OneMessageClaim {
        var select = PostgresStatement()
        let key = select.bind(idempotencyKey.rawValue)
        select.append("SELECT \(PostgresRows.messageColumns) FROM message WHERE idempotency_key = \(key) FOR UPDATE")
        return try await translatingErrors("claiming the message") {
            try await connections.transaction { session in
                guard let row = try await session.run(select).rows.first.map(PostgresRows.message) else { return .missing }
                guard OutboxState.claimable.contains(row.state), row.nextAttemptAt <= now else { return .notClaimable(row) }
                if try await Self.isPaused(row.entry.campaignID, session) { return .paused(row) }
                var capsByCampaign: [String: RecipientCaps] = [:]
                if let caps, row.entry.reachesRecipient {
                    capsByCampaign[row.entry.campaignID] = caps
                    var lock = PostgresStatement()
                    let campaign = lock.bind(row.entry.campaignID), recipient = lock.bind(row.entry.recipientID)
                    lock.append("SELECT pg_advisory_xact_lock(hashtextextended('cartable:' || \(campaign) || '/' || \(recipient), 0))")
                    try await session.run(lock)
                }
                let claimed = try await session.run(Self.claiming(
                    ids: [row.id], limit: 1, caps: capsByCampaign, owner: owner, leaseEnd: (now + leaseDuration).milliseconds, now: now))
                if let taken = try claimed.rows.first.map(PostgresRows.message) { return .claimed(taken) }
                // Held by a cap: the statement moved its next attempt to when a slot frees.
                var reread = PostgresStatement()
                let id = reread.bind(row.id)
                reread.append("SELECT next_attempt_at FROM message WHERE id = \(id)")
                let until = try await session.run(reread).rows.first.map { try PostgresCells($0)[0, as: Int64.self] }
                return .heldByCap(until: until.map(Date.init(milliseconds:)) ?? now + 60)
            }
        }
    }

    public func messages(campaignID: String, supporterID: String, recipientID: String) async throws -> [OutboxMessage] {
        var statement = PostgresStatement()
        let rows = Self.keyed([("campaign_id", campaignID), ("supporter_id", supporterID), ("recipient_id", recipientID)], &statement)
        statement.append("SELECT \(PostgresRows.messageColumns) FROM message WHERE \(rows) AND reaches_recipient ORDER BY id")
        return try await translatingErrors("reading the outbox") {
            try await read(statement).rows.map(PostgresRows.message)
        }
    }

    public func message(_ idempotencyKey: IdempotencyKey) async throws -> OutboxMessage? {
        var statement = PostgresStatement()
        let key = statement.bind(idempotencyKey.rawValue)
        statement.append("SELECT \(PostgresRows.messageColumns) FROM message WHERE idempotency_key = \(key)")
        return try await translatingErrors("reading the outbox") {
            try await read(statement).rows.first.map(PostgresRows.message)
        }
    }

    public func recipientLoads(campaignID: String, now: Date) async throws -> [String: RecipientLoad] {
        var statement = PostgresStatement()
        let hourAgo = statement.bind((now - 3600).milliseconds), dayAgo = statement.bind((now - 86_400).milliseconds)
        let campaign = Self.inCampaign(campaignID, &statement)
        statement.append("""
            SELECT recipient_id,
                   count(*) FILTER (WHERE state IN ('queued', 'sending', 'sent', 'retrying')),
                   count(*) FILTER (WHERE state = 'sending' OR (state = 'sent' AND sent_at > \(hourAgo))),
                   count(*) FILTER (WHERE state = 'sending' OR (state = 'sent' AND sent_at > \(dayAgo))),
                   min(sent_at) FILTER (WHERE state = 'sent' AND sent_at > \(hourAgo)),
                   min(sent_at) FILTER (WHERE state = 'sent' AND sent_at > \(dayAgo))
            FROM message WHERE \(campaign) AND reaches_recipient GROUP BY recipient_id
            """)
        return try await translatingErrors("reading the outbox") {
            var loads: [String: RecipientLoad] = [:]
            for row in try await read(statement).rows {
                let cells = PostgresCells(row)
                let oldestInHour: Int64? = try cells[4], oldestInDay: Int64? = try cells[5]
                let recipient: String = try cells[0]
                loads[recipient] = RecipientLoad(
                    messages: try cells[1], lastHour: try cells[2], lastDay: try cells[3],
                    hourSlotFreesAt: oldestInHour.map { Date(milliseconds: $0) + 3600 },
                    daySlotFreesAt: oldestInDay.map { Date(milliseconds: $0) + 86_400 })
            }
            return loads
        }
    }

    public func recipientsWritten(campaignID: String, supporterID: String) async throws -> Set<String> {
        var statement = PostgresStatement()
        let rows = Self.keyed([("campaign_id", campaignID), ("supporter_id", supporterID)], &statement)
        statement.append("""
            SELECT DISTINCT recipient_id FROM message WHERE \(rows) AND reaches_recipient AND state NOT IN ('dead', 'cancelled')
            """)
        return try await translatingErrors("reading the outbox") {
            Set(try await read(statement).rows.map { try PostgresCells($0)[0, as: String.self] })
        }
    }
}
