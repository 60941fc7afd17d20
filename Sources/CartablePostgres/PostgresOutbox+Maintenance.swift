import Cartable
import Foundation
import PostgresNIO

extension PostgresOutbox {
    @discardableResult
    public func recoverExpiredLeases(now: Date, maxAttempts: Int, sparing: LeaseOwner? = nil) async throws -> Int {
        // Which owners are gone is asked of this machine outside the transaction (only an owner on this host can be
        // known dead); the update re-checks each lease as it takes the row.
        let owners = try await translatingErrors("reading leases") {
            try await read("SELECT DISTINCT lease_owner FROM message WHERE state = 'sending'").rows.map { try PostgresCells($0)[0, as: String.self] }
        }
        let gone = owners.filter { $0 != sparing?.description && (LeaseOwner($0)?.isCertainlyGone ?? false) }
        var statement = PostgresStatement()
        let stamp = statement.bind(now.milliseconds)
        let goneParameter = statement.bind(gone)
        let most = statement.bind(Int64(maxAttempts))
        let leaseExpired = statement.bind(AttemptOutcome.leaseExpired.rawValue)
        // A process never takes back its own rows: while it is alive its heartbeat renews them (LeaseHeartbeat).
        let spared = statement.bind(sparing?.description ?? "")
        statement.append("""
            WITH lost AS (
                SELECT id, attempts,
                       'the sender stopped during attempt ' || attempts || ' (lease expired); the request may have reached the platform' AS stopped
                FROM message
                WHERE state = 'sending' AND (lease_expires_at <= \(stamp) OR lease_owner = ANY(\(goneParameter)::text[]))
                  AND lease_owner IS DISTINCT FROM \(spared)
                FOR UPDATE
            ),
            returned AS (
                UPDATE message m SET
                    state = CASE WHEN lost.attempts >= \(most) THEN 'dead' ELSE 'retrying' END,
                    next_attempt_at = CASE WHEN lost.attempts >= \(most) THEN m.next_attempt_at ELSE \(stamp) END,
                    last_error = CASE WHEN lost.attempts >= \(most) THEN 'gave up after ' || lost.attempts || ' attempts: ' || lost.stopped
                                      ELSE lost.stopped || '; retried with the same idempotency key' END,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = \(stamp)
                FROM lost WHERE m.id = lost.id AND m.state = 'sending'
                RETURNING m.id, m.attempts, m.last_error
            ),
            logged AS (
                INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail)
                SELECT id, attempts, \(stamp), \(stamp), \(leaseExpired), last_error FROM returned
            )
            SELECT count(*) FROM returned
            """)
        return try await translatingErrors("recovering expired leases") {
            try await connections.transaction { session in
                try await session.run(statement).rows.first.map { try PostgresCells($0)[0, as: Int.self] } ?? 0
            }
        }
    }

