import Foundation

/// How a claim of one message by its key ended (``Outbox/claim(_:caps:owner:leaseDuration:now:)``).
public enum OneMessageClaim: Sendable, Hashable {
    /// Held by the owner under a lease: send it, then record the outcome.
    case claimed(OutboxMessage)
    /// A per-recipient cap holds it: it stays queued, due at `until` (written in the row).
    case heldByCap(until: Date)
    /// Its campaign is paused (``Outbox/pause(campaignID:now:)``): it stays as it is, and goes once the campaign is
    /// resumed.
    case paused(OutboxMessage)
    /// It is not waiting to go now (already sent, being sent, dead, cancelled, or due later): as it is.
    case notClaimable(OutboxMessage)
    /// No row has that key.
    case missing
}
