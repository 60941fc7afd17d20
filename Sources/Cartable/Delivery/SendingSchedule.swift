import Foundation

/// When a campaign may send: its daily hours and its window, in its time zone (``SendingLimits``).
///
/// Hours `from`–`to` are a daily interval; when `from` is later than `to` it runs overnight (`22:00`–`06:00`).
/// A window start or end given as a date means the start of that day, and an end date includes the whole day.
public struct SendingSchedule: Sendable {
    /// Whether sending is allowed at a moment.
    public enum Status: Sendable, Hashable {
        /// Sending is allowed now.
        case open
        /// Not now; it opens at the given time.
        case closedUntil(Date)
        /// The window is over: nothing more may be sent.
        case ended(String)
    }

    private let limits: SendingLimits
    private let calendar: Calendar
    private let fromMinutes: Int
    private let toMinutes: Int
    private let windowStart: Date?
    private let windowEnd: Date?

    /// The schedule of `limits`; an unknown time zone counts as UTC.
    public init(_ limits: SendingLimits) {
        self.limits = limits
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: limits.timeZone) ?? TimeZone(identifier: "UTC") ?? calendar.timeZone
        self.calendar = calendar
        fromMinutes = Self.minutes(limits.from) ?? 0
        toMinutes = Self.minutes(limits.to) ?? 24 * 60
        windowStart = limits.windowStart.flatMap { Self.moment($0, calendar: calendar, endOfDay: false) }
        windowEnd = limits.windowEnd.flatMap { Self.moment($0, calendar: calendar, endOfDay: true) }
    }

    /// Whether `campaign` may send through `channel` at `date`: its hours and window bind only a channel that
    /// reaches recipients (the dry run goes at any hour, even after the window). The one rule for every path that
    /// queues or sends a supporter's message.
    public static func status(of campaign: Campaign, on channel: ChannelDescriptor, at date: Date) -> Status {
        channel.reachesRecipient ? SendingSchedule(campaign.sending).status(at: date) : .open
    }

    /// Whether sending is allowed at `date`, and if not, until when.
    public func status(at date: Date) -> Status {
        if let windowEnd, date >= windowEnd {
            return .ended("the campaign's sending window ended on \(limits.windowEnd ?? "?") (\(limits.timeZone))")
        }
        if let windowStart, date < windowStart {
            return .closedUntil(nextOpening(atOrAfter: windowStart))
        }
        return isWithinHours(date) ? .open : .closedUntil(nextOpening(atOrAfter: date))
    }

    private func minuteOfDay(_ date: Date) -> Int {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    private func isWithinHours(_ date: Date) -> Bool {
        let minute = minuteOfDay(date)
        if fromMinutes < toMinutes { return minute >= fromMinutes && minute < toMinutes }
        return minute >= fromMinutes || minute < toMinutes
    }

    /// The first moment at or after `date` within the hours.
    private func nextOpening(atOrAfter date: Date) -> Date {
        if isWithinHours(date) { return date }
        let startOfDay = calendar.startOfDay(for: date)
        for dayOffset in 0...2 {
            guard let day = calendar.date(byAdding: .day, value: dayOffset, to: startOfDay),
                  let opening = calendar.date(byAdding: .minute, value: fromMinutes, to: day) else { continue }
            if opening > date { return opening }
        }
        return date + 3600
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        return hour * 60 + minute
    }

    static func moment(_ text: String, calendar: Calendar, endOfDay: Bool) -> Date? {
        let halves = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard let datePart = halves.first else { return nil }
        let dateParts = datePart.split(separator: "-").compactMap { Int($0) }
        guard dateParts.count == 3 else { return nil }
        var components = DateComponents(year: dateParts[0], month: dateParts[1], day: dateParts[2])
        if halves.count == 2, let minutes = minutes(halves[1]) {
            components.hour = minutes / 60
            components.minute = minutes % 60
            return calendar.date(from: components)
        }
        guard let day = calendar.date(from: components) else { return nil }
        return endOfDay ? calendar.date(byAdding: .day, value: 1, to: day) : day
    }
}
