import Foundation

/// A sending account's allowance: up to `capacity` requests at once, refilled at `refillPerSecond`, and paused
/// outright until a platform's reset time after a 429 or a `remaining: 0` header.
public struct TokenBucket: Sendable, Hashable {
    /// The most tokens it holds (its burst).
    public private(set) var capacity: Double
    /// Tokens added per second.
    public private(set) var refillPerSecond: Double
    /// Tokens now (as of ``lastRefill``).
    public private(set) var tokens: Double
    /// When ``tokens`` was last brought up to date.
    public private(set) var lastRefill: Date
    /// Nothing is taken before this time.
    public private(set) var pausedUntil: Date?

    /// A full bucket.
    public init(limit: RateLimit, now: Date) {
        capacity = Double(max(1, limit.requests))
        refillPerSecond = Double(max(1, limit.requests)) / max(0.001, limit.period)
        tokens = capacity
        lastRefill = now
    }

    /// The tokens at `now`, without changing the bucket: nothing accrues during a pause, and a pause ends with a
    /// full bucket, because the platform's window starts afresh at its reset time.
    private func projected(_ now: Date) -> (tokens: Double, from: Date, paused: Bool) {
        if let pausedUntil {
            if pausedUntil > now { return (0, now, true) }
            return (min(capacity, capacity + now.timeIntervalSince(pausedUntil) * refillPerSecond), now, false)
        }
        let elapsed = max(0, now.timeIntervalSince(lastRefill))
        return (min(capacity, tokens + elapsed * refillPerSecond), max(now, lastRefill), false)
    }

    private mutating func refill(_ now: Date) {
        let state = projected(now)
        tokens = state.tokens
        lastRefill = state.from
        if !state.paused { pausedUntil = nil }
    }

    /// How many whole tokens can be taken now (0 while paused).
    public mutating func available(now: Date) -> Int {
        refill(now)
        if let pausedUntil, pausedUntil > now { return 0 }
        return Int(tokens.rounded(.down))
    }

    /// Takes `count` tokens (callers take only what ``available(now:)`` allowed).
    public mutating func take(_ count: Int, now: Date) {
        refill(now)
        tokens = max(0, tokens - Double(count))
    }

    /// No request before `until`.
    public mutating func pause(until: Date) {
        pausedUntil = max(pausedUntil ?? until, until)
        tokens = 0
    }

    /// What a platform's headers say: `remaining` requests until `reset`. The bucket never holds more than that, and
    /// pauses until `reset` when nothing remains.
    public mutating func observe(remaining: Int, reset: Date?, now: Date) {
        refill(now)
        tokens = min(tokens, Double(max(0, remaining)))
        if remaining <= 0, let reset, reset > now { pause(until: reset) }
    }

    /// When the next token will be there (now if one is).
    public func nextTokenAt(now: Date) -> Date {
        if let pausedUntil, pausedUntil > now { return pausedUntil }
        let current = projected(now).tokens
        if current >= 1 { return now }
        return now + (1 - current) / refillPerSecond
    }
}

/// So many requests per period: a channel's posting limit.
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Requests allowed per period (also the burst).
    public var requests: Int
    /// The period, in seconds.
    public var period: TimeInterval

    /// A limit.
    public init(requests: Int, period: TimeInterval) {
        self.requests = requests
        self.period = period
    }

    /// Reads `N/s`, `N/m`, `N/h`, `N/15m`, `N/24h` (or `N` per second).
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let count = parts.first.flatMap({ Int($0) }), count > 0 else { return nil }
        var period: TimeInterval = 1
        if parts.count == 2 {
            var unit = parts[1]
            let digits = unit.prefix { $0.isNumber }
            let multiple = digits.isEmpty ? 1 : Double(digits) ?? 0
            unit.removeFirst(digits.count)
            let seconds: Double? = switch unit {
            case "s", "sec", "second": 1
            case "m", "min", "minute": 60
            case "h", "hour": 3600
            case "d", "day": 86_400
            default: nil
            }
            guard let seconds, multiple > 0 else { return nil }
            period = multiple * seconds
        }
        self.init(requests: count, period: period)
    }

    public var description: String {
        let (value, unit): (Double, String) = period.truncatingRemainder(dividingBy: 3600) == 0 ? (period / 3600, "h")
            : period.truncatingRemainder(dividingBy: 60) == 0 ? (period / 60, "m") : (period, "s")
        return "\(requests)/\(value == 1 ? "" : String(Int(value)))\(unit)"
    }

    /// The posting limit Cartable assumes for a channel until the platform's headers say otherwise; `nil` for
    /// channels without one (a webhook is the organiser's own server; the dry run posts nothing).
    ///
    /// - X: 200 posts per 15 minutes per user (the v2 manage-posts limit; lower tiers get a smaller figure from the headers).
    /// - Mastodon: 300 statuses per 3 hours per account (the server's `statuses` limiter).
    /// - Bluesky: 1,666 posts per hour (5,000 write points per hour, 3 per created record).
    public static func channelDefault(_ channel: String) -> RateLimit? {
        switch channel {
        case "x": RateLimit(requests: 200, period: 900)
        case "mastodon": RateLimit(requests: 300, period: 3 * 3600)
        case "bluesky": RateLimit(requests: 1666, period: 3600)
        default: nil
        }
    }
}
