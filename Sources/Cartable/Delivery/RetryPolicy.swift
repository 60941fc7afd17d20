import Foundation

/// When to try a failed message again: exponential backoff with full jitter, up to a ceiling, for at most
/// ``maxAttempts`` attempts; then the message is dead with the last error as its reason.
///
/// Full jitter (a random delay between 0 and the exponential bound) spreads the retries of many messages that failed
/// together, so they do not hit a recovering server in one wave.
public struct RetryPolicy: Sendable {
    /// How many attempts a message gets before it is dead (rate-limited answers do not count).
    public var maxAttempts: Int
    /// The bound after the first failed attempt; doubled after each further one.
    public var baseDelay: TimeInterval
    /// The ceiling of the bound, however many attempts failed before.
    public var maxDelay: TimeInterval
    /// Picks a number in a range: random in use, fixed in tests.
    public var random: @Sendable (ClosedRange<Double>) -> Double

    /// 8 attempts, 2 s doubling up to 10 minutes.
    public init(
        maxAttempts: Int = 8, baseDelay: TimeInterval = 2, maxDelay: TimeInterval = 600,
        random: @escaping @Sendable (ClosedRange<Double>) -> Double = { Double.random(in: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.random = random
    }

    /// The upper bound of the wait after `attempt` failed attempts (1 for the first): `min(max, base × 2^(attempt-1))`.
    public func bound(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = Double(min(max(attempt - 1, 0), 62))
        return min(maxDelay, baseDelay * pow(2, exponent))
    }

    /// The wait after `attempt` failed attempts: uniformly random between 0 and ``bound(afterAttempt:)``.
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        random(0...bound(afterAttempt: attempt))
    }

    /// Whether a message that has made `attempts` attempts may make another.
    public func allowsAnother(after attempts: Int) -> Bool { attempts < maxAttempts }
}
