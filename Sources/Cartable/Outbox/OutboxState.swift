/// Where a message is in its life, as stored in the outbox's `state` column.
///
/// ```
///            claim (lease)             delivered / duplicate
///  queued ──────────────► sending ───────────────────────────► sent
///    ▲  ▲                  │  │ transient, rate limit, lease expired
///    │  │ release          │  └──────────────────────────────► retrying ──claim──► sending
///    │  └──────────────────┘ permanent failure, attempts used up, window over
///    │                        └──────────────────────────────► dead ──retry──► queued
///  queued, retrying ──cancel──► cancelled ──retry──► queued
/// ```
///
/// `sent`, `dead` and `cancelled` are final until someone runs `cartable retry`.
public enum OutboxState: String, Sendable, Hashable, CaseIterable, Codable {
    /// Waiting for its first attempt.
    case queued
    /// Claimed by a sender process that holds a lease on it; the request may be on its way.
    case sending
    /// On the platform (delivered, or the platform said it already had it).
    case sent
    /// An attempt failed in a way that may pass; the next one is due at `next_attempt_at`.
    case retrying
    /// Given up on, with the reason in `last_error`.
    case dead
    /// Withdrawn by the organiser before it was sent.
    case cancelled

    /// The states a sender may claim a row from.
    public static let claimable: [OutboxState] = [.queued, .retrying]

    /// Whether nothing more will happen to the row unless someone acts on it.
    public var isFinal: Bool {
        switch self {
        case .sent, .dead, .cancelled: true
        case .queued, .sending, .retrying: false
        }
    }
}
