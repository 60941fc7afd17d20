import Foundation

/// The token buckets of the sending accounts, one per channel (a `cartable send` process posts with one account per
/// channel), shared by the dispatcher and the transports that read rate-limit headers.
public final class AccountLimiter: @unchecked Sendable {
    // Guards `buckets` and `consecutiveLimits`: read by the dispatcher, updated from transport callbacks.
    private let lock = NSLock()
    private var buckets: [String: TokenBucket] = [:]
    private var consecutiveLimits: [String: Int] = [:]
    private let limits: [String: RateLimit]
    private let chosen: Set<String>

    /// Buckets for the accounts that have a limit; accounts without one are never held back except by a pause.
    /// - Parameter chosen: the accounts whose limit the user chose (`--rate`): the platform's headers may lower their
    ///   allowance but never raise it. The others start from a default and follow the headers both ways.
    public init(limits: [String: RateLimit], chosen: Set<String> = [], now: Date = Date()) {
        self.limits = limits
        self.chosen = chosen
        for (account, limit) in limits { buckets[account] = TokenBucket(limit: limit, now: now) }
    }

    /// One account per channel, whatever sender serves it (built in or not): each starts from `rate` when the user
    /// chose one (the platform's headers may lower it but never raise it), else from its descriptor's
    /// ``ChannelDescriptor/defaultRateLimit`` (which the headers move both ways); a channel with neither is held back
    /// only by a pause.
    public convenience init(channels: [ChannelDescriptor], rate: RateLimit? = nil, now: Date = Date()) {
        var limits: [String: RateLimit] = [:]
        for channel in channels {
            if let limit = rate ?? channel.defaultRateLimit { limits[channel.name] = limit }
        }
        self.init(limits: limits, chosen: rate == nil ? [] : Set(limits.keys), now: now)
    }

    /// The limit an account started with.
    public func limit(for account: String) -> RateLimit? { limits[account] }

    /// How many requests the account may start now (`Int.max` without a limit and without a pause).
    public func available(_ account: String, now: Date) -> Int {
        lock.withLock {
            if var bucket = buckets[account] {
                let count = bucket.available(now: now)
                buckets[account] = bucket
                return limits[account] == nil && count > 0 ? Int.max : count
            }
            return Int.max
        }
    }

    /// Takes `count` requests from the account's allowance.
    public func take(_ account: String, count: Int, now: Date) {
        lock.withLock {
            guard limits[account] != nil, var bucket = buckets[account] else { return }
            bucket.take(count, now: now)
            buckets[account] = bucket
        }
    }

    /// The account was rate-limited: no request before `until` (when the platform said), otherwise after an
    /// exponential pause that grows with each 429 in a row. Returns when the account resumes.
    @discardableResult
    public func rateLimited(_ account: String, until: Date?, now: Date) -> Date {
        lock.withLock {
            let streak = consecutiveLimits[account, default: 0] + 1
            consecutiveLimits[account] = streak
            let resume = until.map { max($0, now) } ?? now + min(900, pow(2, Double(min(streak, 10))))
            var bucket = buckets[account] ?? TokenBucket(limit: limits[account] ?? RateLimit(requests: 1_000_000, period: 1), now: now)
            bucket.pause(until: resume)
            buckets[account] = bucket
            return resume
        }
    }

    /// A request of the account got an answer that was not a rate limit.
    public func succeeded(_ account: String) {
        lock.withLock { consecutiveLimits[account] = 0 }
    }

    /// What a platform's headers said about the account's allowance: `remaining` of `limit` until `reset`. It raises
    /// the account's bucket as well as lowering it, unless the user chose the account's limit.
    public func observe(_ account: String, limit: Int? = nil, remaining: Int, reset: Date?, now: Date) {
        lock.withLock {
            var bucket = buckets[account] ?? TokenBucket(limit: limits[account] ?? RateLimit(requests: 1_000_000, period: 1), now: now)
            bucket.observe(limit: limit, remaining: remaining, reset: reset, now: now, mayRaise: !chosen.contains(account))
            buckets[account] = bucket
        }
    }

    /// Until when the account is paused, if it is.
    public func pausedUntil(_ account: String, now: Date) -> Date? {
        lock.withLock {
            guard let until = buckets[account]?.pausedUntil, until > now else { return nil }
            return until
        }
    }

    /// The account's bucket as it stands (`nil` for an account without a limit that was never paused or observed).
    public func bucket(for account: String) -> TokenBucket? {
        lock.withLock { buckets[account] }
    }

    /// When the account may next start a request.
    public func nextAllowed(_ account: String, now: Date) -> Date {
        lock.withLock { buckets[account]?.nextTokenAt(now: now) ?? now }
    }
}
