import Foundation
import GRDB

extension SQLiteOutbox {
    @discardableResult
    public func recoverExpiredLeases(now: Date, maxAttempts: Int, sparing: LeaseOwner? = nil) async throws -> Int {
        let stamp = now.outboxMilliseconds
        // Which owners are gone is asked of the system outside the transaction; the update re-checks the lease inside.
        let owners = try await translatingErrors("reading leases") {
            try await database.read { db in
                try String.fetchAll(db, sql: "SELECT DISTINCT lease_owner FROM message WHERE state = 'sending'")
            }
        }
        let gone = owners.filter { $0 != sparing?.description && (LeaseOwner($0)?.isCertainlyGone ?? false) }
        return try await translatingErrors("recovering expired leases") {
            try await database.write { db in
                var conditions = "lease_expires_at <= ?"
                var arguments: StatementArguments = [stamp]
                if !gone.isEmpty {
                    conditions = "(\(conditions) OR lease_owner IN (\(databaseQuestionMarks(count: gone.count))))"
                    arguments += StatementArguments(gone)
                }
                if let sparing {
                    conditions += " AND lease_owner IS NOT ?"
                    arguments += [sparing.description]
                }
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, attempts, lease_owner FROM message WHERE state = 'sending' AND \(conditions)", arguments: arguments)
                for row in rows {
                    let id: Int64 = row[0], attempts: Int = row[1], owner: String = row[2]
                    let stopped = "the sender stopped during attempt \(attempts) (lease expired); the request may have reached the platform"
                    let transition: OutboxTransition = attempts >= maxAttempts
                        ? .dead(reason: "gave up after \(attempts) attempts: \(stopped)", outcome: .leaseExpired)
                        : .retry(at: now, error: stopped + "; retried with the same idempotency key", countsAsAttempt: true, outcome: .leaseExpired)
                    _ = try Self.apply(RecordedTransition(messageID: id, transition: transition, startedAt: now), owner: owner, now: now, db)
                }
                return rows.count
            }
        }
    }

