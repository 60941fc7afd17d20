import Foundation

/// One row of the outbox as stored: the message, where it is in its life, and what happened to it so far.
public struct OutboxMessage: Sendable, Hashable {
    /// The row's number in the outbox (how an ``OutboxSelection`` names it).
    public var id: Int64
    /// The message as it was queued: key, text, recipient.
    public var entry: OutboxEntry
    /// Where it is in its life: queued, sending, sent, retrying, dead or cancelled.
    public var state: OutboxState
    /// How many attempts were started (a rate-limited answer does not count).
    public var attempts: Int
    /// When the next attempt may start.
    public var nextAttemptAt: Date
    /// While `sending`: until when the claiming process holds it.
    public var leaseExpiresAt: Date?
    /// While `sending`: which process holds it (see ``LeaseOwner``).
    public var leaseOwner: String?
    /// Why the last attempt failed, or why the row is dead.
    public var lastError: String?
    /// The platform's id of the post, once sent (when the platform gives one).
    public var postID: String?
    /// The post's URL, once sent (when the platform gives one).
    public var postURL: String?
    /// When the row was queued.
    public var createdAt: Date
    /// When the row last changed.
    public var updatedAt: Date
    /// When it was sent.
    public var sentAt: Date?

    /// A row as an ``Outbox`` implementation reads it from its store.
    public init(
        id: Int64, entry: OutboxEntry, state: OutboxState, attempts: Int, nextAttemptAt: Date, leaseExpiresAt: Date?,
        leaseOwner: String?, lastError: String?, postID: String?, postURL: String?, createdAt: Date, updatedAt: Date, sentAt: Date?
    ) {
        self.id = id
        self.entry = entry
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.leaseExpiresAt = leaseExpiresAt
        self.leaseOwner = leaseOwner
        self.lastError = lastError
        self.postID = postID
        self.postURL = postURL
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sentAt = sentAt
    }

    /// The message as a ``MessageSender`` takes it.
    public var outgoing: OutgoingMessage {
        OutgoingMessage(
            idempotencyKey: entry.idempotencyKey, text: entry.text, recipientHandle: entry.recipientHandle,
            variant: entry.variant, language: entry.language)
    }
}
