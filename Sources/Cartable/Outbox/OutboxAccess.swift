/// How a command uses the outbox file, which decides how it is opened.
public enum OutboxAccess: Sendable, Hashable {
    /// Only reads (`status`, a supporter's link): opened read-only, never migrated or created; a read-only file is
    /// fine.
    case readOnly
    /// Reads and writes an outbox that must already exist (`send`, `retry`, `cancel`); migrated forward if older.
    case readWrite
    /// Creates the outbox when no file is there (`queue`, `write --via`), else as ``readWrite``.
    case createIfMissing
}
