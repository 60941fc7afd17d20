import Foundation

/// How many messages of a campaign a deputy has received or has on the way, from the outbox: what suggestions
/// ranks by and what the per-recipient caps are checked against.
public struct RecipientLoad: Sendable, Hashable {
    /// Messages sent, being sent, queued or retrying (dead and cancelled ones reach no one and do not count).
    public var messages: Int
    /// Sent or being sent in the last hour.
    public var lastHour: Int
    /// Sent or being sent in the last 24 hours.
    public var lastDay: Int
    /// When the oldest send of the last hour frees its slot (an hour after it), if any was sent.
    public var hourSlotFreesAt: Date?
    /// When the oldest send of the last 24 hours frees its slot.
    public var daySlotFreesAt: Date?

    /// A load from its counts and the times its slots free.
    public init(messages: Int = 0, lastHour: Int = 0, lastDay: Int = 0, hourSlotFreesAt: Date? = nil, daySlotFreesAt: Date? = nil) {
        self.messages = messages
        self.lastHour = lastHour
        self.lastDay = lastDay
        self.hourSlotFreesAt = hourSlotFreesAt
        self.daySlotFreesAt = daySlotFreesAt
    }

    /// No message yet.
    public static let none = RecipientLoad()

    /// `nil` when one more message may go now under `limits`; otherwise when a slot frees up (or `now` plus a
    /// minute when the slot is held by a message being sent, whose time is not known yet).
    public func capFreesAt(_ limits: SendingLimits, now: Date) -> Date? {
        var until: Date?
        if lastHour >= limits.perRecipientPerHour {
            until = hourSlotFreesAt ?? now + 60
        }
        if lastDay >= limits.perRecipientPerDay {
            let dayFree = daySlotFreesAt ?? now + 60
            until = max(until ?? dayFree, dayFree)
        }
        return until
    }
}