    @discardableResult
    public func renewLeases(owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> Int {
        var statement = PostgresStatement()
        let end = statement.bind((now + leaseDuration).milliseconds)
        let ownerParameter = statement.bind(owner.description)
        statement.append("""
            WITH renewed AS (
                UPDATE message SET lease_expires_at = GREATEST(lease_expires_at, \(end))
                WHERE state = 'sending' AND lease_owner = \(ownerParameter)
                RETURNING id
            )
            SELECT count(*) FROM renewed
            """)
        return try await translatingErrors("renewing leases") {
            try await connections.transaction { session in
                try await session.run(statement).rows.first.map { try PostgresCells($0)[0, as: Int.self] } ?? 0
            }
        }
    }

    public func heldRows(owner: LeaseOwner) async throws -> Set<Int64> {
        var statement = PostgresStatement()
        let ownerParameter = statement.bind(owner.description)
        statement.append("SELECT id FROM message WHERE state = 'sending' AND lease_owner = \(ownerParameter)")
        return try await translatingErrors("reading leases") {
            Set(try await read(statement).rows.map { try PostgresCells($0)[0, as: Int64.self] })
        }
    }

    @discardableResult
    public func expireWindow(campaignID: String, reason: String, now: Date) async throws -> Int {
        var statement = PostgresStatement()
        let stamp = statement.bind(now.milliseconds)
        let campaign = Self.inCampaign(campaignID, &statement)
        let reasonParameter = statement.bind(reason)
        let windowEnded = statement.bind(AttemptOutcome.windowEnded.rawValue)
        statement.append("""
            WITH ended AS (
                UPDATE message SET state = 'dead', last_error = \(reasonParameter), updated_at = \(stamp)
                WHERE \(campaign) AND \(PostgresSchema.waiting) AND reaches_recipient
                RETURNING id, attempts
            ),
            logged AS (
                INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail)
                SELECT id, attempts, \(stamp), \(stamp), \(windowEnded), \(reasonParameter) FROM ended
            )
            SELECT count(*) FROM ended
            """)
        return try await translatingErrors("closing the campaign's window") {
            try await connections.transaction { session in
                try await session.run(statement).rows.first.map { try PostgresCells($0)[0, as: Int.self] } ?? 0
            }
        }
    }

    public func backlog(channels: Set<String>?) async throws -> OutboxBacklog {
        try await backlog(channels: channels, finalStates: true)
    }

    /// Counts only the waiting and sending rows, each kind through its partial index (`message_due`,
    /// `message_lease`): once autovacuum has been through the table, the sent rows, most of it, are not read. The
    /// dispatcher asks at each housekeeping and idle wait; counting every row took a scan of the table each time.
    public func unfinishedBacklog(channels: Set<String>?) async throws -> OutboxBacklog {
        try await backlog(channels: channels, finalStates: false)
    }

    private func backlog(channels: Set<String>?, finalStates: Bool) async throws -> OutboxBacklog {
        if let channels, channels.isEmpty { return OutboxBacklog(states: [:], nextDue: nil, waitingChannels: []) }
        var statement = PostgresStatement()
        let filter = channels.map { "channel = ANY(\(statement.bind($0.sorted()))::text[])" } ?? "true"
        let counts = finalStates
            ? "SELECT state, count(*), NULL::bigint, NULL::text FROM message WHERE \(filter) GROUP BY state"
            : """
            SELECT state, count(*), NULL::bigint, NULL::text FROM message WHERE \(filter) AND \(PostgresSchema.waiting) GROUP BY state
            UNION ALL
            SELECT state, count(*), NULL, NULL FROM message WHERE \(filter) AND state = 'sending' GROUP BY state
            """
        // One statement, one snapshot: the counts and the next due time agree. A paused campaign's rows are waiting
        // (counted apart) but due for no one: they set no next due time.
        statement.append("""
            \(counts)
            UNION ALL
            SELECT NULL, NULL, min(next_attempt_at), NULL FROM message
            WHERE \(filter) AND \(PostgresSchema.waiting) AND campaign_id NOT IN (SELECT campaign_id FROM paused_campaign)
            UNION ALL
            SELECT NULL, count(*), NULL, NULL FROM message
            WHERE \(filter) AND \(PostgresSchema.waiting) AND campaign_id IN (SELECT campaign_id FROM paused_campaign)
            UNION ALL
            SELECT DISTINCT NULL, NULL::bigint, NULL::bigint, channel FROM message WHERE \(filter) AND \(PostgresSchema.waiting)
            """)
        return try await translatingErrors("reading the outbox") {
            var states: [OutboxState: Int] = [:]
            var nextDue: Date?
            var waitingChannels: Set<String> = []
            var paused = 0
            for row in try await read(statement).rows {
                let cells = PostgresCells(row)
                if let state: String = try cells[0], let count: Int = try cells[1] {
                    if let state = OutboxState(rawValue: state) { states[state] = count }
                } else if let count: Int = try cells[1] {
                    paused = count
                } else if let due: Int64 = try cells[2] {
                    nextDue = Date(milliseconds: due)
                } else if let channel: String = try cells[3] {
                    waitingChannels.insert(channel)
                }
            }
            return OutboxBacklog(states: states, nextDue: nextDue, waitingChannels: waitingChannels, paused: paused)
        }
    }

    /// SQL conditions for a selection (binding its values into `statement`), or `nil` when it selects nothing.
    static func conditions(_ selection: OutboxSelection, _ statement: inout PostgresStatement) -> String? {
        guard !selection.isEmpty else { return nil }
        var parts: [String] = []
        if let campaign = selection.campaignID { parts.append(inCampaign(campaign, &statement)) }
        if let recipient = selection.recipientID { parts.append("recipient_id = \(statement.bind(recipient))") }
        if let channel = selection.channel { parts.append("channel = \(statement.bind(channel))") }
        if !selection.ids.isEmpty { parts.append("id = ANY(\(statement.bind(selection.ids))::bigint[])") }
        return parts.isEmpty ? "true" : parts.joined(separator: " AND ")
    }

    @discardableResult
    public func retry(_ selection: OutboxSelection, now: Date) async throws -> Int {
        var statement = PostgresStatement()
        guard let conditions = Self.conditions(selection, &statement) else { return 0 }
        let stamp = statement.bind(now.milliseconds)
        statement.append("""
            WITH requeued AS (
                UPDATE message SET state = 'queued', attempts = 0, next_attempt_at = \(stamp), last_error = NULL, updated_at = \(stamp)
                WHERE state IN ('dead', 'cancelled') AND \(conditions)
                RETURNING 1
            ),
            hurried AS (
                UPDATE message SET next_attempt_at = \(stamp), updated_at = \(stamp)
                WHERE state = 'retrying' AND next_attempt_at > \(stamp) AND \(conditions)
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM requeued) + (SELECT count(*) FROM hurried)
            """)
        return try await translatingErrors("retrying messages") {
            let changed = try await connections.transaction { session in
                let result = try await session.run(statement)
                if let row = result.rows.first, try PostgresCells(row)[0, as: Int.self] > 0 { try await session.run(Self.notification) }
                return result
            }
            return try changed.rows.first.map { try PostgresCells($0)[0, as: Int.self] } ?? 0
        }
    }

    @discardableResult
    public func cancel(_ selection: OutboxSelection, now: Date) async throws -> Int {
        var statement = PostgresStatement()
        guard let conditions = Self.conditions(selection, &statement) else { return 0 }
        let stamp = statement.bind(now.milliseconds)
        statement.append("""
            UPDATE message SET state = 'cancelled', updated_at = \(stamp) WHERE state IN ('queued', 'retrying') AND \(conditions)
            """)
        return try await translatingErrors("cancelling messages") {
            try await connections.transaction { session in try await session.run(statement).metadata.rows ?? 0 }
        }
    }

    public func sentCounts(campaignID: String) async throws -> [String: Int] {
        var statement = PostgresStatement()
        let campaign = Self.inCampaign(campaignID, &statement)
        statement.append("SELECT recipient_id, count(*) FROM message WHERE \(campaign) AND state = 'sent' GROUP BY recipient_id")
        return try await translatingErrors("reading the outbox") {
            try await connections.transaction { session in
                var counts: [String: Int] = [:]
                for row in try await session.run(statement).rows {
                    let cells = PostgresCells(row)
                    counts[try cells[0]] = try cells[1]
                }
                return counts
            }
        }
    }

    public func report(campaignID: String?, errorLimit: Int, day: DateInterval) async throws -> OutboxReport {
        try await translatingErrors("reading the outbox") {
            // REPEATABLE READ: the report's statements see one snapshot, as SQLite's read transaction does.
            try await connections.transaction { session in
                try await session.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                func statement(_ body: (inout PostgresStatement, String) -> Void) -> PostgresStatement {
                    var statement = PostgresStatement()
                    let filter = campaignID.map { Self.inCampaign($0, &statement) } ?? "true"
                    body(&statement, filter)
                    return statement
                }
                var states: [OutboxState: Int] = [:]
                for state in OutboxState.allCases { states[state] = 0 }
                var channelStates: [String: [OutboxState: Int]] = [:]
                for row in try await session.run(statement { $0.append("SELECT channel, state, count(*) FROM message WHERE \($1) GROUP BY channel, state") }).rows {
                    let cells = PostgresCells(row)
                    guard let state = OutboxState(rawValue: try cells[1]) else { continue }
                    let channel: String = try cells[0], count: Int = try cells[2]
                    states[state, default: 0] += count
                    channelStates[channel, default: [:]][state] = count
                }
                let recipients = try await session.run(statement { $0.append("""
                    SELECT recipient_id, max(recipient_name),
                           count(*) FILTER (WHERE state = 'sent'), count(*) FILTER (WHERE state IN ('queued', 'retrying', 'sending')),
                           count(*) FILTER (WHERE state = 'dead'), count(*) FILTER (WHERE state = 'cancelled')
                    FROM message WHERE \($1) GROUP BY recipient_id ORDER BY recipient_id
                    """) }).rows.map { row in
                    let cells = PostgresCells(row)
                    return OutboxReport.RecipientTally(
                        recipientID: try cells[0], name: try cells[1], delivered: try cells[2], pending: try cells[3], dead: try cells[4],
                        cancelled: try cells[5])
                }
                let variants = try await session.run(statement { $0.append("""
                    SELECT COALESCE(variant, '-'), count(*), count(*) FILTER (WHERE state = 'sent') FROM message WHERE \($1)
                    GROUP BY 1 ORDER BY 1
                    """) }).rows.map { row in
                    let cells = PostgresCells(row)
                    return OutboxReport.VariantTally(variant: try cells[0], total: try cells[1], sent: try cells[2])
                }
                let errors = try await session.run(statement { statement, filter in
                    let limit = statement.bind(Int64(errorLimit))
                    statement.append("""
                        SELECT last_error, state, count(*) AS n FROM message
                        WHERE \(filter) AND state IN ('retrying', 'dead') AND last_error IS NOT NULL
                        GROUP BY last_error, state ORDER BY n DESC, last_error LIMIT \(limit)
                        """)
                }).rows.map { row in
                    let cells = PostgresCells(row)
                    return OutboxReport.ErrorTally(error: try cells[0], count: try cells[2], state: OutboxState(rawValue: try cells[1]) ?? .dead)
                }
                let oldest = try await session.run(statement { $0.append("""
                    SELECT id, idempotency_key, state, created_at, next_attempt_at,
                           campaign_id IN (SELECT campaign_id FROM paused_campaign)
                    FROM message WHERE \($1) AND state IN ('queued', 'retrying') ORDER BY created_at, id LIMIT 1
                    """) }).rows.first.map { row in
                    let cells = PostgresCells(row)
                    return OutboxReport.WaitingMessage(
                        id: try cells[0], idempotencyKey: try cells[1], state: OutboxState(rawValue: try cells[2]) ?? .queued,
                        queuedAt: Date(milliseconds: try cells[3]), nextAttemptAt: Date(milliseconds: try cells[4]),
                        campaignPaused: try cells[5, as: Bool.self])
                }
                let dayStart = day.start.milliseconds, dayEnd = day.end.milliseconds
                let supporters: Int = try await session.run(statement { statement, filter in
                    let organiser = statement.bind(IdempotencyKey.organiser), from = statement.bind(dayStart), to = statement.bind(dayEnd)
                    statement.append("""
                        SELECT count(DISTINCT supporter_id) FROM message
                        WHERE \(filter) AND supporter_id <> \(organiser) AND created_at >= \(from) AND created_at < \(to)
                        """)
                }).rows.first.map { try PostgresCells($0)[0] } ?? 0
                let perMinute = try await session.run(statement { statement, filter in
                    let from = statement.bind(dayStart), to = statement.bind(dayEnd)
                    statement.append("""
                        SELECT sent_at / 60000, count(*) FROM message
                        WHERE \(filter) AND state = 'sent' AND sent_at >= \(from) AND sent_at < \(to) GROUP BY 1 ORDER BY 1
                        """)
                }).rows.map { row in
                    let cells = PostgresCells(row)
                    let minute: Int64 = try cells[0]
                    return OutboxDay.MinuteCount(minute: Date(milliseconds: minute * 60_000), sent: try cells[1])
                }
                let activity = OutboxDay(start: day.start, end: day.end, supporters: supporters, sentPerMinute: perMinute)
                let paused = try await Self.pausedCampaigns(session).filter { campaignID == nil || $0.campaignID == campaignID }
                return OutboxReport(states: states, recipients: recipients, variants: variants, errors: errors, oldestWaiting: oldest,
                                    channelStates: channelStates, day: activity, paused: paused)
            }
        }
    }
}
