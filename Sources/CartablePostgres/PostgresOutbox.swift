import Cartable
import Foundation
import PostgresNIO

/// The shared ``Outbox``: one PostgreSQL database that many `cartable serve` and `cartable send` processes, on many
/// machines, use at once, with the promises of ``SQLiteOutbox``: nothing lost, nothing sent twice, caps kept.
///
/// - Every state change is one transaction, committed with the server's `synchronous_commit` as configured (left on:
///   a commit is on the server's disk before it returns).
/// - Claims lock their rows with `FOR UPDATE SKIP LOCKED`, so senders never wait on each other's rows, and count a
///   recipient's caps under a transaction-scoped advisory lock on that recipient: two senders racing for the same
///   deputy take turns, and the second sees what the first claimed (see ``claimDue(limit:filter:owner:leaseDuration:now:)``).
/// - Queueing notifies `cartable_outbox`; idle senders wait on it (``waitForQueuedRows(until:clock:stop:)``) with a slow poll behind.
///
/// The schema is under numbered migrations (``PostgresSchema``): ``migrate()`` applies them; opening an outbox whose
/// database lacks one throws ``OutboxError/Kind/pendingMigrations``.
public final class PostgresOutbox: NotifyingOutbox {
    /// The database, password included (never printed: see ``location``).
    public let url: PostgresURL
    /// The URL without its password.
    public var location: String { url.redacted }
    let connections: PostgresConnections
    let wakeups: PostgresWakeups
    /// How many batches of an ``enqueue(_:pacing:now:)`` may be sent and not answered yet: while the server inserts
    /// them, the next one is encoded, so that neither side waits for the other; memory stays bounded by this many
    /// batches (of ``enqueueChunk`` rows) and the one being encoded. 0: each batch is answered before the next is
    /// encoded.
    public let enqueueBatchesInFlight: Int

    /// Connects to the database at `url` (blocking this thread) and checks its schema.
    /// - Parameters:
    ///   - requireCurrentSchema: when true (the default), a database with a migration missing, or with one this
    ///     version does not know, is refused; `false` for ``migrate()``.
    ///   - enqueueBatchesInFlight: see ``enqueueBatchesInFlight``.
    /// - Throws: ``OutboxError``: unreachable, authentication, pendingMigrations, notAnOutbox…
    public init(
        url: PostgresURL, requireCurrentSchema: Bool = true, enqueueBatchesInFlight: Int = PostgresOutbox.defaultEnqueueBatchesInFlight
    ) throws(OutboxError) {
        self.url = url
        self.enqueueBatchesInFlight = max(0, enqueueBatchesInFlight)
        let opened: PostgresConnections
        do {
            opened = PostgresConnections(configuration: try Self.configuration(url), maximum: url.poolMaxConnections)
        } catch {
            throw OutboxError(path: url.redacted, kind: .cannotOpen, message: "opening the outbox: TLS cannot be set up (\(error))",
                              hint: "check sslrootcert and sslmode in the URL")
        }
        connections = opened
        wakeups = PostgresWakeups(configuration: opened.configuration, logger: opened.logger)
        do {
            let versions = try connections.blockingTransaction { session in
                try Self.blockingAppliedVersions(session)
            }
            if requireCurrentSchema { try checkSchema(applied: versions) }
        } catch {
            close()
            throw PostgresOutboxErrors.outboxError(error, url: url, doing: "opening the outbox")
        }
    }

    /// Opens the outbox at a `postgres://` URL, reading the password as ``PostgresURL`` does.
    public convenience init(
        urlText: String, requireCurrentSchema: Bool = true, enqueueBatchesInFlight: Int = PostgresOutbox.defaultEnqueueBatchesInFlight
    ) throws(OutboxError) {
        let url: PostgresURL
        do {
            url = try PostgresURL(urlText)
        } catch {
            throw OutboxError(path: Self.redactedForError(urlText), kind: .cannotOpen, message: "reading the outbox's URL: \(error.message)",
                              hint: "write it as postgres://user@host:port/database (the password in PGPASSWORD or ~/.pgpass)")
        }
        try self.init(url: url, requireCurrentSchema: requireCurrentSchema, enqueueBatchesInFlight: enqueueBatchesInFlight)
    }

    /// Closes the connections kept open; the outbox cannot be used afterwards.
    public func close() {
        wakeups.stop()
        connections.shutDown()
    }

