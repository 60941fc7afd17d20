import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The embedded ``Outbox``: one SQLite file (by default `.cartable/outbox.sqlite`) in WAL mode, so that `status`
/// reads while `send` writes, with a busy timeout so that two `cartable send` processes take turns instead of failing.
///
/// Durability is `synchronous=FULL` unless the caller opts out (see ``OutboxDurability``). Writers use
/// `BEGIN IMMEDIATE`: a claim reads and updates in one transaction that no other process can interleave, which is what
/// makes two senders on one outbox share the work without sending anything twice.
public final class SQLiteOutbox: Outbox {
    /// The outbox file's path as given (relative paths stay relative), also its ``location`` in messages.
    public let path: String
    public var location: String { path }
    /// How commits are synced.
    public let durability: OutboxDurability
    /// Opened for writing, a pool: one writer, and readers that read the last commit while it writes (WAL), so that
    /// a server's pages and `status` never wait for each other or for a batch being written. Read-only, one connection.
    let database: any DatabaseWriter

    /// Opens the outbox at `path` as `access` says: read-only (an outbox an older Cartable wrote through a private
    /// migrated copy, see ``migratedCopy(of:)``), or for writing (migrated forward), creating the file and its folder
    /// only for ``OutboxAccess/createIfMissing`` and only where no file exists.
    ///
    /// Whatever the access, a file that is not a Cartable outbox is refused before anything is written to it: a
    /// folder, a device, a FIFO, an empty file (taking it for a new outbox would send everything again), a file that
    /// is not SQLite, and an SQLite database without Cartable's tables.
    /// - Throws: ``OutboxError`` naming the path and what to do.
    public init(path: String, durability: OutboxDurability = .full, access: OutboxAccess = .createIfMissing, busyTimeout: TimeInterval = 30) throws(OutboxError) {
        self.path = path
        self.durability = durability
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "outbox"
        let exists = try Self.checkFile(at: path)
        var olderSchema = false
        if !exists {
            guard access == .createIfMissing else {
                throw OutboxError(path: path, kind: .missing, message: "no outbox here yet",
                                  hint: "queue messages first, or name an existing outbox")
            }
            try Self.createFolder(of: path)
        } else {
            olderSchema = try Self.checkIdentity(at: path, configuration: configuration)
        }
        if access != .readOnly {
            configuration.journalMode = .wal
            let synchronous = durability == .full ? "FULL" : "NORMAL"
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            }
        }
        do {
            if access == .readOnly {
                let file = try Self.readOnlyQueue(path: path, configuration: configuration)
                database = olderSchema ? try Self.migratedCopy(of: file) : file
            } else {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try OutboxSchema.migrator.migrate(pool)
                database = pool
            }
        } catch {
            throw OutboxError.from(error, path: path, doing: "opening the outbox")
        }
    }

    /// Whether a file is at `path`, refusing one that cannot be an outbox: a folder, a device, a FIFO, an empty file,
    /// a file that is not SQLite.
    private static func checkFile(at path: String) throws(OutboxError) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT { return false }
            let reason = String(cString: strerror(errno))
            throw OutboxError(path: path, kind: .cannotOpen, message: "cannot reach the outbox file: \(reason)",
                              hint: "check the path and its folders' permissions")
        }
        func refuse(_ message: String, _ hint: String) -> OutboxError {
            OutboxError(path: path, kind: .notAnOutbox, message: message, hint: hint)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw refuse("this is a folder, not an outbox file", "name the file, e.g. \((path as NSString).appendingPathComponent("outbox.sqlite"))")
        case S_IFCHR, S_IFBLK: throw refuse("this is a device, not an outbox file", "name an outbox file, or a new path to start one")
        case S_IFIFO: throw refuse("this is a FIFO (named pipe), not an outbox file", "name an outbox file, or a new path to start one")
        default: throw refuse("this is not a regular file, so not an outbox", "name an outbox file, or a new path to start one")
        }
        if status.st_size == 0 {
            throw refuse("this file is empty, not an outbox (taking it for a new one would queue and send everything again)",
                         "if no outbox was ever there, remove the empty file to start one; else restore the outbox from a backup")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw OutboxError(path: path, kind: .readOnly, message: "the outbox file cannot be read (permissions)",
                              hint: "make it readable by this user")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        guard header == Data("SQLite format 3\u{0}".utf8) else {
            throw refuse("this file is not an SQLite database, so not a Cartable outbox", "name an outbox file, or a new path to start one")
        }
        return true
    }

    /// Refuses an SQLite database without Cartable's tables, and one written by a newer Cartable, reading it
    /// read-only, so that nothing is added to a database that is not an outbox. Returns whether an older Cartable
    /// wrote it (migrations are pending): a command that writes migrates the file, one that only reads a private copy.
    private static func checkIdentity(at path: String, configuration: Configuration) throws(OutboxError) -> Bool {
        let migrator = OutboxSchema.migrator
        do {
            let queue = try readOnlyQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                guard try db.tableExists("grdb_migrations"), try db.tableExists("message"),
                      let first = migrator.migrations.first,
                      try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations WHERE identifier = ?", arguments: [first]) != nil
                else {
                    throw OutboxError(path: path, kind: .notAnOutbox, message: "this SQLite database is not a Cartable outbox (it has no outbox tables); it was left as it is",
                                      hint: "name an outbox file, or a new path to start one")
                }
                if try migrator.hasBeenSuperseded(db) {
                    throw OutboxError(path: path, kind: .notAnOutbox, message: "this outbox was written by a newer Cartable",
                                      hint: "use that version, or another outbox file")
                }
                return try !migrator.hasCompletedMigrations(db)
            }
        } catch {
            throw OutboxError.from(error, path: path, doing: "opening the outbox")
        }
    }

    /// The outbox opened read-only. SQLite reads a WAL file through its `-shm` file, which it creates if need be;
    /// where it cannot (a read-only folder or file system) and no `-wal` holds changes, nobody can be writing, and
    /// the file is read as it is on disk (SQLite's `immutable`), so that `status` works on a read-only outbox.
    private static func readOnlyQueue(path: String, configuration: Configuration) throws -> DatabaseQueue {
        var readOnly = configuration
        readOnly.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            _ = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            let folder = (path as NSString).deletingLastPathComponent
            var wal = stat()
            let walHoldsChanges = stat(path + "-wal", &wal) == 0 && wal.st_size > 0
            guard access(folder.isEmpty ? "." : folder, W_OK) != 0, !walHoldsChanges,
                  let encoded = URL(fileURLWithPath: path).path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else { throw error }
            let snapshot = try DatabaseQueue(path: "file:\(encoded)?immutable=1", configuration: readOnly)
            _ = try snapshot.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM sqlite_master") }
            return snapshot
        }
    }

    /// Creates the folder of a new outbox.
    private static func createFolder(of path: String) throws(OutboxError) {
        let fileManager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        guard !folder.isEmpty, !fileManager.fileExists(atPath: folder) else { return }
        do {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            let readOnly = !nearestExistingFolderIsWritable(folder)
            throw OutboxError(
                path: path, kind: readOnly ? .readOnly : .cannotOpen,
                message: "cannot create the outbox's folder \(folder)\(readOnly ? " (read-only)" : "")",
                hint: "choose a writable place for the outbox")
        }
    }

    /// Whether the closest folder of `folder` that exists can be written (`access(2)` also reports a read-only
    /// file system to root).
    static func nearestExistingFolderIsWritable(_ folder: String) -> Bool {
        var candidate = folder
        while !candidate.isEmpty, !FileManager.default.fileExists(atPath: candidate) {
            let parent = (candidate as NSString).deletingLastPathComponent
            if parent == candidate { break }
            candidate = parent
        }
        return access(candidate.isEmpty ? "." : candidate, W_OK) == 0
    }

    /// Runs `body` and turns SQLite's errors into ``OutboxError``s that name the file.
    func translatingErrors<T>(_ action: String, _ body: () async throws -> T) async throws(OutboxError) -> T {
        do {
            return try await body()
        } catch {
            throw OutboxError.from(error, path: path, doing: action)
        }
    }

    // MARK: Enqueue

    /// SQLite's page cache while a batch is inserted, in KiB: SQLite's default is 2,000.
    static let enqueueCacheKiB = 8_192

    /// Inserts the entries in one transaction, walking `entries` once: a lazy sequence is composed as it is inserted,
    /// in flat memory (SQLite's cache is bounded to ``enqueueCacheKiB``). If walking or inserting fails, nothing is
    /// queued.
    public func enqueue<Entries: Sequence<OutboxEntry>>(_ entries: Entries, pacing: CampaignPacing?, now: Date) throws -> EnqueueResult {
        let stamp = now.outboxMilliseconds
        do {
            return try database.write { db in
                // The entries may be composed as they are inserted (`queue` streams a whole campaign through here), so
                // the page cache is what bounds memory: a few MB, whatever the batch. A large batch's dirty pages spill
                // to the WAL before the commit; until then no reader sees them, and a crash leaves none of them.
                try db.execute(sql: "PRAGMA cache_size = -\(Self.enqueueCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
                if let pacing { try Self.store(pacing, db, now: stamp) }
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO message (idempotency_key, campaign_id, supporter_id, recipient_id, recipient_name, recipient_handle,
                                         channel, text, variant, language, reaches_recipient, state, attempts, next_attempt_at,
                                         created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """)
                var result = EnqueueResult(added: 0, alreadyQueued: 0)
                let handle = insert.sqliteStatement
                let connection = db.sqliteConnection
                defer {
                    sqlite3_reset(handle)
                    sqlite3_clear_bindings(handle)
                }
                var texts = SQLiteTextParameters()
                for position in Int32(12)...14 { sqlite3_bind_int64(handle, position, stamp) }
                for entry in entries {
                    sqlite3_reset(handle)
                    let key = entry.idempotencyKey
                    texts.removeAll()
                    texts.append(at: 1, pieces: key.writeRawValue)
                    texts.append(key.campaign, at: 2)
                    texts.append(key.supporter, at: 3)
                    texts.append(key.recipient, at: 4)
                    Self.bind(entry.recipientName, at: 5, into: &texts, handle)
                    Self.bind(entry.recipientHandle, at: 6, into: &texts, handle)
                    texts.append(key.channel, at: 7)
                    texts.append(entry.text, at: 8)
                    Self.bind(entry.variant, at: 9, into: &texts, handle)
                    Self.bind(entry.language, at: 10, into: &texts, handle)
                    sqlite3_bind_int(handle, 11, entry.reachesRecipient ? 1 : 0)
                    let code = texts.withBound(to: handle) { sqlite3_step(handle) }
                    guard code == SQLITE_DONE else {
                        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)))
                    }
                    if sqlite3_changes(connection) > 0 { result.added += 1 } else { result.alreadyQueued += 1 }
                }
                return result
            }
        } catch {
            throw OutboxError.from(error, path: path, doing: "queueing messages")
        }
    }

    /// Adds an optional text to `texts`, or binds NULL at once.
    private static func bind(_ value: String?, at position: Int32, into texts: inout SQLiteTextParameters, _ statement: OpaquePointer) {
        if let value { texts.append(value, at: position) } else { sqlite3_bind_null(statement, position) }
    }

    static func store(_ pacing: CampaignPacing, _ db: Database, now: Int64) throws {
        let limits = pacing.limits
        try db.execute(
            sql: """
                INSERT INTO campaign (id, per_recipient_per_hour, per_recipient_per_day, hours_from, hours_to, time_zone,
                                      window_start, window_end, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    per_recipient_per_hour = excluded.per_recipient_per_hour, per_recipient_per_day = excluded.per_recipient_per_day,
                    hours_from = excluded.hours_from, hours_to = excluded.hours_to, time_zone = excluded.time_zone,
                    window_start = excluded.window_start, window_end = excluded.window_end, updated_at = excluded.updated_at
                """,
            arguments: [pacing.campaignID, limits.perRecipientPerHour, limits.perRecipientPerDay, limits.from, limits.to,
                        limits.timeZone, limits.windowStart, limits.windowEnd, now])
    }

    public func pacing() async throws -> [CampaignPacing] {
        try await translatingErrors("reading the campaigns' pacing") {
            try await database.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM campaign ORDER BY id").map { row in
                    CampaignPacing(campaignID: row["id"], limits: SendingLimits(
                        perRecipientPerHour: row["per_recipient_per_hour"], perRecipientPerDay: row["per_recipient_per_day"],
                        from: row["hours_from"], to: row["hours_to"], timeZone: row["time_zone"],
                        windowStart: row["window_start"], windowEnd: row["window_end"]))
                }
            }
        }
    }

    // MARK: Claim

    static let messageColumns = """
        id, idempotency_key, campaign_id, supporter_id, recipient_id, recipient_name, recipient_handle, channel, text, variant,
        language, state, attempts, next_attempt_at, lease_owner, lease_expires_at, last_error, post_id, post_url, created_at,
        updated_at, sent_at, reaches_recipient
        """

    static func message(_ row: Row) -> OutboxMessage {
        // The key is made of the row's parts (column 1 holds its text, kept unique).
        let entry = OutboxEntry(
            idempotencyKey: IdempotencyKey(campaign: row[2], supporter: row[3], recipient: row[4], channelName: row[7]),
            reachesRecipient: row[22], text: row[8], recipientName: row[5], recipientHandle: row[6], variant: row[9],
            language: row[10])
        let stateName: String = row[11]
        return OutboxMessage(
            id: row[0], entry: entry, state: OutboxState(rawValue: stateName) ?? .queued, attempts: row[12],
            nextAttemptAt: Date(outboxMilliseconds: row[13]),
            leaseExpiresAt: (row[15] as Int64?).map(Date.init(outboxMilliseconds:)), leaseOwner: row[14], lastError: row[16],
            postID: row[17], postURL: row[18], createdAt: Date(outboxMilliseconds: row[19]),
            updatedAt: Date(outboxMilliseconds: row[20]), sentAt: (row[21] as Int64?).map(Date.init(outboxMilliseconds:)))
    }

    public func claimDue(limit: Int, filter: ClaimFilter, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) async throws -> [OutboxMessage] {
        guard limit > 0 else { return [] }
        return try await translatingErrors("claiming messages to send") {
            try await database.write { db in
                try Self.claim(db, limit: limit, filter: filter, owner: owner, leaseDuration: leaseDuration, now: now)
            }
        }
    }

    static func claim(_ db: Database, limit: Int, filter: ClaimFilter, owner: LeaseOwner, leaseDuration: TimeInterval, now: Date) throws -> [OutboxMessage] {
        let stamp = now.outboxMilliseconds
        var conditions = [OutboxSchema.waiting, "next_attempt_at <= ?"]
        var arguments: StatementArguments = [stamp]
        if let channels = filter.channels {
            guard !channels.isEmpty else { return [] }
            conditions.append("channel IN (\(databaseQuestionMarks(count: channels.count)))")
            arguments += StatementArguments(channels.sorted())
        }
        if let campaigns = filter.campaigns {
            guard !campaigns.isEmpty else { return [] }
            conditions.append("campaign_id IN (\(databaseQuestionMarks(count: campaigns.count)))")
            arguments += StatementArguments(campaigns.sorted())
        }
        conditions.append(OutboxSchema.notPaused)
        if !filter.closedCampaigns.isEmpty {
            // A channel that reaches no one (the dry run) is not held back by sending hours.
            conditions.append("(campaign_id NOT IN (\(databaseQuestionMarks(count: filter.closedCampaigns.count))) OR reaches_recipient = 0)")
            arguments += StatementArguments(filter.closedCampaigns.sorted())
        }
        // Read a little more than asked: rows held back by a recipient cap are skipped, not claimed.
        let candidates = try Row.fetchAll(
            db, sql: "SELECT \(messageColumns) FROM message WHERE \(conditions.joined(separator: " AND ")) ORDER BY next_attempt_at, id LIMIT ?",
            arguments: arguments + [limit * 2 + 8]
        ).map(message)

        let leaseEnd = (now + leaseDuration).outboxMilliseconds
        let take = try db.cachedStatement(sql: """
            UPDATE message SET state = 'sending', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?, updated_at = ?
            WHERE id = ? AND \(OutboxSchema.waiting)
            """)
        let postpone = try db.cachedStatement(sql: "UPDATE message SET next_attempt_at = ?, updated_at = ? WHERE id = ?")
        var pace = RecipientPace(now: now)
        var claimed: [OutboxMessage] = []
        for var candidate in candidates where claimed.count < limit {
            if candidate.entry.reachesRecipient, let caps = filter.caps[candidate.entry.campaignID] {
                if let later = try pace.postponement(for: candidate.entry, caps: caps, db) {
                    try postpone.execute(arguments: [later.outboxMilliseconds, stamp, candidate.id])
                    continue
                }
                pace.noteClaim(candidate.entry)
            }
            try take.execute(arguments: [owner.description, leaseEnd, stamp, candidate.id])
            guard db.changesCount == 1 else { continue }
            candidate.state = .sending
            candidate.attempts += 1
            candidate.leaseOwner = owner.description
            candidate.leaseExpiresAt = Date(outboxMilliseconds: leaseEnd)
            claimed.append(candidate)
        }
        return claimed
    }

    // MARK: Record

    @discardableResult
    public func record(_ transitions: [RecordedTransition], owner: LeaseOwner, now: Date) async throws -> Int {
        guard !transitions.isEmpty else { return 0 }
        return try await translatingErrors("recording deliveries") {
            try await database.write { db in
                var applied = 0
                for transition in transitions where try Self.apply(transition, owner: owner.description, now: now, db) {
                    applied += 1
                }
                return applied
            }
        }
    }

    /// One row's transition, applied only while `owner` holds the row; with its attempt's log line.
    static func apply(_ recorded: RecordedTransition, owner: String, now: Date, _ db: Database) throws -> Bool {
        let stamp = now.outboxMilliseconds
        let held = "WHERE id = ? AND state = 'sending' AND lease_owner = ?"
        let clearLease = "lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
        let id = recorded.messageID
        let outcome: AttemptOutcome?
        let detail: String?
        // An attempt that did not count (a rate limit) gave its number back; its log line still carries that number.
        var uncounted = 0
        switch recorded.transition {
        case .sent(let postID, let postURL, let duplicate, let message):
            try db.cachedStatement(sql: """
                UPDATE message SET state = 'sent', sent_at = ?, post_id = ?, post_url = ?, last_error = ?, \(clearLease) \(held)
                """).execute(arguments: [stamp, postID, postURL, duplicate ? "already on the platform: \(message ?? "duplicate")" : nil, stamp, id, owner])
            outcome = duplicate ? .duplicate : .delivered
            detail = duplicate ? message : postURL ?? postID
        case .retry(let at, let error, let countsAsAttempt, let attemptOutcome):
            try db.cachedStatement(sql: """
                UPDATE message SET state = 'retrying', next_attempt_at = ?, last_error = ?, attempts = attempts - ?, \(clearLease) \(held)
                """).execute(arguments: [at.outboxMilliseconds, error, countsAsAttempt ? 0 : 1, stamp, id, owner])
            outcome = attemptOutcome
            detail = error
            uncounted = countsAsAttempt ? 0 : 1
        case .dead(let reason, let attemptOutcome):
            try db.cachedStatement(sql: """
                UPDATE message SET state = 'dead', last_error = ?, \(clearLease) \(held)
                """).execute(arguments: [reason, stamp, id, owner])
            outcome = attemptOutcome
            detail = reason
        case .release:
            try db.cachedStatement(sql: """
                UPDATE message SET state = CASE WHEN attempts > 1 THEN 'retrying' ELSE 'queued' END, attempts = attempts - 1, \(clearLease) \(held)
                """).execute(arguments: [stamp, id, owner])
            outcome = nil
            detail = nil
        }
        guard db.changesCount == 1 else { return false }
        if let outcome {
            try db.cachedStatement(sql: """
                INSERT INTO attempt (message_id, number, started_at, finished_at, outcome, detail)
                VALUES (?, (SELECT attempts FROM message WHERE id = ?) + ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    id, id, uncounted, recorded.startedAt.outboxMilliseconds, stamp, outcome.rawValue, detail,
                ])
        }
        return true
    }
}
