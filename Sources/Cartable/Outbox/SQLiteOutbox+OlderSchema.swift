import GRDB

extension SQLiteOutbox {
    /// An outbox an older Cartable wrote, for a command that only reads it (`status`): a private copy (SQLite's
    /// temporary database, deleted when the outbox is closed), brought up to date there by the same migrations a
    /// command that writes applies to the file. The file itself is only read, not a byte of it changed, so existing
    /// outboxes keep working on a read-only disk or beside a `send` that has not migrated them yet.
    static func migratedCopy(of file: DatabaseQueue) throws -> DatabaseQueue {
        defer { try? file.close() }
        let copy = try DatabaseQueue(path: "")
        try file.backup(to: copy)
        try OutboxSchema.migrator.migrate(copy)
        return copy
    }
}
