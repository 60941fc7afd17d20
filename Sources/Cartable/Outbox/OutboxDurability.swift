/// How hard each commit is pushed to the disk: SQLite's `synchronous` setting in WAL mode.
public enum OutboxDurability: String, Sendable, Hashable, CaseIterable {
    /// `synchronous=FULL`: every commit is fsynced before it returns. A message `queue` said it queued, and a
    /// `sent` mark, survive a power cut. The default.
    case full
    /// `synchronous=NORMAL`: commits are fsynced at checkpoints only. Never corrupts the outbox, but a power cut (not a
    /// crash of the process) may roll back the last second of commits: queued rows vanish, and sent rows become
    /// `sending` again and are re-sent with the same idempotency key.
    case normal
}
