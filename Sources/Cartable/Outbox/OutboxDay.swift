import Foundation

/// What happened in one day of a campaign, as ``Outbox/report(campaignID:errorLimit:day:)`` counts it: the
/// supporters who queued a message that day and the messages sent, minute by minute.
public struct OutboxDay: Sendable, Hashable, Encodable {
    /// The day counted: from its start (included) to its end (excluded).
    public var start: Date
    /// The day's end (excluded).
    public var end: Date
    /// Distinct supporters (the organiser's batch left out) with a message queued that day.
    public var supporters: Int
    /// Messages sent that day, per minute that had any, in time order.
    public var sentPerMinute: [MinuteCount]

    /// A day's counts.
    public init(start: Date, end: Date, supporters: Int, sentPerMinute: [MinuteCount]) {
        self.start = start
        self.end = end
        self.supporters = supporters
        self.sentPerMinute = sentPerMinute
    }

    /// The messages sent that day in all.
    public var sent: Int { sentPerMinute.reduce(0) { $0 + $1.sent } }

    /// The UTC day (midnight to midnight) that holds `date`: the day the report counts unless told otherwise.
    public static func utcDay(containing date: Date) -> DateInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
        let start = calendar.startOfDay(for: date)
        return DateInterval(start: start, duration: 86_400)
    }

    /// The messages sent in one minute.
    public struct MinuteCount: Sendable, Hashable, Encodable {
        /// The minute's start.
        public var minute: Date
        /// Messages sent in it.
        public var sent: Int

        /// A minute's count.
        public init(minute: Date, sent: Int) {
            self.minute = minute
            self.sent = sent
        }
    }
}
