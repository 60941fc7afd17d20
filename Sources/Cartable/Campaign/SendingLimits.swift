/// The pace of sending.
public struct SendingLimits: Sendable, Hashable {
    /// At most this many messages to one recipient in an hour.
    public var perRecipientPerHour: Int
    /// At most this many messages to one recipient in a day.
    public var perRecipientPerDay: Int
    /// Sending starts at this time of day, `HH:MM`.
    public var from: String
    /// Sending stops at this time of day, `HH:MM`.
    public var to: String
    /// The time zone of `from`, `to` and the window (IANA name: `Europe/Paris`).
    public var timeZone: String
    /// First day or moment of the campaign, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`.
    public var windowStart: String?
    /// Last day or moment of the campaign.
    public var windowEnd: String?

    /// Limits from their parts (as a campaign file or an outbox stores them).
    public init(
        perRecipientPerHour: Int, perRecipientPerDay: Int, from: String, to: String, timeZone: String,
        windowStart: String?, windowEnd: String?
    ) {
        self.perRecipientPerHour = perRecipientPerHour
        self.perRecipientPerDay = perRecipientPerDay
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.windowStart = windowStart
        self.windowEnd = windowEnd
    }

    /// One message per recipient per hour and per day, 09:00–20:00, Paris time, no window.
    public static let `default` = SendingLimits(
        perRecipientPerHour: 1, perRecipientPerDay: 1, from: "09:00", to: "20:00", timeZone: "Europe/Paris",
        windowStart: nil, windowEnd: nil
    )
}
