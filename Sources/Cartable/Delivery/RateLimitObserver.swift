import Foundation
import HTTPTypes

/// An ``HTTPTransport`` that passes requests through and reads every answer's rate-limit headers into the sending
/// account's token bucket, so the dispatcher slows down before the platform says 429.
///
/// Header styles read: `x-rate-limit-remaining`/`-reset` (X, reset in epoch seconds; also X's 24-hour pairs),
/// `X-RateLimit-Remaining`/`-Reset` (Mastodon, reset as an ISO 8601 time), `RateLimit-Remaining`/`-Reset` (Bluesky,
/// epoch seconds; delta seconds as in the IETF draft when the number is small). Session endpoints are skipped: their
/// limits are not the posting limit.
public struct RateLimitObserver: HTTPTransport {
    private let base: any HTTPTransport
    private let account: String
    private let limiter: AccountLimiter
    private let now: @Sendable () -> Date

    /// Wraps `base`; readings go to `account` in `limiter`.
    public init(wrapping base: any HTTPTransport, account: String, limiter: AccountLimiter, now: @escaping @Sendable () -> Date = { Date() }) {
        self.base = base
        self.account = account
        self.limiter = limiter
        self.now = now
    }

    public func send(_ request: HTTPRequest, body: Data?) async throws(HTTPTransportError) -> HTTPTransportResponse {
        let response = try await base.send(request, body: body)
        let path = request.path ?? ""
        if !path.contains("Session"), let reading = Self.reading(response, now: now()) {
            limiter.observe(account, remaining: reading.remaining, reset: reading.reset, now: now())
        }
        return response
    }

    /// The tightest `(remaining, reset)` pair the headers give, if any.
    public static func reading(_ response: HTTPTransportResponse, now: Date) -> (remaining: Int, reset: Date?)? {
        var best: (remaining: Int, reset: Date?)?
        for prefix in ["x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour", "x-ratelimit", "ratelimit"] {
            guard let remainingText = response.headerValue("\(prefix)-remaining"),
                  let remaining = Int(remainingText.trimmingCharacters(in: .whitespaces)) else { continue }
            let reset = resetDate(response.headerValue("\(prefix)-reset"), now: now)
            if let current = best, current.remaining <= remaining { continue }
            best = (remaining, reset)
        }
        return best
    }

    /// A reset time in any of the styles: epoch seconds, delta seconds (small numbers), or ISO 8601.
    static func resetDate(_ value: String?, now: Date) -> Date? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let number = Double(value), number.isFinite, number >= 0 {
            // An epoch after 2001 is above 1e9; anything smaller is a number of seconds from now.
            return number > 1_000_000_000 ? Date(timeIntervalSince1970: number) : now + number
        }
        return RateLimitReset.iso8601(value)
    }
}
