import Foundation

/// When a rate limit lifts, read from the header styles the platforms use.
public enum RateLimitReset {
    /// `Retry-After`: delta-seconds (`120`) or an HTTP-date, relative to `now`.
    public static func retryAfter(_ value: String?, now: Date) -> Date? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value), seconds >= 0 {
            return now.addingTimeInterval(Double(seconds))
        }
        return InternetDate.httpDate(value)
    }

    /// Unix epoch seconds, as X's `x-rate-limit-reset` and Bluesky's `RateLimit-Reset` send them.
    public static func epochSeconds(_ value: String?) -> Date? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), let seconds = Double(value), seconds.isFinite, seconds >= 0
        else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// An ISO 8601 timestamp, as Mastodon's `X-RateLimit-Reset` sends it.
    public static func iso8601(_ value: String?) -> Date? {
        value.flatMap(InternetDate.iso8601)
    }
}
