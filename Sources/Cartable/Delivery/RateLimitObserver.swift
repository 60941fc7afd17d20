import Foundation
import HTTPTypes

/// An ``HTTPTransport`` that passes requests through and reads every answer's rate-limit headers into the sending
/// account's token bucket, so the dispatcher slows down before the platform says 429, and speeds up when the platform
/// allows more than the channel's default (unless the user chose the limit: see ``AccountLimiter``).
///
/// Header styles read: `x-rate-limit-limit`/`-remaining`/`-reset` (X, reset in epoch seconds; also X's 24-hour
/// triples), `X-RateLimit-Limit`/`-Remaining`/`-Reset` (Mastodon, reset as an ISO 8601 time), `RateLimit-Limit`/
/// `-Remaining`/`-Reset` (Bluesky, epoch seconds; delta seconds as in the IETF draft when the number is small).
/// Bluesky counts write points, 3 per created record, so its numbers are divided by 3 to count posts. Only answers to
/// posts (`POST`) are read, session endpoints excepted: the limits of a handle lookup or a login are not the posting
/// limit.
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
        if request.method == .post, !path.contains("Session"), let reading = Self.reading(response, now: now()) {
            limiter.observe(account, limit: reading.limit, remaining: reading.remaining, reset: reading.reset, now: now())
        }
        return response
    }

    /// The tightest `(limit, remaining, reset)` triple the headers give, if any, in posts.
    public static func reading(_ response: HTTPTransportResponse, now: Date) -> (limit: Int?, remaining: Int, reset: Date?)? {
        var best: (limit: Int?, remaining: Int, reset: Date?)?
        let styles = [("x-rate-limit", 1), ("x-user-limit-24hour", 1), ("x-app-limit-24hour", 1), ("x-ratelimit", 1),
                      ("ratelimit", BlueskySender.writePointsPerPost)]
        for (prefix, cost) in styles {
            guard let remainingText = response.headerValue("\(prefix)-remaining"),
                  let remaining = Int(remainingText.trimmingCharacters(in: .whitespaces)) else { continue }
            let limit = response.headerValue("\(prefix)-limit").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            let reset = resetDate(response.headerValue("\(prefix)-reset"), now: now)
            if let current = best, current.remaining <= remaining / cost { continue }
            best = (limit.map { $0 / cost }, remaining / cost, reset)
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