    @discardableResult
    public func renewLeases(owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> Int {
        let end = (now + leaseDuration).outboxMilliseconds
        return try await translatingErrors("renewing leases") {
            try await database.write { db in
                try db.execute(
                    sql: "UPDATE message SET lease_expires_at = MAX(lease_expires_at, ?) WHERE state = 'sending' AND lease_owner = ?",
                    arguments: [end, owner.description])
                return db.changesCount
            }
        }
    }

    public func heldRows(owner: LeaseOwner) async throws -> Set<Int64> {
        try await translatingErrors("reading leases") {
            try await database.read { db in
                Set(try Int64.fetchAll(db, sql: "SELECT id FROM message WHERE state = 'sending' AND lease_owner = ?", arguments: [owner.description]))
            }
        }
    }

    @discardableResult
    public func expireWindow(campaignID: String, reason: String, now: Date) async throws -> Int {
        let stamp = now.outboxMilliseconds
        return try await translatingErrors("closing the campaign's window") {
            try await database.write { db in
                let ids = try Int64.fetchAll(db, sql: """
                    SELECT id FROM message WHERE campaign_id = ? AND \(OutboxSchema.waiting) AND reaches_recipient = 1
                    """, arguments: [campaignID])
                for id in ids {
                    try db.execute(sql: "UPDATE message SET state = 'dead', last_error = ?, updated_at = ? WHERE id = ?",
                                   arguments: [reason, stamp, id])
                    try db.execute(sql: """
                        INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail)
                        SELECT id, attempts, ?, ?, ?, ? FROM message WHERE id = ?
                        """, arguments: [stamp, stamp, AttemptOutcome.windowEnded.rawValue, reason, id])
                }
                return ids.count
            }
        }
    }

    public func backlog(channels: Set<String>?) async throws -> OutboxBacklog {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                var filter = ""
                var arguments: StatementArguments = []
                if let channels {
                    filter = "WHERE channel IN (\(databaseQuestionMarks(count: channels.count)))"
                    arguments = StatementArguments(channels.sorted())
                    if channels.isEmpty { return OutboxBacklog(states: [:], nextDue: nil, waitingChannels: []) }
                }
                var states: [OutboxState: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM message \(filter) GROUP BY state", arguments: arguments) {
                    if let state = OutboxState(rawValue: row[0]) { states[state] = row[1] }
                }
                let waiting = filter.isEmpty ? "WHERE \(OutboxSchema.waiting)" : filter + " AND \(OutboxSchema.waiting)"
                // A paused campaign's rows are waiting (counted apart) but due for no one: they set no next due time.
                let pausedCampaigns = "campaign_id IN (SELECT campaign_id FROM paused_campaign)"
                let nextDue = try Int64.fetchOne(
                    db, sql: "SELECT MIN(next_attempt_at) FROM message \(waiting) AND NOT \(pausedCampaigns)", arguments: arguments)
                let paused = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM message \(waiting) AND \(pausedCampaigns)", arguments: arguments) ?? 0
                let waitingChannels = try String.fetchAll(db, sql: "SELECT DISTINCT channel FROM message \(waiting)", arguments: arguments)
                return OutboxBacklog(states: states, nextDue: nextDue.map(Date.init(outboxMilliseconds:)), waitingChannels: Set(waitingChannels),
                                     paused: paused)
            }
        }
    }

    /// SQL conditions for a selection, or `nil` when it selects nothing.
    static func conditions(_ selection: OutboxSelection) -> (sql: String, arguments: StatementArguments)? {
        guard !selection.isEmpty else { return nil }
        var parts: [String] = []
        var arguments: StatementArguments = []
        if let campaign = selection.campaignID {
            parts.append("campaign_id = ?")
            arguments += [campaign]
        }
        if let recipient = selection.recipientID {
            parts.append("recipient_id = ?")
            arguments += [recipient]
        }
        if let channel = selection.channel {
            parts.append("channel = ?")
            arguments += [channel]
        }
        if !selection.ids.isEmpty {
            parts.append("id IN (\(databaseQuestionMarks(count: selection.ids.count)))")
            arguments += StatementArguments(selection.ids)
        }
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), arguments)
    }

    @discardableResult
    public func retry(_ selection: OutboxSelection, now: Date) async throws -> Int {
        guard let (sql, arguments) = Self.conditions(selection) else { return 0 }
        let stamp = now.outboxMilliseconds
        return try await translatingErrors("retrying messages") {
            try await database.write { db in
                try db.execute(sql: """
                    UPDATE message SET state = 'queued', attempts = 0, next_attempt_at = ?, last_error = NULL, updated_at = ?
                    WHERE state IN ('dead', 'cancelled') AND \(sql)
                    """, arguments: [stamp, stamp] + arguments)
                var changed = db.changesCount
                try db.execute(sql: """
                    UPDATE message SET next_attempt_at = ?, updated_at = ? WHERE state = 'retrying' AND next_attempt_at > ? AND \(sql)
                    """, arguments: [stamp, stamp, stamp] + arguments)
                changed += db.changesCount
                return changed
            }
        }
    }

    @discardableResult
    public func cancel(_ selection: OutboxSelection, now: Date) async throws -> Int {
        guard let (sql, arguments) = Self.conditions(selection) else { return 0 }
        let stamp = now.outboxMilliseconds
        return try await translatingErrors("cancelling messages") {
            try await database.write { db in
                try db.execute(sql: """
                    UPDATE message SET state = 'cancelled', updated_at = ? WHERE state IN ('queued', 'retrying') AND \(sql)
                    """, arguments: [stamp] + arguments)
                return db.changesCount
            }
        }
    }

    public func sentCounts(campaignID: String) async throws -> [String: Int] {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                    SELECT recipient_id, COUNT(*) FROM message WHERE campaign_id = ? AND state = 'sent' GROUP BY recipient_id
                    """), arguments: [campaignID])
                var counts: [String: Int] = [:]
                while let row = try rows.next() { counts[row[0]] = row[1] }
                return counts
            }
        }
    }

    public func report(campaignID: String?, errorLimit: Int, day: DateInterval) async throws -> OutboxReport {
        try await translatingErrors("reading the outbox") {
            try await database.read { db in
                let filter = campaignID == nil ? "" : "WHERE campaign_id = ?"
                let arguments: StatementArguments = campaignID.map { [$0] } ?? []
                func and(_ condition: String) -> String { filter.isEmpty ? "WHERE \(condition)" : "\(filter) AND \(condition)" }

                var states: [OutboxState: Int] = [:]
                for state in OutboxState.allCases { states[state] = 0 }
                var channelStates: [String: [OutboxState: Int]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT channel, state, COUNT(*) FROM message \(filter) GROUP BY channel, state", arguments: arguments) {
                    guard let state = OutboxState(rawValue: row[1]) else { continue }
                    states[state, default: 0] += row[2] as Int
                    channelStates[row[0], default: [:]][state] = row[2]
                }
                let recipients = try Row.fetchAll(db, sql: """
                    SELECT recipient_id, MAX(recipient_name),
                           SUM(state = 'sent'), SUM(state IN ('queued', 'retrying', 'sending')), SUM(state = 'dead'), SUM(state = 'cancelled')
                    FROM message \(filter) GROUP BY recipient_id ORDER BY recipient_id
                    """, arguments: arguments).map { row in
                    OutboxReport.RecipientTally(recipientID: row[0], name: row[1], delivered: row[2], pending: row[3], dead: row[4], cancelled: row[5])
                }
                let variants = try Row.fetchAll(db, sql: """
                    SELECT COALESCE(variant, '-'), COUNT(*), SUM(state = 'sent') FROM message \(filter) GROUP BY 1 ORDER BY 1
                    """, arguments: arguments).map { OutboxReport.VariantTally(variant: $0[0], total: $0[1], sent: $0[2]) }
                let errors = try Row.fetchAll(db, sql: """
                    SELECT last_error, state, COUNT(*) AS n FROM message \(and("state IN ('retrying', 'dead') AND last_error IS NOT NULL"))
                    GROUP BY last_error, state ORDER BY n DESC, last_error LIMIT ?
                    """, arguments: arguments + [errorLimit]).map { row in
                    OutboxReport.ErrorTally(error: row[0], count: row[2], state: OutboxState(rawValue: row[1]) ?? .dead)
                }
                let oldest = try Row.fetchOne(db, sql: """
                    SELECT id, idempotency_key, state, created_at, next_attempt_at,
                           campaign_id IN (SELECT campaign_id FROM paused_campaign)
                    FROM message \(and("state IN ('queued', 'retrying')")) ORDER BY created_at, id LIMIT 1
                    """, arguments: arguments).map { row in
                    OutboxReport.WaitingMessage(
                        id: row[0], idempotencyKey: row[1], state: OutboxState(rawValue: row[2]) ?? .queued,
                        queuedAt: Date(outboxMilliseconds: row[3]), nextAttemptAt: Date(outboxMilliseconds: row[4]), campaignPaused: row[5])
                }
                let dayStart = day.start.outboxMilliseconds, dayEnd = day.end.outboxMilliseconds
                let supporters = try Int.fetchOne(db, sql: """
                    SELECT COUNT(DISTINCT supporter_id) FROM message \(and("supporter_id <> ? AND created_at >= ? AND created_at < ?"))
                    """, arguments: arguments + [IdempotencyKey.organiser, dayStart, dayEnd]) ?? 0
                let perMinute = try Row.fetchAll(db, sql: """
                    SELECT sent_at / 60000, COUNT(*) FROM message \(and("state = 'sent' AND sent_at >= ? AND sent_at < ?"))
                    GROUP BY 1 ORDER BY 1
                    """, arguments: arguments + [dayStart, dayEnd]).map { row in
                    OutboxDay.MinuteCount(minute: Date(outboxMilliseconds: (row[0] as Int64) * 60_000), sent: row[1])
                }
                let activity = OutboxDay(start: day.start, end: day.end, supporters: supporters, sentPerMinute: perMinute)
                let paused = try Self.pausedCampaigns(db).filter { campaignID == nil || $0.campaignID == campaignID }
                return OutboxReport(states: states, recipients: recipients, variants: variants, errors: errors, oldestWaiting: oldest,
                                    channelStates: channelStates, day: activity, paused: paused)
            }
        }
    }
}