    deinit {
        close()
    }

    /// Waits for a notification of queued rows, checking a flag in memory every 50 ms (no query), until `deadline`.
    /// The first call starts listening and returns at once, so that the caller reads the outbox after the listener
    /// exists.
    public func waitForQueuedRows(until deadline: Date, clock: @Sendable () -> Date, stop: StopSignal) async {
        if wakeups.startIfNeeded() { return }
        while !stop.isRequested {
            if wakeups.takeNotification() { return }
            let left = deadline.timeIntervalSince(clock())
            if left <= 0 { return }
            try? await Task.sleep(for: .milliseconds(Int(min(left, 0.05) * 1000) + 1))
        }
    }

    /// A URL that could not be read, for an error message: everything between `://` and `@` is dropped.
    static func redactedForError(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text.range(of: "@", options: .backwards) else { return text }
        guard at.lowerBound > scheme.upperBound else { return text }
        return String(text[..<scheme.upperBound]) + "…" + String(text[at.lowerBound...])
    }

    static func configuration(_ url: PostgresURL) throws -> PostgresConnection.Configuration {
        if url.isUnixSocket {
            return PostgresConnection.Configuration(
                unixSocketPath: url.socketPath, username: url.user, password: url.password, database: url.database)
        }
        let tls: PostgresConnection.Configuration.TLS
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if let root = url.rootCertificatePath { tlsConfiguration.trustRoots = .file(root) }
        switch url.tlsMode {
        case .disable:
            tls = .disable
        case .prefer:
            tlsConfiguration.certificateVerification = .none
            tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        case .require:
            tlsConfiguration.certificateVerification = .none
            tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
        case .verifyCA:
            tlsConfiguration.certificateVerification = .noHostnameVerification
            tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
        case .verifyFull:
            tlsConfiguration.certificateVerification = .fullVerification
            tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// Runs `body`, turning what it throws into an ``OutboxError`` naming the outbox and `action`.
    func translatingErrors<Result>(_ action: String, _ body: () async throws -> Result) async throws(OutboxError) -> Result {
        do {
            return try await body()
        } catch {
            throw PostgresOutboxErrors.outboxError(error, url: url, doing: action)
        }
    }

    // MARK: Enqueue

    /// Rows per `INSERT`: each statement binds one array per column.
    static let enqueueChunk = 5_000
    /// Rows added by one enqueue from which the table's statistics are renewed before it commits (`ANALYZE message`,
    /// a sample of the table: about a second for a million rows).
    static let analyzedEnqueue = 10_000
    /// ``enqueueBatchesInFlight`` by default.
    public static let defaultEnqueueBatchesInFlight = 2

    public func enqueue<Entries: Sequence<OutboxEntry>>(_ entries: Entries, pacing: CampaignPacing?, now: Date) throws -> EnqueueResult {
        let stamp = now.milliseconds
        do {
            return try connections.blockingTransaction { session in
                if let pacing { try session.blockingRun(Self.storing(pacing, now: stamp)) }
                var result = EnqueueResult(added: 0, alreadyQueued: 0)
                var batch = EnqueueBatch()
                // Once a batch met a key already there (`queue` run again, say), the next ones skip conflicts at once
                // rather than fail and be inserted again each.
                var skippingConflicts = false
                // The batches sent, oldest first. The transaction keeps them all-or-nothing: a batch that fails aborts
                // it, and those sent after it fail too.
                var sent: [SentEnqueueBatch] = []
                func count(_ rows: Int, added: Int) {
                    result.added += added
                    result.alreadyQueued += rows - added
                }
                func settleOldest() throws {
                    let oldest = sent.removeFirst()
                    do {
                        count(oldest.batch.count, added: try oldest.added())
                    } catch where PostgresOutboxErrors.isUniqueViolation(error) {
                        // A key already there (queued before, twice in the batch, or committed by another
                        // transaction meanwhile): back to before this batch, and this batch and those sent after it
                        // inserted again, each skipping the keys already there (slower, never wrong).
                        for later in sent { later.drain() }
                        let retried = [oldest.batch] + sent.map(\.batch)
                        sent.removeAll()
                        skippingConflicts = true
                        try session.blockingExecute("ROLLBACK TO SAVEPOINT \(SentEnqueueBatch.savepoint)")
                        for batch in retried {
                            count(batch.count, added: try session.blockingRun(batch.insert(now: stamp, skippingConflicts: true)).metadata.rows ?? 0)
                        }
                        try session.blockingExecute("RELEASE SAVEPOINT \(SentEnqueueBatch.savepoint)")
                    }
                }
                func flush() throws {
                    guard batch.count > 0 else { return }
                    sent.append(SentEnqueueBatch(batch, now: stamp, skippingConflicts: skippingConflicts, session: session))
                    batch = EnqueueBatch()
                    if sent.count > enqueueBatchesInFlight { try settleOldest() }
                }
                do {
                    for entry in entries {
                        batch.append(entry)
                        if batch.count == Self.enqueueChunk { try flush() }
                    }
                    try flush()
                    while !sent.isEmpty { try settleOldest() }
                } catch {
                    // Every batch sent is answered before the transaction is rolled back.
                    for later in sent { later.drain() }
                    throw error
                }
                // Statistics that say what the table now holds, committed with the rows: without them the planner
                // took a claim from a table filled by a large queue for one that reads and sorts every row (seconds
                // a claim until autovacuum's next look at the table).
                if result.added >= Self.analyzedEnqueue { try session.blockingExecute("ANALYZE message") }
                // Delivered at commit, to every idle sender listening.
                if result.added > 0 { try session.blockingRun(Self.notification) }
                return result
            }
        } catch {
            throw PostgresOutboxErrors.outboxError(error, url: url, doing: "queueing messages")
        }
    }

    static let notification = PostgresStatement("SELECT pg_notify('\(PostgresSchema.notificationChannel)', '')")

    /// Stores a campaign's pacing; an existing campaign's is replaced, or kept when `replacing` is false.
    static func storing(_ pacing: CampaignPacing, now: Int64, replacing: Bool = true) -> PostgresStatement {
        var statement = PostgresStatement()
        let limits = pacing.limits
        let values = [
            statement.bind(pacing.campaignID), statement.bind(Int64(limits.perRecipientPerHour)), statement.bind(Int64(limits.perRecipientPerDay)),
            statement.bind(limits.from), statement.bind(limits.to), statement.bind(limits.timeZone), statement.bind(limits.windowStart),
            statement.bind(limits.windowEnd), statement.bind(now),
        ]
        statement.append("""
            INSERT INTO campaign (id, per_recipient_per_hour, per_recipient_per_day, hours_from, hours_to, time_zone,
                                  window_start, window_end, updated_at)
            VALUES (\(values.joined(separator: ", ")))
            """)
        guard replacing else {
            statement.append(" ON CONFLICT (id) DO NOTHING")
            return statement
        }
        statement.append("""

            ON CONFLICT (id) DO UPDATE SET
                per_recipient_per_hour = excluded.per_recipient_per_hour, per_recipient_per_day = excluded.per_recipient_per_day,
                hours_from = excluded.hours_from, hours_to = excluded.hours_to, time_zone = excluded.time_zone,
                window_start = excluded.window_start, window_end = excluded.window_end, updated_at = excluded.updated_at
            """)
        return statement
    }

    public func pacing() async throws -> [CampaignPacing] {
        try await translatingErrors("reading the campaigns' pacing") {
            try await connections.withConnection { connection in
                let result = try await PostgresSession(connection: connection, logger: connections.logger).run("""
                    SELECT id, per_recipient_per_hour, per_recipient_per_day, hours_from, hours_to, time_zone, window_start, window_end
                    FROM campaign ORDER BY id
                    """)
                return try result.rows.map { row in
                    let cells = PostgresCells(row)
                    return CampaignPacing(campaignID: try cells[0], limits: SendingLimits(
                        perRecipientPerHour: try cells[1], perRecipientPerDay: try cells[2], from: try cells[3], to: try cells[4],
                        timeZone: try cells[5], windowStart: try cells[6], windowEnd: try cells[7]))
                }
            }
        }
    }

    // MARK: Read

    /// Runs one read-only statement on a connection of its own (no transaction needed: one statement sees one
    /// snapshot).
    func read(_ statement: PostgresStatement) async throws -> PostgresQueryResult {
        try await connections.withConnection { connection in
            try await PostgresSession(connection: connection, logger: connections.logger).run(statement)
        }
    }

    /// The rows whose idempotency key begins with `parts` (a campaign; a campaign and a supporter; …), as SQL binding
    /// its values into `statement`: the range of keys through the key's unique index (in "C" order), then the columns
    /// themselves, so that the rows are exactly those of the parts. The outbox keeps no other index on the campaign or
    /// the supporter (one index fewer for each queued row to update; see ``PostgresSchema``).
    static func keyed(_ parts: [(column: String, value: String)], _ statement: inout PostgresStatement) -> String {
        let range = IdempotencyKey.textRange(startingWith: parts.map(\.value))
        let lower = statement.bind(range.lower), upper = statement.bind(range.upper)
        let columns = parts.map { "\($0.column) = \(statement.bind($0.value))" }
        return (["idempotency_key >= \(lower)", "idempotency_key < \(upper)"] + columns).joined(separator: " AND ")
    }

    /// ``keyed(_:_:)`` for one campaign's rows.
    static func inCampaign(_ campaignID: String, _ statement: inout PostgresStatement) -> String {
        keyed([("campaign_id", campaignID)], &statement)
    }

    // MARK: Claim

    /// Claims due rows in one transaction of two statements:
    ///
    /// 1. the due rows (oldest first, of the channels and campaigns asked, not in a paused campaign, not in a closed
    ///    campaign unless their channel reaches no one) are locked `FOR UPDATE SKIP LOCKED`, and for each capped row its recipient's advisory lock is tried
    ///    (`pg_try_advisory_xact_lock`): a recipient another sender is claiming for is skipped this round, as a locked
    ///    row is;
    /// 2. with those locks held, a new statement (so a new snapshot under READ COMMITTED, which sees every claim
    ///    committed by the lock's previous holder) counts each recipient's sends of the last hour and day, takes the
    ///    rows the caps allow (leased to `owner`) and moves the others' next attempt to when a slot frees.
    ///
    /// Counting in the first statement would not do: its snapshot is taken before the locks are granted, so two
    /// senders could both count a deputy's cap as free.
    public func claimDue(limit: Int, filter: ClaimFilter, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> [OutboxMessage] {
        guard limit > 0 else { return [] }
        if let channels = filter.channels, channels.isEmpty { return [] }
        if let campaigns = filter.campaigns, campaigns.isEmpty { return [] }
        return try await translatingErrors("claiming messages to send") {
            try await connections.transaction { session in
                let held = try await session.run(Self.lockingCandidates(limit: limit * 2 + 8, filter: filter, now: now))
                    .rows.map { try PostgresCells($0)[0, as: Int64.self] }
                guard !held.isEmpty else { return [] }
                let claimed = try await session.run(Self.claiming(
                    ids: held, limit: limit, caps: filter.caps, owner: owner, leaseEnd: (now + leaseDuration).milliseconds, now: now))
                return try claimed.rows.map(PostgresRows.message)
            }
        }
    }

    /// The advisory lock key of a campaign's recipient.
    static func recipientLock(_ alias: String = "") -> String {
        let prefix = alias.isEmpty ? "" : "\(alias)."
        return "hashtextextended('cartable:' || \(prefix)campaign_id || '/' || \(prefix)recipient_id, 0)"
    }

    /// Step 1: lock due rows, skipping locked ones, and try the advisory lock of each capped row's recipient; returns
    /// the ids of the rows whose recipient is held (or that are not capped).
    static func lockingCandidates(limit: Int, filter: ClaimFilter, now: Date) -> PostgresStatement {
        var statement = PostgresStatement()
        var conditions = [PostgresSchema.waiting, "next_attempt_at <= \(statement.bind(now.milliseconds))"]
        if let channels = filter.channels {
            conditions.append("channel = ANY(\(statement.bind(channels.sorted()))::text[])")
        }
        if let campaigns = filter.campaigns {
            conditions.append("campaign_id = ANY(\(statement.bind(campaigns.sorted()))::text[])")
        }
        conditions.append(PostgresSchema.notPaused)
        if !filter.closedCampaigns.isEmpty {
            // A channel that reaches no one (the dry run) is not held back by sending hours.
            conditions.append("(NOT (campaign_id = ANY(\(statement.bind(filter.closedCampaigns.sorted()))::text[])) OR NOT reaches_recipient)")
        }
        let capped = statement.bind(filter.caps.keys.sorted())
        statement.append("""
            WITH candidate AS MATERIALIZED (
                SELECT id, campaign_id, recipient_id, reaches_recipient, next_attempt_at FROM message
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY next_attempt_at, id LIMIT \(statement.bind(Int64(limit)))
                FOR UPDATE SKIP LOCKED
            )
            SELECT id FROM candidate
            WHERE CASE WHEN reaches_recipient AND campaign_id = ANY(\(capped)::text[]) THEN pg_try_advisory_xact_lock(\(recipientLock()))
                       ELSE true END
            ORDER BY next_attempt_at, id
            """)
        return statement
    }

    /// Step 2: among the locked rows `ids`, takes those the caps allow (at most `limit`), and postpones the others.
    /// Returns the rows taken, oldest due first.
    static func claiming(
        ids: [Int64], limit: Int, caps: [String: RecipientCaps], owner: LeaseOwner, leaseEnd: Int64, now: Date
    ) -> PostgresStatement {
        var statement = PostgresStatement()
        let campaigns = caps.keys.sorted()
        let idsParameter = statement.bind(ids)
        let capCampaigns = statement.bind(campaigns)
        let perHour = statement.bind(campaigns.map { Int64(caps[$0]!.perHour) })
        let perDay = statement.bind(campaigns.map { Int64(caps[$0]!.perDay) })
        let stamp = statement.bind(now.milliseconds)
        let hourAgo = statement.bind((now - 3600).milliseconds)
        let dayAgo = statement.bind((now - 86_400).milliseconds)
        let soon = statement.bind((now + 60).milliseconds)
        let ownerParameter = statement.bind(owner.description)
        let leaseEndParameter = statement.bind(leaseEnd)
        let limitParameter = statement.bind(Int64(limit))
        statement.append("""
            WITH cap AS (
                SELECT * FROM unnest(\(capCampaigns)::text[], \(perHour)::bigint[], \(perDay)::bigint[]) AS cap (campaign_id, per_hour, per_day)
            ),
            candidate AS (
                SELECT m.id, m.campaign_id, m.recipient_id, m.next_attempt_at, cap.per_hour, cap.per_day,
                       row_number() OVER (PARTITION BY m.campaign_id, m.recipient_id ORDER BY m.next_attempt_at, m.id) - 1 AS earlier
                FROM message m LEFT JOIN cap ON cap.campaign_id = m.campaign_id AND m.reaches_recipient
                WHERE m.id = ANY(\(idsParameter)::bigint[])
            ),
            load AS (
                -- `sent_at` is NULL for rows being sent: they count against both caps until they are recorded.
                SELECT p.campaign_id, p.recipient_id,
                       count(*) FILTER (WHERE p.sent_at IS NULL) AS in_flight,
                       count(*) FILTER (WHERE p.sent_at > \(hourAgo)) AS last_hour,
                       count(*) FILTER (WHERE p.sent_at IS NOT NULL) AS last_day,
                       min(p.sent_at) FILTER (WHERE p.sent_at > \(hourAgo)) AS oldest_in_hour,
                       min(p.sent_at) FILTER (WHERE p.sent_at IS NOT NULL) AS oldest_in_day
                FROM message p
                JOIN (SELECT DISTINCT campaign_id, recipient_id FROM candidate WHERE per_hour IS NOT NULL) r
                  ON r.campaign_id = p.campaign_id AND r.recipient_id = p.recipient_id
                WHERE \(PostgresSchema.paced.replacingOccurrences(of: "state", with: "p.state")) AND (p.sent_at IS NULL OR p.sent_at > \(dayAgo))
                  AND p.reaches_recipient
                GROUP BY p.campaign_id, p.recipient_id
            ),
            judged AS (
                SELECT c.id, c.next_attempt_at,
                       c.per_hour IS NOT NULL AND COALESCE(l.last_hour, 0) + COALESCE(l.in_flight, 0) + c.earlier >= c.per_hour AS hour_full,
                       c.per_hour IS NOT NULL AND COALESCE(l.last_day, 0) + COALESCE(l.in_flight, 0) + c.earlier >= c.per_day AS day_full,
                       l.oldest_in_hour, l.oldest_in_day
                FROM candidate c LEFT JOIN load l ON l.campaign_id = c.campaign_id AND l.recipient_id = c.recipient_id
            ),
            decided AS (
                SELECT id, next_attempt_at, NOT hour_full AND NOT day_full AS allowed,
                       -- The oldest send of the hour (day) frees a slot an hour (a day) after it; in-flight rows free nothing yet.
                       GREATEST(CASE WHEN hour_full THEN COALESCE(oldest_in_hour + 3600000, \(soon)) END,
                                CASE WHEN day_full THEN COALESCE(oldest_in_day + 86400000, \(soon)) END) AS free_at
                FROM judged
            ),
            chosen AS (
                SELECT id FROM (
                    SELECT id, row_number() OVER (ORDER BY next_attempt_at, id) AS n FROM decided WHERE allowed
                ) ranked WHERE n <= \(limitParameter)
            ),
            postponed AS (
                UPDATE message m SET next_attempt_at = d.free_at, updated_at = \(stamp)
                FROM decided d WHERE m.id = d.id AND NOT d.allowed
                RETURNING m.id
            ),
            taken AS (
                UPDATE message m SET state = 'sending', attempts = m.attempts + 1, lease_owner = \(ownerParameter),
                                     lease_expires_at = \(leaseEndParameter), updated_at = \(stamp)
                FROM chosen WHERE m.id = chosen.id AND \(PostgresSchema.waiting.replacingOccurrences(of: "state", with: "m.state"))
                RETURNING \(PostgresRows.messageColumns(of: "m"))
            )
            SELECT * FROM taken ORDER BY next_attempt_at, id
            """)
        return statement
    }

    // MARK: Record

    @discardableResult
    public func record(_ transitions: [RecordedTransition], owner: LeaseOwner, now: Date) async throws -> Int {
        guard !transitions.isEmpty else { return 0 }
        return try await translatingErrors("recording deliveries") {
            try await connections.transaction { session in
                try await session.run(Self.recording(transitions, owner: owner.description, now: now)).rows.count
            }
        }
    }

    /// Applies transitions to the rows `owner` still holds, with each attempt's log line, in one statement; returns
    /// the ids applied.
    static func recording(_ transitions: [RecordedTransition], owner: String, now: Date) -> PostgresStatement {
        var ids: [Int64] = [], states: [String] = [], nextAttempts: [Int64] = [], setsError: [Bool] = [], errors: [String] = []
        var errorIsNull: [Bool] = [], postIDs: [String] = [], postIDIsNull: [Bool] = [], postURLs: [String] = []
        var postURLIsNull: [Bool] = [], givenBack: [Int64] = [], outcomes: [String] = [], details: [String] = []
        var detailIsNull: [Bool] = [], startedAt: [Int64] = []
        for recorded in transitions {
            var state = "", next: Int64 = -1, setError = false, error: String?, postID: String?, postURL: String?
            var back: Int64 = 0, outcome: AttemptOutcome?, detail: String?
            switch recorded.transition {
            case .sent(let id, let url, let duplicate, let message):
                state = "sent"
                postID = id
                postURL = url
                setError = true
                error = duplicate ? "already on the platform: \(message ?? "duplicate")" : nil
                outcome = duplicate ? .duplicate : .delivered
                detail = duplicate ? message : url ?? id
            case .retry(let at, let message, let countsAsAttempt, let attemptOutcome):
                state = "retrying"
                next = at.milliseconds
                setError = true
                error = message
                back = countsAsAttempt ? 0 : 1
                outcome = attemptOutcome
                detail = message
            case .dead(let reason, let attemptOutcome):
                state = "dead"
                setError = true
                error = reason
                outcome = attemptOutcome
                detail = reason
            case .release:
                // Back to where it was before the claim: the attempt never started, so it is not counted.
                state = "release"
                back = 1
            }
            ids.append(recorded.messageID)
            states.append(state)
            nextAttempts.append(next)
            setsError.append(setError)
            errors.append(error ?? "")
            errorIsNull.append(error == nil)
            postIDs.append(postID ?? "")
            postIDIsNull.append(postID == nil)
            postURLs.append(postURL ?? "")
            postURLIsNull.append(postURL == nil)
            givenBack.append(back)
            outcomes.append(outcome?.rawValue ?? "")
            details.append(detail ?? "")
            detailIsNull.append(detail == nil)
            startedAt.append(recorded.startedAt.milliseconds)
        }
        var statement = PostgresStatement()
        let arrays = [
            "\(statement.bind(ids))::bigint[]", "\(statement.bind(states))::text[]", "\(statement.bind(nextAttempts))::bigint[]",
            "\(statement.bind(setsError))::boolean[]", "\(statement.bind(errors))::text[]", "\(statement.bind(errorIsNull))::boolean[]",
            "\(statement.bind(postIDs))::text[]", "\(statement.bind(postIDIsNull))::boolean[]", "\(statement.bind(postURLs))::text[]",
            "\(statement.bind(postURLIsNull))::boolean[]", "\(statement.bind(givenBack))::bigint[]", "\(statement.bind(outcomes))::text[]",
            "\(statement.bind(details))::text[]", "\(statement.bind(detailIsNull))::boolean[]", "\(statement.bind(startedAt))::bigint[]",
        ]
        let stamp = statement.bind(now.milliseconds)
        let ownerParameter = statement.bind(owner)
        statement.append("""
            WITH t AS (
                SELECT * FROM unnest(\(arrays.joined(separator: ", ")))
                    AS t (id, state, next_attempt_at, sets_error, error, error_is_null, post_id, post_id_is_null, post_url,
                          post_url_is_null, given_back, outcome, detail, detail_is_null, started_at)
            ),
            changed AS (
                UPDATE message m SET
                    state = CASE WHEN t.state <> 'release' THEN t.state WHEN m.attempts > 1 THEN 'retrying' ELSE 'queued' END,
                    next_attempt_at = CASE WHEN t.state = 'retrying' THEN t.next_attempt_at ELSE m.next_attempt_at END,
                    last_error = CASE WHEN t.sets_error THEN CASE WHEN t.error_is_null THEN NULL ELSE t.error END ELSE m.last_error END,
                    post_id = CASE WHEN t.state = 'sent' THEN CASE WHEN t.post_id_is_null THEN NULL ELSE t.post_id END ELSE m.post_id END,
                    post_url = CASE WHEN t.state = 'sent' THEN CASE WHEN t.post_url_is_null THEN NULL ELSE t.post_url END ELSE m.post_url END,
                    sent_at = CASE WHEN t.state = 'sent' THEN \(stamp) ELSE m.sent_at END,
                    attempts = m.attempts - t.given_back,
                    lease_owner = NULL, lease_expires_at = NULL, updated_at = \(stamp)
                FROM t
                -- A lease exists exactly while a row is being sent (the table's CHECK), so the owner's name says the
                -- state; a condition on `state` itself would let the planner walk a partial index of every row sent.
                WHERE m.id = t.id AND m.lease_owner = \(ownerParameter)
                RETURNING m.id, m.attempts
            ),
            logged AS (
                -- An attempt that did not count (a rate limit) gave its number back; its log line still carries that number.
                INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail)
                SELECT changed.id, changed.attempts + CASE WHEN t.state = 'retrying' THEN t.given_back ELSE 0 END, t.started_at, \(stamp),
                       t.outcome, CASE WHEN t.detail_is_null THEN NULL ELSE t.detail END
                FROM changed JOIN t ON t.id = changed.id
                WHERE t.outcome <> ''
            )
            SELECT id FROM changed
            """)
        return statement
    }
}

/// One `INSERT` of queued rows: a column array per field, NULLs marked by a flag array (postgres-nio binds arrays of
/// non-optional values).
struct EnqueueBatch {
    private var keys: [String] = [], campaigns: [String] = [], supporters: [String] = [], recipients: [String] = []
    private var names: [String] = [], nameIsNull: [Bool] = [], handles: [String] = [], handleIsNull: [Bool] = []
    private var channels: [String] = [], texts: [String] = [], variants: [String] = [], variantIsNull: [Bool] = []
    private var languages: [String] = [], languageIsNull: [Bool] = [], reaches: [Bool] = []

    var count: Int { keys.count }

    mutating func append(_ entry: OutboxEntry) {
        let key = entry.idempotencyKey
        keys.append(key.rawValue)
        campaigns.append(key.campaign)
        supporters.append(key.supporter)
        recipients.append(key.recipient)
        names.append(entry.recipientName ?? "")
        nameIsNull.append(entry.recipientName == nil)
        handles.append(entry.recipientHandle ?? "")
        handleIsNull.append(entry.recipientHandle == nil)
        channels.append(key.channel)
        texts.append(entry.text)
        variants.append(entry.variant ?? "")
        variantIsNull.append(entry.variant == nil)
        languages.append(entry.language ?? "")
        languageIsNull.append(entry.language == nil)
        reaches.append(entry.reachesRecipient)
    }

    /// Inserts the rows; the command tag counts the rows added.
    ///
    /// `skippingConflicts` false: the rows are inserted plainly, and a key already there (committed, written earlier in
    /// this transaction, twice in the batch, or committed by another transaction meanwhile) fails the statement with a
    /// unique violation (`23505`). `true`: `ON CONFLICT DO NOTHING` leaves those keys alone, which never fails so
    /// but costs the server a third more a row (a speculative insertion, confirmed by a second WAL record: 12.1
    /// against 8.1 s of server CPU for a million rows, by hand). A probe of the key's index before the plain insert
    /// (tried: `WHERE NOT EXISTS`) cost each row a second descent of that index: 9.1 against 8.7 µs of server CPU a
    /// row in make bench's pipelined enqueue.
    ///
    /// The arrays are unnested in the select list, where they advance together one row at a time: `FROM unnest(a, b,
    /// …)` first copied every row into a tuple store and read it back (a tenth of the server's time a row).
    func insert(now: Int64, skippingConflicts: Bool = false) -> PostgresStatement {
        var statement = PostgresStatement()
        let texts = [keys, campaigns, supporters, recipients, names, handles, channels, self.texts, variants, languages]
            .map { "\(statement.bind($0))::text[]" }
        let flags = [nameIsNull, handleIsNull, variantIsNull, languageIsNull, reaches].map { "\(statement.bind($0))::boolean[]" }
        let stamp = statement.bind(now)
        statement.append("""
            INSERT INTO message (idempotency_key, campaign_id, supporter_id, recipient_id, recipient_name, recipient_handle,
                                 channel, text, variant, language, reaches_recipient, state, attempts, next_attempt_at,
                                 created_at, updated_at)
            SELECT key, campaign, supporter, recipient, CASE WHEN no_name THEN NULL ELSE name END,
                   CASE WHEN no_handle THEN NULL ELSE handle END, channel, text, CASE WHEN no_variant THEN NULL ELSE variant END,
                   CASE WHEN no_language THEN NULL ELSE language END, reaches, 'queued', 0, \(stamp), \(stamp), \(stamp)
            FROM (SELECT \(zip(texts + flags, Self.columns).map { "unnest(\($0)) AS \($1)" }.joined(separator: ", "))) AS e
            """)
        if skippingConflicts { statement.append("\nON CONFLICT (idempotency_key) DO NOTHING") }
        return statement
    }
}

extension EnqueueBatch {
    /// The names ``insert(now:skippingConflicts:)`` gives its arrays' elements, in the order it binds them.
    fileprivate static let columns = [
        "key", "campaign", "supporter", "recipient", "name", "handle", "channel", "text", "variant", "language",
        "no_name", "no_handle", "no_variant", "no_language", "reaches",
    ]
}

/// A batch of an enqueue sent and not answered yet: under a savepoint of its own, so that a batch refused for a key
/// (see ``EnqueueBatch/insert(now:skippingConflicts:)``) can be undone alone and inserted again.
struct SentEnqueueBatch {
    /// The savepoint's name, the same for every batch: each is released once its batch is in.
    static let savepoint = "cartable_enqueue_batch"
    let batch: EnqueueBatch
    private let answers: [EventLoopFuture<PostgresQueryResult>]

    /// Sends `SAVEPOINT`, the batch's insert and `RELEASE` without waiting for their answers.
    init(_ batch: EnqueueBatch, now: Int64, skippingConflicts: Bool, session: PostgresSession) {
        self.batch = batch
        answers = [
            session.start(PostgresStatement("SAVEPOINT \(Self.savepoint)")),
            session.start(batch.insert(now: now, skippingConflicts: skippingConflicts)),
            session.start(PostgresStatement("RELEASE SAVEPOINT \(Self.savepoint)")),
        ]
    }

    /// Waits for the answers; returns how many rows the insert added, or throws what failed first.
    func added() throws -> Int {
        _ = try answers[0].wait()
        let inserted = try answers[1].wait()
        _ = try answers[2].wait()
        return inserted.metadata.rows ?? 0
    }

    /// Waits for every answer, failed or not.
    func drain() {
        for answer in answers { _ = try? answer.wait() }
    }
}
