import Foundation

/// The outbox out of reach during a ``Dispatcher`` run (the database restarting, down, or the network cut): since
/// when, the last error, and when to try again. The tries back off exponentially with jitter (between half and all of
/// `backoff × 2^tries`, at most `maxBackoff`), so that the workers of one database do not all knock at the same moment
/// when it comes back.
struct OutboxOutage {
    /// When the first error was met.
    let since: Date
    /// The last error (its ``OutboxError/isOutage`` is true).
    private(set) var error: OutboxError
    /// Tries that failed so far.
    private(set) var tries = 0
    /// When to try again.
    private(set) var nextTry: Date

    /// An outage first met at `now`; the first try comes after `backoff` (jittered).
    init(_ error: OutboxError, now: Date, backoff: TimeInterval, maxBackoff: TimeInterval) {
        since = now
        self.error = error
        nextTry = now + Self.delay(tries: 0, backoff: backoff, maxBackoff: maxBackoff)
    }

    /// A try at `now` failed with `error`: the next waits longer.
    mutating func failedAgain(_ error: OutboxError, now: Date, backoff: TimeInterval, maxBackoff: TimeInterval) {
        self.error = error
        tries += 1
        nextTry = now + Self.delay(tries: tries, backoff: backoff, maxBackoff: maxBackoff)
    }

    /// How long the outage has lasted at `now`.
    func duration(at now: Date) -> TimeInterval { max(0, now.timeIntervalSince(since)) }

    static func delay(tries: Int, backoff: TimeInterval, maxBackoff: TimeInterval) -> TimeInterval {
        let ceiling = min(maxBackoff, backoff * pow(2, Double(min(tries, 30))))
        return Double.random(in: (ceiling / 2)...max(ceiling / 2, ceiling))
    }
}
