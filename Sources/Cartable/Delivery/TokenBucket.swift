import Foundation

/// A sending account's allowance: up to `capacity` requests at once, refilled at `refillPerSecond`, and paused
/// outright until a platform's reset time after a 429 or a `remaining: 0` header. It starts from a default or the
/// user's limit, and follows what the platform's headers state (``observe(limit:remaining:reset:now:mayRaise:)``).
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

    /// How many whole tokens can be taken now (0 while paused), at most ``mostPerWindow``.
    public mutating func available(now: Date) -> Int {
        refill(now)
        if let pausedUntil, pausedUntil > now { return 0 }
        return Int(min(tokens, Double(Self.mostPerWindow)).rounded(.down))
    }

    /// The most requests a bucket counts per window. No platform grants more; a header stating more is broken, and
    /// is read as this many (a larger number would not even fit an `Int` once refilled).
    public static let mostPerWindow = 1_000_000

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

    /// The period the bucket refills over, in seconds: its capacity at its refill rate.
    public var period: TimeInterval { capacity / refillPerSecond }

    /// What a platform's headers say: `remaining` requests until `reset`, out of `limit` per window. The bucket never
    /// holds more than `remaining`, and pauses until `reset` when nothing remains.
    ///
    /// With `mayRaise`, the platform's word also raises the bucket: `limit` becomes its capacity (refilled over the
    /// same period, or until `reset` when that is further away, since the window lasts at least that long) and
    /// `remaining` its tokens, above the default it started from. Without it (a limit the user chose), the headers
    /// only ever lower the allowance.
    public mutating func observe(limit: Int? = nil, remaining: Int, reset: Date?, now: Date, mayRaise: Bool = false) {
        refill(now)
        let limit = limit.map { min($0, Self.mostPerWindow) }, remaining = min(remaining, Self.mostPerWindow)
        if mayRaise, let limit, limit > 0 {
            var window = period
            if let reset, reset.timeIntervalSince(now) > window { window = reset.timeIntervalSince(now) }
            capacity = Double(limit)
            refillPerSecond = capacity / max(0.001, window)
            tokens = min(capacity, Double(max(0, remaining)))
        } else if mayRaise {
            tokens = min(capacity, Double(max(0, remaining)))
        } else {
            tokens = min(tokens, Double(max(0, remaining)))
        }
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
