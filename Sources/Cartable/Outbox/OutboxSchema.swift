import GRDB

/// The outbox's tables, as named GRDB migrations: a file opened by a later Cartable is migrated forward in order;
/// a file written by a newer Cartable (with migrations this one does not know) is refused.
enum OutboxSchema {
    // Written as OR chains, not `state IN (...)`: SQLite builds an IN list's lookup table once per statement run, which
    // for a one-row INSERT (the CHECK below) is once per row and halves the enqueue speed. Queries use the same
    // expressions as the partial indexes' WHERE, which is what lets the planner use those indexes.
    /// Rows a sender may claim.
    static let waiting = "(state = 'queued' OR state = 'retrying')"
    /// Rows that count against a recipient's caps.
    static let paced = "(state = 'sending' OR state = 'sent')"
    /// Rows whose campaign is not paused (for a statement on `message`).
    static let notPaused = "NOT EXISTS (SELECT 1 FROM paused_campaign WHERE paused_campaign.campaign_id = message.campaign_id)"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: messages, campaign pacing, attempt log") { db in
            // Times are integer milliseconds since 1970 (UTC): compact, exact, and ordered.
            try db.execute(sql: """
                CREATE TABLE campaign (
                    id TEXT PRIMARY KEY NOT NULL,
                    per_recipient_per_hour INTEGER NOT NULL,
                    per_recipient_per_day INTEGER NOT NULL,
                    hours_from TEXT NOT NULL,
                    hours_to TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    window_start TEXT,
                    window_end TEXT,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE message (
                    id INTEGER PRIMARY KEY,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    campaign_id TEXT NOT NULL,
                    supporter_id TEXT NOT NULL,
                    recipient_id TEXT NOT NULL,
                    recipient_name TEXT,
                    recipient_handle TEXT,
                    channel TEXT NOT NULL,
                    text TEXT NOT NULL,
                    variant TEXT,
                    language TEXT,
                    state TEXT NOT NULL DEFAULT 'queued' CHECK (
                        state = 'queued' OR state = 'sending' OR state = 'sent' OR state = 'retrying' OR state = 'dead' OR state = 'cancelled'),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER NOT NULL,
                    lease_owner TEXT,
                    lease_expires_at INTEGER,
                    last_error TEXT,
                    post_id TEXT,
                    post_url TEXT,
                    created_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    sent_at INTEGER,
                    -- A lease exists exactly while the row is being sent.
                    CHECK ((state = 'sending') = (lease_owner IS NOT NULL AND lease_expires_at IS NOT NULL))
                );
                -- What the dispatcher claims next. Partial, so sent rows cost nothing here.
                CREATE INDEX message_due ON message(next_attempt_at, id) WHERE \(waiting);
                -- Leases to recover after a crash.
                CREATE INDEX message_lease ON message(lease_expires_at) WHERE state = 'sending';
                -- Per-recipient caps: what was sent (or is being sent) to a recipient, and when.
                CREATE INDEX message_pace ON message(campaign_id, recipient_id, sent_at) WHERE \(paced);
                CREATE TABLE attempt (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL,
                    started_at INTEGER NOT NULL,
                    finished_at INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    detail TEXT
                );
                CREATE INDEX attempt_message ON attempt(message_id);
                """)
        }
        migrator.registerMigration("v2: rows say whether their channel reaches the recipient; keys name the sending channel") { db in
            try db.execute(sql: """
                ALTER TABLE message ADD COLUMN reaches_recipient INTEGER NOT NULL DEFAULT 1
                    CHECK (reaches_recipient = 0 OR reaches_recipient = 1)
                """)
            // Before v2, the dry run was the one channel that reached no one.
            try db.execute(sql: "UPDATE message SET reaches_recipient = 0 WHERE channel = ?", arguments: [ChannelDescriptor.dryRun.name])
            // Before v2, a message sent by its platform's own sender had the campaign's channel as its key's last part
            // (`.../twitter` for a row sent by `x`); a key is now made of the row's own parts, the sending channel last.
            let rows = try Row.fetchAll(db, sql: "SELECT id, campaign_id, supporter_id, recipient_id, channel, idempotency_key FROM message")
            let rewrite = try db.makeStatement(sql: "UPDATE message SET idempotency_key = ? WHERE id = ?")
            for row in rows {
                let key = IdempotencyKey(campaign: row[1], supporter: row[2], recipient: row[3], channelName: row[4]).rawValue
                if key != row[5] as String { try rewrite.execute(arguments: [key, row[0] as Int64]) }
            }
        }
        migrator.registerMigration("v3: paused campaigns") { db in
            // A campaign listed here is held by every sender until it is resumed (its row deleted).
            try db.execute(sql: """
                CREATE TABLE paused_campaign (
                    campaign_id TEXT PRIMARY KEY NOT NULL,
                    paused_at INTEGER NOT NULL
                )
                """)
        }
        return migrator
    }
}
