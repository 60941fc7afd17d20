/// At most this many messages to one recipient per hour and per day (a campaign's `per_recipient` limits).
public struct RecipientCaps: Sendable, Hashable {
    /// Messages sent, or being sent, to one recipient in the last hour.
    public var perHour: Int
    /// Messages sent, or being sent, to one recipient in the last 24 hours.
    public var perDay: Int

    /// Caps of so many per hour and per day.
    public init(perHour: Int, perDay: Int) {
        self.perHour = perHour
        self.perDay = perDay
    }

    /// The caps of a campaign's sending limits.
    public init(_ limits: SendingLimits) {
        self.init(perHour: limits.perRecipientPerHour, perDay: limits.perRecipientPerDay)
    }
}
