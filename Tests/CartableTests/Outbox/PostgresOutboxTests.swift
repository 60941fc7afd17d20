import Foundation
import PostgresTestCluster
import Testing
@testable import Cartable
@testable import CartablePostgres

/// What only the PostgreSQL outbox has: migrations, many senders racing on one database, its errors. Runs against the
/// test cluster (`CARTABLE_TEST_POSTGRES_URL`); without one, these tests are skipped with the reason.
@Suite("PostgreSQL outbox", .enabled(if: PostgresTestCluster.url != nil, "CARTABLE_TEST_POSTGRES_URL is not set (make test starts a cluster)"))
struct PostgresOutboxTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("an empty database is refused with pending migrations; migrate applies them once; a newer schema is refused")
    func migrations() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        #expect {
            _ = try PostgresOutbox(urlText: database.url)
        } throws: { error in
            guard let error = error as? OutboxError else { return false }
            return error.kind == .pendingMigrations && error.message.contains("no outbox yet") && !error.path.contains(":" + password(database.url) + "@")
        }
        let unmigrated = try PostgresOutbox(urlText: database.url, requireCurrentSchema: false)
        defer { unmigrated.close() }
        #expect(try await unmigrated.schemaStatus().pending == [1, 2, 3, 4])
        #expect(try await unmigrated.migrate() == [1, 2, 3, 4])
        #expect(try await unmigrated.migrate() == [])
        #expect(try await unmigrated.schemaStatus().isCurrent)
        let opened = try PostgresOutbox(urlText: database.url)
        opened.close()

        try PostgresTestCluster.execute(["INSERT INTO cartable_migration (version, name) VALUES (99, 'from the future')"], on: database.url)
        #expect {
            _ = try PostgresOutbox(urlText: database.url)
        } throws: { error in
            (error as? OutboxError)?.kind == .notAnOutbox && (error as? OutboxError)?.message.contains("newer Cartable") == true
        }
        await #expect(throws: OutboxError.self) { try await unmigrated.migrate() }
    }

    @Test("pool_max_conns=2: twelve transactions at once wait their turn on two connections, and all complete")
    func poolCap() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let migrating = try PostgresOutbox(urlText: database.url, requireCurrentSchema: false)
        try await migrating.migrate()
        migrating.close()
        let outbox = try PostgresOutbox(urlText: database.url + "?pool_max_conns=2")
        defer { outbox.close() }
        _ = try outbox.enqueue(entries(3), pacing: nil, now: now)
        let owner = LeaseOwner.current()
        _ = try await outbox.claimDue(limit: 3, filter: ClaimFilter(), owner: owner, leaseDuration: 60, now: now)

        // The table locked from another connection: every renewal waits inside its transaction, on its connection.
        let locker = try PostgresTestSession(url: database.url)
        let watcher = try PostgresTestSession(url: database.url)
        defer { locker.close(); watcher.close() }
        try locker.execute("BEGIN")
        try locker.execute("LOCK TABLE message IN EXCLUSIVE MODE")
        let renewals = (0..<12).map { index in
            Task { try await outbox.renewLeases(owner: owner, leaseDuration: 60, now: now + Double(index)) }
        }
        func waitingOnTheLock() throws -> Int {
            let count = try watcher.column("""
                SELECT count(*)::text FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """)
            return Int(count.first.flatMap { $0 } ?? "") ?? -1
        }
        let deadline = Date() + 30
        while try waitingOnTheLock() < 2, Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(500))
        let waiting = try waitingOnTheLock()
        let locking = try locker.backendProcessID()
        let busy = try watcher.column("""
            SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database()
            AND pid <> pg_backend_pid() AND pid <> \(locking) AND state <> 'idle'
            """)
        try locker.execute("ROLLBACK")
        #expect(waiting == 2, "two transactions on the lock, the ten others waiting for a connection")
        #expect(busy == ["2"], "the outbox has no other connection at work")
        for renewal in renewals {
            #expect(try await renewal.value == 3)
        }
    }

    @Test("two processes migrating at once: one applies, the other finds nothing to do")
    func concurrentMigrations() async throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let first = try PostgresOutbox(urlText: database.url, requireCurrentSchema: false)
        let second = try PostgresOutbox(urlText: database.url, requireCurrentSchema: false)
        defer { first.close(); second.close() }
        async let a = first.migrate()
        async let b = second.migrate()
        let applied = try await [a, b]
        #expect(applied.sorted { $0.count < $1.count } == [[], [1, 2, 3, 4]])
    }

    /// The batches of a large enqueue are sent before the previous ones are answered; one the server refuses (a NUL
    /// character, which PostgreSQL's text cannot hold) aborts the transaction, the batches sent after it fail with
    /// it, and nothing of the enqueue stays.
    @Test("a large enqueue is all or nothing: a batch refused in the middle leaves no row, and the outbox goes on")
    func largeEnqueueIsAllOrNothing() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let size = PostgresOutbox.enqueueChunk * (PostgresOutbox.defaultEnqueueBatchesInFlight + 2) + 1
        var batch = entries(size)
        batch[PostgresOutbox.enqueueChunk + 10].text = "a NUL \u{0} in the middle"
        #expect {
            _ = try temporary.outbox.enqueue(batch, pacing: nil, now: now)
        } throws: { error in
            (error as? OutboxError)?.message.contains("queueing messages") == true
        }
        #expect(try await temporary.outbox.allMessages().isEmpty)
        #expect(try temporary.outbox.enqueue(entries(size), pacing: nil, now: now) == EnqueueResult(added: size, alreadyQueued: 0))
        // Run again with more rows after them: the first batch meets its keys, and so does every batch after it.
        let more = PostgresOutbox.enqueueChunk + 7
        #expect(try temporary.outbox.enqueue(entries(size + more), pacing: nil, now: now) == EnqueueResult(added: more, alreadyQueued: size))
        #expect(try await temporary.outbox.allMessages().count == size + more)
    }

    /// Enqueue inserts its rows plainly; a key already there, twice in a batch, or one another transaction
    /// commits while the batch waits on it, fails that insert, and the batch (with those sent after it) is undone to
    /// its savepoint and inserted again skipping the keys there.
    @Test("a key twice in one batch, or committed by another transaction while the enqueue waits on it, is already queued; every other row is added once")
    func enqueueConflicts() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        let size = PostgresOutbox.enqueueChunk * (PostgresOutbox.defaultEnqueueBatchesInFlight + 2) + 1
        var batch = entries(size)
        batch[PostgresOutbox.enqueueChunk + 7] = batch[PostgresOutbox.enqueueChunk + 3]
        #expect(try outbox.enqueue(batch, pacing: nil, now: now) == EnqueueResult(added: size - 1, alreadyQueued: 1))
        #expect(Set(try await outbox.allMessages().map(\.entry.recipientID)).count == size - 1)

        // Another transaction holds a new key uncommitted: the enqueue's insert waits on it, then meets it committed.
        let url = try #require(temporary.databaseURL)
        let other = try PostgresTestSession(url: url), watcher = try PostgresTestSession(url: url)
        defer { other.close(); watcher.close() }
        let more = entries(PostgresOutbox.enqueueChunk * 2, from: size)
        let raced = more[PostgresOutbox.enqueueChunk + 5]
        try other.execute("BEGIN")
        try other.execute("""
            INSERT INTO message (idempotency_key, campaign_id, supporter_id, recipient_id, channel, text, next_attempt_at, created_at, updated_at)
            VALUES ('\(raced.idempotencyKey.rawValue)', 'c', 'organiser', '\(raced.recipientID)', 'webhook', 'first', 0, 0, 0)
            """)
        // On a thread of its own: enqueue blocks its thread while it waits.
        let now = now
        let enqueue = Task {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue.global().async { continuation.resume(with: Result { try outbox.enqueue(more, pacing: nil, now: now) }) }
            }
        }
        func waitingOnTheKey() throws -> Bool {
            try watcher.column("""
                SELECT count(*)::text FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
                """) == ["1"]
        }
        let deadline = Date() + 60
        while try !waitingOnTheKey(), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(try waitingOnTheKey(), "the enqueue waits on the other transaction's key")
        try other.execute("COMMIT")
        #expect(try await enqueue.value == EnqueueResult(added: more.count - 1, alreadyQueued: 1))
        let texts = try await outbox.allMessages().filter { $0.entry.recipientID == raced.recipientID }.map(\.entry.text)
        #expect(texts == ["first"])
        #expect(try await outbox.allMessages().count == size - 1 + more.count)
    }

    /// Right after a large queue, before autovacuum looks at the table, the planner had no statistics and took a
    /// claim for one that reads and sorts every due row (the enqueue now analyses the table). With statistics, and
    /// one campaign in the table (they then say every row is in it) while `paused_campaign` was never analysed (it
    /// rarely changes), it took the paused-campaign check for one that leaves no row, and did the same.
    @Test("right after a large queue of one campaign, a claim walks message_due in order, never reading the whole table")
    func claimWalksTheDueIndex() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox as! PostgresOutbox
        _ = try outbox.enqueue(entries(20_000), pacing: nil, now: now)
        let filter = ClaimFilter(channels: ["webhook"], caps: ["c": RecipientCaps(perHour: 2, perDay: 3)])
        let statement = PostgresOutbox.lockingCandidates(limit: 24, filter: filter, now: now)
        let plan = try await outbox.read(statement.explained).rows.map { try PostgresCells($0)[0, as: String.self] }.joined(separator: "\n")
        #expect(plan.contains("Index Scan using message_due on message"), "\(plan)")
        #expect(!plan.contains("Seq Scan on message"), "\(plan)")
    }

    /// The statistics a large queue gathers say that no row is being sent or sent. Once half the rows are sent, a claim
    /// that counted a recipient's sends with them read every row of `message_pace` (all the sends so far) and a record
    /// did the same to find its rows by id: each send cost more than the last. Migration 4 keeps no statistics on the
    /// state, and a record names the lease's owner instead of the state.
    @Test("with half a large queue sent since it was analysed, a claim counts a recipient's sends by that recipient, and a record finds its rows by id")
    func sendsAreCountedByRecipient() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox as! PostgresOutbox
        _ = try outbox.enqueue(entries(20_000), pacing: nil, now: now)
        let url = try #require(temporary.databaseURL)
        try PostgresTestCluster.execute([
            "UPDATE message SET state = 'sent', sent_at = \(now.milliseconds - 1000) WHERE id <= 10000",
            "UPDATE message SET state = 'sending', lease_owner = 'other', lease_expires_at = \(now.milliseconds + 60_000) WHERE id > 10000 AND id <= 10100",
        ], on: url)
        let ids = try await outbox.read("SELECT id FROM message WHERE state = 'queued' ORDER BY id LIMIT 24").rows.map { try PostgresCells($0)[0, as: Int64.self] }
        let claiming = PostgresOutbox.claiming(
            ids: ids, limit: 8, caps: ["c": RecipientCaps(perHour: 2, perDay: 3)], owner: LeaseOwner.current(), leaseEnd: now.milliseconds + 60_000, now: now)
        let claimPlan = try await outbox.read(claiming.explained).rows.map { try PostgresCells($0)[0, as: String.self] }.joined(separator: "\n")
        #expect(claimPlan.contains("Index Scan using message_pace on message p"), "\(claimPlan)")
        #expect(claimPlan.contains("Index Cond: ((campaign_id = "), "the sends are looked up by recipient: \(claimPlan)")

        let recorded = ids.prefix(8).map { RecordedTransition(messageID: $0, transition: .sent(postID: "p", postURL: nil, duplicate: false, detail: nil), startedAt: now) }
        let recording = PostgresOutbox.recording(recorded, owner: LeaseOwner.current().description, now: now)
        let recordPlan = try await outbox.read(recording.explained).rows.map { try PostgresCells($0)[0, as: String.self] }.joined(separator: "\n")
        #expect(recordPlan.contains("Index Scan using message_pkey on message m"), "\(recordPlan)")
        #expect(!recordPlan.contains("message_pace") && !recordPlan.contains("message_lease"), "\(recordPlan)")
    }

    /// Migration 3 dropped the index on (campaign, supporter), which each queued row had to update: a supporter's or a
    /// small campaign's rows are a range of the key's unique index instead, and never a read of the whole table.
    @Test("a supporter's rows, and a campaign's among others, are read through the key's index once the campaign index is gone")
    func keyRangesWalkTheKeyIndex() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox as! PostgresOutbox
        _ = try outbox.enqueue(entries(20_000) + entries(5, campaign: "d", supporter: "s1"), pacing: nil, now: now)
        let indexes = try await outbox.read("SELECT indexname FROM pg_indexes WHERE tablename = 'message' ORDER BY indexname").rows
            .map { try PostgresCells($0)[0, as: String.self] }
        #expect(indexes == ["message_due", "message_idempotency_key_key", "message_lease", "message_pace", "message_pkey"])
        for parts in [[("campaign_id", "c"), ("supporter_id", "organiser"), ("recipient_id", "r7")], [("campaign_id", "d")],
                      [("campaign_id", "d"), ("supporter_id", "s1")]] {
            var statement = PostgresStatement()
            statement.append("SELECT id FROM message WHERE \(PostgresOutbox.keyed(parts, &statement))")
            let plan = try await outbox.read(statement.explained).rows.map { try PostgresCells($0)[0, as: String.self] }.joined(separator: "\n")
            #expect(plan.contains("message_idempotency_key_key"), "\(parts): \(plan)")
            #expect(!plan.contains("Seq Scan on message"), "\(parts): \(plan)")
        }
        #expect(try await outbox.messages(campaignID: "c", supporterID: "organiser", recipientID: "r7").map(\.entry.recipientID) == ["r7"])
        #expect(try await outbox.recipientsWritten(campaignID: "d", supporterID: "s1") == ["r0", "r1", "r2", "r3", "r4"])
        #expect(try await outbox.pause(campaignID: "d", now: now) == .changed)
        #expect(try await outbox.pausedCampaigns().map(\.waiting) == [5])
    }

    /// The dispatcher reads the backlog at each housekeeping and idle wait; counting the sent rows too scanned the
    /// whole table each time. What it reads instead is the backlog without the final states, and nothing else changes.
    @Test("the unfinished backlog is the backlog without the final states: same waiting, sending, paused, next due and channels")
    func unfinishedBacklog() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox as! PostgresOutbox
        _ = try outbox.enqueue(entries(6), pacing: nil, now: now)
        _ = try outbox.enqueue(entries(2, campaign: "held"), pacing: nil, now: now + 5)
        #expect(try await outbox.pause(campaignID: "held", now: now) == .changed)
        let owner = LeaseOwner.current()
        let claimed = try await outbox.claimDue(limit: 3, filter: ClaimFilter(), owner: owner, leaseDuration: 60, now: now)
        try #require(claimed.count == 3)
        try await outbox.record([
            RecordedTransition(messageID: claimed[0].id, transition: .sent(postID: "1", postURL: nil, duplicate: false, detail: nil), startedAt: now),
            RecordedTransition(messageID: claimed[1].id, transition: .dead(reason: "HTTP 422", outcome: .permanent), startedAt: now),
        ], owner: owner, now: now)

        let full = try await outbox.backlog(channels: nil)
        let unfinished = try await outbox.unfinishedBacklog(channels: nil)
        #expect(full.states == [.queued: 5, .sending: 1, .sent: 1, .dead: 1])
        #expect(unfinished.states == [.queued: 5, .sending: 1])
        #expect(unfinished.unfinished == full.unfinished && unfinished.paused == 2 && full.paused == 2)
        #expect(unfinished.nextDue == full.nextDue && unfinished.nextDue == now)
        #expect(unfinished.waitingChannels == full.waitingChannels && unfinished.waitingChannels == ["webhook"])
        let elsewhere = try await outbox.unfinishedBacklog(channels: ["x"])
        #expect(elsewhere.states.isEmpty && elsewhere.nextDue == nil && elsewhere.waitingChannels.isEmpty && elsewhere.paused == 0)
    }

    /// An outcome being recorded and the lease heartbeat renewing the same rows lock them in different orders: the
    /// server broke such a deadlock by failing one, and `send` stopped on it. Both now complete: the victim, rolled
    /// back whole, runs again.
    @Test("two transactions locking two rows in opposite orders deadlock; the victim runs again, and both complete")
    func deadlockVictimRunsAgain() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox as! PostgresOutbox
        _ = try outbox.enqueue(entries(2), pacing: nil, now: now)
        let ids = try await outbox.allMessages().map(\.id).sorted()
        try #require(ids.count == 2)
        let meeting = DeadlockMeeting()
        func lockBoth(_ first: Int64, _ second: Int64) async throws {
            try await outbox.connections.transaction { session in
                let run = await meeting.started()
                try await session.execute("SELECT id FROM message WHERE id = \(first) FOR UPDATE")
                // The first two runs each hold their first row before either asks for its second: a deadlock.
                if run <= 2 { await meeting.arrive() }
                try await session.execute("UPDATE message SET updated_at = updated_at + 1 WHERE id = \(second)")
            }
        }
        async let one: Void = lockBoth(ids[0], ids[1])
        async let other: Void = lockBoth(ids[1], ids[0])
        _ = try await (one, other)
        #expect(await meeting.runs == 3, "one of the two was the deadlock's victim, and ran once more")
        let stamps = try await outbox.allMessages().map(\.updatedAt)
        #expect(stamps.allSatisfy { abs($0.timeIntervalSince(now) - 0.001) < 0.0005 }, "each row updated once: the victim's first run left nothing")
    }

    @Test("the schema refuses a state outside the state machine and a lease on a row not being sent")
    func schemaChecks() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(1), pacing: nil, now: now)
        let url = (temporary.outbox as! PostgresOutbox).url
        let text = "postgres://\(url.user):\(url.password ?? "")@\(url.host):\(url.port)/\(url.database)"
        #expect(throws: (any Error).self) { try PostgresTestCluster.execute(["UPDATE message SET state = 'lost'"], on: text) }
        #expect(throws: (any Error).self) {
            try PostgresTestCluster.execute(["UPDATE message SET lease_owner = 'x', lease_expires_at = 1"], on: text)
        }
    }

    /// Four senders claim at the same moment, each with its own connections (as four processes would), on 40
    /// deputies with five messages each, under caps of 2 per hour and 3 per day. Each "day" they race until nothing
    /// more can be claimed; a final sweep takes what a race left (a sender may give up while another holds rows).
    @Test("four senders racing: no recipient over its cap, every message claimed exactly once")
    func racingSendersKeepCaps() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let url = (temporary.outbox as! PostgresOutbox).url
        let recipients = 40, perRecipient = 5
        let batch = (0..<perRecipient).flatMap { supporter in entries(recipients, supporter: "s\(supporter)") }
        #expect(try temporary.outbox.enqueue(batch, pacing: nil, now: now).added == recipients * perRecipient)
        let caps = RecipientCaps(perHour: 2, perDay: 3)
        let filter = ClaimFilter(caps: ["c": caps])
        let senders = try (0..<4).map { _ in try PostgresOutbox(url: url) }
        defer { senders.forEach { $0.close() } }

        var claimedIDs: [Int64] = []
        for day in 0..<3 {
            let moment = now + Double(day) * 86_400 + 7200
            let rounds = try await withThrowingTaskGroup(of: [OutboxMessage].self) { group in
                for (index, sender) in senders.enumerated() {
                    group.addTask {
                        let owner = LeaseOwner.test("sender-\(index)")
                        var mine: [OutboxMessage] = []
                        while true {
                            let rows = try await sender.claimDue(limit: 3, filter: filter, owner: owner, leaseDuration: 600, now: moment)
                            if rows.isEmpty { return mine }
                            mine += rows
                            try await sender.record(rows.map {
                                RecordedTransition(messageID: $0.id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: moment)
                            }, owner: owner, now: moment)
                        }
                    }
                }
                var all: [OutboxMessage] = []
                for try await rows in group { all += rows }
                return all
            }
            var sweep: [OutboxMessage] = []
            while case let rows = try await senders[0].claimDue(limit: 50, filter: filter, owner: .test("sweep"), leaseDuration: 600, now: moment), !rows.isEmpty {
                sweep += rows
                try await senders[0].record(rows.map {
                    RecordedTransition(messageID: $0.id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: moment)
                }, owner: .test("sweep"), now: moment)
            }
            let today = rounds + sweep
            let perRecipientToday = Dictionary(grouping: today, by: \.entry.recipientID).mapValues(\.count)
            #expect(perRecipientToday.values.allSatisfy { $0 <= caps.perHour }, "day \(day): \(perRecipientToday.filter { $0.value > caps.perHour })")
            claimedIDs += today.map(\.id)
        }
        #expect(claimedIDs.count == Set(claimedIDs).count, "a message was claimed twice")
        #expect(claimedIDs.count == recipients * perRecipient, "every message claimed: \(claimedIDs.count) of \(recipients * perRecipient)")
        let rows = try await temporary.outbox.allMessages()
        #expect(rows.allSatisfy { $0.state == .sent && $0.attempts == 1 })
        // Within any 24 hours, no recipient received more than the day's cap.
        for (recipient, sent) in Dictionary(grouping: rows, by: \.entry.recipientID) {
            let times = sent.compactMap(\.sentAt).sorted()
            for (index, time) in times.enumerated() {
                let window = times[index...].prefix { $0 < time + 86_400 }
                #expect(window.count <= caps.perDay, "\(recipient): \(window.count) within a day")
            }
        }
    }

    @Test("a claim of one message by key waits for a racing batch claim of the same deputy and keeps the cap")
    func oneMessageClaimKeepsCapsUnderRace() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let url = (temporary.outbox as! PostgresOutbox).url
        let caps = RecipientCaps(perHour: 1, perDay: 1)
        // Twenty supporters write to the same deputy; a batch sender and twenty one-message claims race for them.
        let batch = (0..<20).flatMap { entries(1, supporter: "s\($0)") }
        _ = try temporary.outbox.enqueue(batch, pacing: nil, now: now)
        let batchSender = try PostgresOutbox(url: url)
        let single = try PostgresOutbox(url: url)
        defer { batchSender.close(); single.close() }
        let outcomes = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try await batchSender.claimDue(limit: 20, filter: ClaimFilter(caps: ["c": caps]), owner: .test("batch"), leaseDuration: 60, now: now).count
            }
            for entry in batch {
                group.addTask {
                    if case .claimed = try await single.claim(entry.idempotencyKey, caps: caps, owner: .test("one"), leaseDuration: 60, now: now) { return 1 }
                    return 0
                }
            }
            var total = 0
            for try await count in group { total += count }
            return total
        }
        #expect(outcomes == 1, "claims for a deputy capped at one per hour: \(outcomes)")
        let rows = try await temporary.outbox.allMessages()
        #expect(rows.filter { $0.state == .sending }.count == 1)
        #expect(rows.filter { $0.state == .queued }.allSatisfy { $0.nextAttemptAt > now })
    }

    @Test("an idle watching sender wakes on NOTIFY when rows are queued, long before its slow poll")
    func idleSenderWakesOnNotify() async throws {
        let temporary = try await BackendOutbox(.postgres)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox as! PostgresOutbox
        let sender = ScriptedSender { _, _ in .delivered(postID: nil, postURL: nil) }
        var configuration = DispatcherConfiguration()
        configuration.mode = .watch
        // A poll this slow cannot be what finds the rows: only the notification can.
        configuration.notifiedIdlePoll = 600
        configuration.housekeepingInterval = 600
        let dispatcher = Dispatcher(outbox: outbox, senders: [sender], limiter: AccountLimiter(limits: [:]), configuration: configuration)
        let stop = StopSignal()
        let run = Task { try await dispatcher.run(stop: stop) }
        // Let it go idle (it listens from its first wait), then queue from another process's outbox.
        try await Task.sleep(for: .seconds(2))
        let queued = Date()
        let other = try PostgresOutbox(url: outbox.url)
        defer { other.close() }
        _ = try other.enqueue(entries(3), pacing: nil, now: Date())
        while sender.totalCalls < 3 && Date().timeIntervalSince(queued) < 120 {
            try await Task.sleep(for: .milliseconds(20))
        }
        let latency = Date().timeIntervalSince(queued)
        stop.request()
        let progress = try await run.value
        #expect(progress.sent == 3, "sent \(progress.sent)")
        // Wide margin for a loaded machine; the slow poll alone would take 600 s.
        #expect(latency < 60, "woke \(latency) s after the rows were queued")
    }

    @Test("a wrong password is an authentication error; a closed port is unreachable; a missing database says so; no password is printed")
    func connectionErrors() throws {
        let cluster = try PostgresURL(try #require(PostgresTestCluster.url), environment: [:])
        let secret = "not-the-Password-42"
        func error(_ text: String) -> OutboxError? {
            do {
                _ = try PostgresOutbox(url: try PostgresURL(text, environment: [:]))
                return nil
            } catch {
                return error as? OutboxError
            }
        }
        let wrong = try #require(error("postgres://\(cluster.user):\(secret)@\(cluster.host):\(cluster.port)/\(cluster.database)?sslmode=disable"))
        #expect(wrong.kind == .authentication, "\(wrong)")
        #expect(!wrong.description.contains(secret))
        let none = try #require(error("postgres://\(cluster.user)@\(cluster.host):\(cluster.port)/\(cluster.database)?sslmode=disable"))
        #expect(none.kind == .authentication && none.message.contains("none was given"), "\(none)")
        let missing = try #require(error("postgres://\(cluster.user):\(cluster.password ?? "")@\(cluster.host):\(cluster.port)/no_such_db"))
        #expect(missing.kind == .cannotOpen && missing.message.contains("no_such_db does not exist"), "\(missing)")
        #expect(!missing.description.contains(cluster.password ?? "\u{0}"))
        let closed = try #require(error("postgres://u:\(secret)@127.0.0.1:\(try freePort())/db"))
        #expect(closed.kind == .unreachable && closed.message.contains("connection refused"), "\(closed)")
        #expect(!closed.description.contains(secret))
    }

    /// A port nothing listens on: bound, then closed.
    func freePort() throws -> Int {
        let socket = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func password(_ url: String) -> String {
        (try? PostgresURL(url, environment: [:]).password) ?? "\u{0}"
    }
}

/// Holds the first two runs of ``PostgresOutboxTests/deadlockVictimRunsAgain()`` until both hold their first row.
private actor DeadlockMeeting {
    private(set) var runs = 0
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func started() -> Int {
        runs += 1
        return runs
    }

    func arrive() async {
        arrived += 1
        if arrived >= 2 {
            for waiter in waiting { waiter.resume() }
            waiting.removeAll()
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}
