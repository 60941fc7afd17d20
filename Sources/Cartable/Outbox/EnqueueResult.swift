/// What an enqueue did: how many rows were new, and how many were already in the outbox.
public struct EnqueueResult: Sendable, Hashable {
    /// Rows added.
    public var added: Int
    /// Entries whose idempotency key was already in the outbox (left as they were).
    public var alreadyQueued: Int

    /// A result with its two counts.
    public init(added: Int, alreadyQueued: Int) {
        self.added = added
        self.alreadyQueued = alreadyQueued
    }
}
